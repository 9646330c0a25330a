"""The party organization tree and its members.

The tree is a materialized path (`Organization.path`, one zero-padded id per level):
a whole subtree is one indexed prefix query on SQLite and PostgreSQL alike, and a move
rewrites the paths of the subtree in one UPDATE (docs/decisions/0001-org-tree.md).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.core import text

PATH_STEP = 9  # "000000123." — room for a billion organizations


class OrganizationKind(models.TextChoices):
    PROVINCE = "province", _("Đảng bộ tỉnh, thành phố")
    CENTRAL = "central", _("Đảng bộ trực thuộc Trung ương")
    COMMUNE = "commune", _("Đảng bộ xã, phường, đặc khu")
    DISTRICT = "district", _("Đảng bộ huyện, quận (trước 01/7/2025)")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Đảng bộ cơ sở")
    PARTIAL_COMMITTEE = "partial_committee", _("Đảng bộ bộ phận")
    GRASSROOTS_CELL = "grassroots_cell", _("Chi bộ cơ sở")
    SUBORDINATE_CELL = "subordinate_cell", _("Chi bộ trực thuộc")
    PARTY_GROUP = "party_group", _("Tổ đảng")


CELL_KINDS = (OrganizationKind.GRASSROOTS_CELL, OrganizationKind.SUBORDINATE_CELL)
COMMITTEE_KINDS = tuple(k for k in OrganizationKind if k not in CELL_KINDS and k != OrganizationKind.PARTY_GROUP)
TERM_KINDS = (*CELL_KINDS, *COMMITTEE_KINDS)  # units that hold congresses (a party group, tổ đảng, does not)


class Sector(models.TextChoices):
    RESIDENTIAL = "residential", _("Thôn, tổ dân phố")
    ADMINISTRATIVE = "administrative", _("Cơ quan hành chính, đơn vị sự nghiệp")
    STATE_ENTERPRISE = "state_enterprise", _("Doanh nghiệp nhà nước")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Doanh nghiệp ngoài nhà nước, FDI")
    EDUCATION = "education", _("Trường học, học sinh sinh viên")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")


class OrganizationQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "OrganizationQuerySet":
        return self.filter(Q(valid_from__lte=day) | Q(valid_from__isnull=True)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def cells(self) -> "OrganizationQuerySet":
        return self.filter(kind__in=CELL_KINDS)


class Organization(models.Model):
    code = models.CharField(_("mã tổ chức"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại tổ chức"), max_length=30, choices=OrganizationKind.choices)
    sector = models.CharField(_("loại hình"), max_length=30, choices=Sector.choices, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("tổ chức cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("thành lập từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("giải thể/hợp nhất ngày"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("hợp nhất vào"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="merged_from",
    )
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    usual_meeting_day = models.PositiveSmallIntegerField(
        _("ngày sinh hoạt hằng tháng"), null=True, blank=True,
        help_text=_("Ví dụ 3 nghĩa là ngày 3 hằng tháng."),
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="organization_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_cell(self) -> bool:
        return self.kind in CELL_KINDS

    @property
    def is_active(self) -> bool:
        return self.valid_to is None or self.valid_to >= timezone.localdate()

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.split(".") if part][:-1]

    def clean(self) -> None:
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Tổ chức không thể trực thuộc chính nó.")})
        if self.usual_meeting_day is not None and not 1 <= self.usual_meeting_day <= 31:
            raise ValidationError({"usual_meeting_day": _("Ngày sinh hoạt phải từ 1 đến 31.")})


class OrganizationChange(models.Model):
    """A reorganisation step, kept so that the past stays findable (move, merge, split, close)."""

    class Kind(models.TextChoices):
        CREATE = "create", _("Thành lập")
        MOVE = "move", _("Chuyển trực thuộc")
        MERGE = "merge", _("Hợp nhất")
        SPLIT = "split", _("Chia tách")
        CLOSE = "close", _("Giải thể")

    kind = models.CharField(_("loại thay đổi"), max_length=10, choices=Kind.choices)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="changes")
    other = models.ForeignKey(
        Organization, verbose_name=_("tổ chức liên quan"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    old_parent = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    new_parent = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    effective_date = models.DateField(_("ngày hiệu lực"))
    decision = models.CharField(_("quyết định"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thay đổi tổ chức")
        verbose_name_plural = _("thay đổi tổ chức")
        ordering = ["-effective_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.organization} {self.effective_date:%d/%m/%Y}"


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class MemberStatus(models.TextChoices):
    PROBATIONARY = "probationary", _("Dự bị")
    OFFICIAL = "official", _("Chính thức")


class ExitKind(models.TextChoices):
    TRANSFERRED_OUT = "transferred_out", _("Chuyển sinh hoạt ra ngoài")
    DECEASED = "deceased", _("Từ trần")
    REMOVED = "removed", _("Xóa tên")
    EXPELLED = "expelled", _("Khai trừ")
    RESIGNED = "resigned", _("Xin ra khỏi Đảng")


class Member(models.Model):
    full_name = models.CharField(_("họ và tên"), max_length=120)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, blank=True)
    religion = models.CharField(_("tôn giáo"), max_length=40, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, null=True, blank=True, unique=True)
    admission_date = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    official_date = models.DateField(_("ngày chính thức"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=15, choices=MemberStatus.choices, default=MemberStatus.OFFICIAL
    )
    special_duty = models.BooleanField(
        _("làm nhiệm vụ đặc biệt (lực lượng vũ trang)"), default=False,
        help_text=_("Không tính vào số đảng viên phải có mặt."),
    )
    exit_kind = models.CharField(_("ra khỏi danh sách"), max_length=20, choices=ExitKind.choices, blank=True)
    exit_date = models.DateField(_("ngày ra khỏi danh sách"), null=True, blank=True)
    exit_note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        ordering = ["sort_key", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(official_date__isnull=True) | Q(admission_date__isnull=True)
                | Q(official_date__gte=models.F("admission_date")),
                name="member_official_after_admission",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def set_name(self, full_name: str) -> None:
        """Store the name in NFC with its search and sort keys (always through here)."""
        self.full_name = text.clean(full_name)
        self.search_name = text.fold(self.full_name)
        self.sort_key = text.name_sort_key(self.full_name)[:255]

    @property
    def given_name(self) -> str:
        return text.given_name(self.full_name)

    @property
    def has_exited(self) -> bool:
        return bool(self.exit_kind)

    def clean(self) -> None:
        errors = {}
        if self.status == MemberStatus.OFFICIAL and self.admission_date and not self.official_date:
            errors["official_date"] = _("Đảng viên chính thức cần có ngày chính thức.")
        if self.official_date and self.admission_date and self.official_date < self.admission_date:
            errors["official_date"] = _("Ngày chính thức không thể trước ngày vào Đảng.")
        if self.birth_date and self.admission_date and self.admission_date <= self.birth_date:
            errors["admission_date"] = _("Ngày vào Đảng phải sau ngày sinh.")
        if errors:
            raise ValidationError(errors)


class MembershipKind(models.TextChoices):
    REGULAR = "regular", _("Sinh hoạt chính thức")
    TEMPORARY = "temporary", _("Sinh hoạt tạm thời")


class Membership(models.Model):
    """A period in which a member belongs to (or is temporarily attached to) a cell."""

    class EndReason(models.TextChoices):
        TRANSFER = "transfer", _("Chuyển sinh hoạt")
        EXIT = "exit", _("Ra khỏi danh sách")
        REORGANISATION = "reorganisation", _("Sắp xếp tổ chức")
        ATTACHMENT_ENDED = "attachment_ended", _("Hết sinh hoạt tạm thời")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="memberships"
    )
    kind = models.CharField(_("hình thức"), max_length=10, choices=MembershipKind.choices, default=MembershipKind.REGULAR)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    planned_end_date = models.DateField(_("dự kiến đến ngày"), null=True, blank=True)
    end_reason = models.CharField(_("lý do kết thúc"), max_length=20, choices=EndReason.choices, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quá trình sinh hoạt")
        verbose_name_plural = _("quá trình sinh hoạt")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(end_date__isnull=True, kind="regular"),
                name="one_open_regular_membership",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["organization", "end_date"], name="membership_org_end_idx")]

    def __str__(self) -> str:
        return f"{self.member} @ {self.organization}"


class PositionTitle(models.TextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    COMMITTEE_MEMBER = "committee_member", _("Chi ủy viên")
    GROUP_LEADER = "group_leader", _("Tổ trưởng tổ đảng")


class Position(models.Model):
    """A party office held (bí thư, phó bí thư, chi ủy viên) — not an app permission."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="positions")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("chức vụ"), max_length=20, choices=PositionTitle.choices)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("chức vụ đảng")
        verbose_name_plural = _("chức vụ đảng")
        ordering = ["title", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="position_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_title_display()} — {self.member}"


class ExemptionKind(models.TextChoices):
    AGE_HEALTH = "age_health", _("Tuổi cao, sức khỏe yếu")
    ILLNESS = "illness", _("Điều trị bệnh dài ngày")
    ABROAD = "abroad", _("Ở nước ngoài")
    REMOTE_WORK = "remote_work", _("Công tác nơi xa, đi lại khó khăn")
    MOBILE_WORK = "mobile_work", _("Làm việc lưu động")
    MATERNITY = "maternity", _("Nghỉ thai sản")
    OTHER = "other", _("Lý do khác")


class Exemption(models.Model):
    """Miễn công tác và sinh hoạt đảng, granted by a cell resolution."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="exemptions")
    kind = models.CharField(_("loại miễn"), max_length=20, choices=ExemptionKind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    start_date = models.DateField(_("từ ngày"))
    expected_end_date = models.DateField(_("dự kiến đến ngày"), null=True, blank=True)
    ended_on = models.DateField(_("đã kết thúc ngày"), null=True, blank=True)
    resolution_ref = models.CharField(_("nghị quyết chi bộ"), max_length=120, blank=True,
                                      help_text=_("Ví dụ: Nghị quyết số 05-NQ/CB ngày 03/3/2026"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("miễn công tác và sinh hoạt đảng")
        verbose_name_plural = _("miễn công tác và sinh hoạt đảng")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("start_date")),
                name="exemption_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_kind_display()}"

    def is_active_on(self, day: date) -> bool:
        end = self.ended_on or self.expected_end_date
        return self.start_date <= day and (end is None or day <= end)


class ImportJob(models.Model):
    """An uploaded member or organization list: validated first, written all-or-nothing on confirm."""

    class Kind(models.TextChoices):
        MEMBERS = "members", _("Danh sách đảng viên")
        ORGANIZATIONS = "organizations", _("Danh sách tổ chức")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ kiểm tra")
        VALIDATING = "validating", _("Đang kiểm tra")
        INVALID = "invalid", _("Có lỗi, chưa ghi gì")
        VALID = "valid", _("Hợp lệ, chờ xác nhận")
        IMPORTING = "importing", _("Đang ghi")
        DONE = "done", _("Đã nhập xong")
        FAILED = "failed", _("Thất bại, chưa ghi gì")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.MEMBERS)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="import_jobs")
    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    preview = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập danh sách")
        verbose_name_plural = _("lần nhập danh sách")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def progress_percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class Term(models.Model):
    """A party-committee term (nhiệm kỳ): from one congress (đại hội) to the next.

    Cells and committees have terms; document numbers run from 01 within a term (DOMAIN §10.1). Only the
    latest term is open (`end_date` empty); recording the next one closes it on the day before.
    """

    organization = models.ForeignKey(Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT,
                                     related_name="terms")
    name = models.CharField(_("nhiệm kỳ"), max_length=20, help_text=_("Ví dụ: 2025–2027"))
    start_date = models.DateField(_("ngày đại hội"), help_text=_("Ngày bắt đầu nhiệm kỳ."))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True,
                                help_text=_("Ngày trước đại hội nhiệm kỳ sau; để trống nếu là nhiệm kỳ hiện tại."))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True,
                            help_text=_("Ví dụ: Quyết định chuẩn y kết quả đại hội số 15-QĐ/ĐU ngày 20/5/2025"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["organization", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="term_valid_range",
            ),
            models.UniqueConstraint(fields=["organization", "start_date"], name="term_unique_start"),
            models.UniqueConstraint(fields=["organization", "name"], name="term_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.name}"

    def covers(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)
