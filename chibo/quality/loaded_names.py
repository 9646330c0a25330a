"""The names of the alert rules chibo's data migration loads, marked for the English catalog.

Migrations are frozen history and makemessages does not read them, so the names are repeated here;
`alerts.Rule.display_name` looks them up at run time. A committee's own rule names are not in the catalog
and show as written. A test checks that every rule the migrations load is listed.
"""

from django.utils.translation import gettext_noop

ALERT_RULE_NAMES = (
    gettext_noop("Không sinh hoạt thường kỳ trong tháng"),
    # xgettext:no-python-format
    gettext_noop("Tỷ lệ dự sinh hoạt dưới 90% hai tháng liền"),
    gettext_noop("Có đảng viên vắng không lý do"),
    gettext_noop("Có đảng viên vắng 3 buổi liên tiếp"),
    gettext_noop("Có đảng viên vắng không lý do 3 tháng trong năm (xem xét xóa tên)"),
    # xgettext:no-python-format
    gettext_noop("Tỷ lệ phát biểu từ 30% trở xuống ba tháng liền"),
    gettext_noop("Buổi sinh hoạt xếp loại Trung bình hoặc Kém"),
    # xgettext:no-python-format
    gettext_noop("Nhiệm vụ của nghị quyết kỳ trước hoàn thành dưới 50%"),
)
