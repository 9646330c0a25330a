"""The upload form of a member or organization list: only the shape of the file is checked here.

What is inside the file (every row) is checked by imports/, in the background.
"""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from chibo.organizations.imports.reading import EXTENSIONS, file_extension
from chibo.organizations.models import ImportJob

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a 100,000-row .xlsx is about 6 MB; a .csv about twice that
ZIP_MAGIC = b"PK\x03\x04"  # every .xlsx is a zip archive


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại danh sách"), choices=ImportJob.Kind.choices,
                             initial=ImportJob.Kind.MEMBERS, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("Tệp danh sách (.xlsx hoặc .csv)"),
        help_text=_("Tệp Excel hoặc CSV như văn phòng đang dùng; dòng tiêu đề có thể nằm dưới các dòng tên đơn vị. "
                    "Tối đa 20 MB."),
        error_messages={"required": _("Hãy chọn tệp danh sách."), "empty": _("Tệp đã chọn không có nội dung."),
                        "invalid": _("Không nhận được tệp; hãy chọn lại.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Chỉ kiểm tra, không ghi"), required=False,
        help_text=_("Xem trước và tìm lỗi mà không thêm hay sửa đảng viên nào."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        ext = file_extension(upload.name or "")
        if ext == ".xls":
            raise forms.ValidationError(_("Tệp .xls (Excel 97–2003) chưa đọc được: hãy mở bằng Excel và "
                                          "“Lưu thành” dạng .xlsx."))
        if ext not in EXTENSIONS:
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (%(size)s); tối đa %(max)s. Hãy chia danh sách thành "
                                          "nhiều tệp.") % {"size": filesizeformat(upload.size),
                                                             "max": filesizeformat(MAX_UPLOAD_BYTES)})
        if ext == ".xlsx":
            upload.seek(0)
            if upload.read(4) != ZIP_MAGIC:
                raise forms.ValidationError(_("Tệp không phải là tệp Excel .xlsx hợp lệ (có thể chỉ đổi tên đuôi)."))
            upload.seek(0)
        return upload
