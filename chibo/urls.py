from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

urlpatterns = [
    path("", include("chibo.accounts.urls")),
    path("", include("chibo.organizations.urls")),
    path("", include("chibo.meetings.urls")),
    path("", include("chibo.quality.urls")),
    path("", include("chibo.reports.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]
