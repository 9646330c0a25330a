"""URLs of meeting quality. Paths are Vietnamese; names are English; every id goes through access.py."""

from django.urls import path

from chibo.quality.views import ratings, rubrics, support

app_name = "quality"
urlpatterns = [
    # --- rubrics (views/rubrics.py) ---
    path("to-chuc/<str:code>/thang-diem/", rubrics.rubric_list, name="rubric_list"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/", rubrics.rubric_detail, name="rubric_detail"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/sao-chep/", rubrics.rubric_clone, name="rubric_clone"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/sua/", rubrics.rubric_edit, name="rubric_edit"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/diem/", rubrics.rubric_points, name="rubric_points"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/khoang/<int:item_id>/", rubrics.item_bands,
         name="item_bands"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/dieu-kien/", rubrics.rubric_gates, name="rubric_gates"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/ban-hanh/", rubrics.rubric_publish, name="rubric_publish"),
    # the structure of a draft (views/rubrics.py): tiêu chí = criterion, nội dung = sub-item
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/tieu-chi/them/", rubrics.criterion_add, name="criterion_add"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/tieu-chi/<int:criterion_id>/xoa/", rubrics.criterion_remove,
         name="criterion_remove"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/tieu-chi/<int:criterion_id>/chuyen/", rubrics.criterion_move,
         name="criterion_move"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/tieu-chi/<int:criterion_id>/them-noi-dung/", rubrics.item_add,
         name="item_add"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/noi-dung/<int:item_id>/", rubrics.item_edit, name="item_edit"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/noi-dung/<int:item_id>/xoa/", rubrics.item_remove,
         name="item_remove"),
    path("to-chuc/<str:code>/thang-diem/<int:rubric_id>/noi-dung/<int:item_id>/chuyen/", rubrics.item_move,
         name="item_move"),
    # --- ratings (views/ratings.py) ---
    path("sinh-hoat/<int:meeting_id>/danh-gia/", ratings.meeting_ratings, name="meeting_ratings"),
    path("sinh-hoat/<int:meeting_id>/danh-gia/tu-danh-gia/", ratings.rate_self, name="rate_self"),
    path("sinh-hoat/<int:meeting_id>/danh-gia/cap-tren/", ratings.rate_superior, name="rate_superior"),
    path("to-chuc/<str:code>/danh-gia-khac-nhau/", ratings.disagreements, name="disagreements"),
    # --- cells needing support (views/support.py) ---
    path("to-chuc/<str:code>/can-ho-tro/", support.cells_needing_support, name="cells_needing_support"),
    path("to-chuc/<str:code>/ho-tro/", support.support_actions, name="support_actions"),
    path("ho-tro/<int:action_id>/ket-qua/", support.support_outcome, name="support_outcome"),
]
