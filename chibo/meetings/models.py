"""Cell meetings: the procedure followed, the plan, the run and the approved minutes.

The record is structured (roll, speakers, votes, tasks) so that every figure of shared/METRICS.md
is computed from it, and so that the minutes and the resolution can be rendered from it as documents.
Procedures are versioned data with effective dates, never constants: the guidance changed in 2018
and again in 2025 (DOMAIN §0), and a meeting keeps the procedure that was in force when it was held.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chibo.organizations.models import Member, Organization


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Sinh hoạt thường kỳ")
    THEMATIC = "thematic", _("Sinh hoạt chuyên đề")
    EXTRAORDINARY = "extraordinary", _("Họp bất thường")


COUNTED_KINDS = (MeetingKind.REGULAR, MeetingKind.THEMATIC)  # the kinds statistics count (METRICS.md)


class Evidence(models.TextChoices):
    """How sure we are that a step is in the official text (the tags of DOMAIN.md)."""

    CONFIRMED = "confirmed", _("Đã xác nhận")
    REPORTED = "reported", _("Theo nguồn chưa đối chiếu văn bản gốc")
    UNCONFIRMED = "unconfirmed", _("Chưa xác nhận")


class ProcedureQuerySet(models.QuerySet):
    def effective_on(self, day: date) -> "ProcedureQuerySet":
        return self.filter(effective_from__lte=day).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))


class Procedure(models.Model):
    """A procedure template (quy trình) from one guidance document, for one kind of meeting."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    meeting_kind = models.CharField(_("loại buổi sinh hoạt"), max_length=15, choices=MeetingKind.choices)
    source_document = models.CharField(_("văn bản căn cứ"), max_length=255)
    effective_from = models.DateField(_("áp dụng từ ngày"))
    effective_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    min_duration_minutes = models.PositiveSmallIntegerField(_("thời lượng tối thiểu (phút)"), default=90)
    combined_min_duration_minutes = models.PositiveSmallIntegerField(
        _("thời lượng tối thiểu khi ghép thường kỳ và chuyên đề (phút)"), null=True, blank=True,
    )
    materials_lead_days = models.PositiveSmallIntegerField(
        _("gửi tài liệu trước ít nhất (ngày)"), default=0,
        help_text=_("0 nghĩa là văn bản không quy định."),
    )
    note = models.TextField(_("ghi chú về nguồn"), blank=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy trình sinh hoạt")
        verbose_name_plural = _("quy trình sinh hoạt")
        ordering = ["meeting_kind", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="procedure_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StepPhase(models.TextChoices):
    PREPARATION = "preparation", _("Chuẩn bị")
    MEETING = "meeting", _("Trong buổi sinh hoạt")
    AFTER = "after", _("Sau buổi sinh hoạt")


class ProcedureStep(models.Model):
    """One ordered step of a procedure; preparation checklist items are steps too."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    phase = models.CharField(_("giai đoạn"), max_length=12, choices=StepPhase.choices)
    section = models.CharField(_("phần"), max_length=60, blank=True)
    code = models.CharField(
        _("mã bước"), max_length=40, blank=True,
        help_text=_("Mã ổn định để chương trình nhận ra bước (notify, materials, roll_call…)."),
    )
    title = models.CharField(_("nội dung bước"), max_length=255)
    description = models.TextField(_("diễn giải"), blank=True)
    evidence = models.CharField(_("mức xác nhận"), max_length=12, choices=Evidence.choices, default=Evidence.REPORTED)

    class Meta:
        verbose_name = _("bước quy trình")
        verbose_name_plural = _("bước quy trình")
        ordering = ["procedure", "order"]
        constraints = [models.UniqueConstraint(fields=["procedure", "order"], name="procedure_step_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên lịch")
    PREPARED = "prepared", _("Đã chuẩn bị xong")
    IN_PROGRESS = "in_progress", _("Đang sinh hoạt")
    CLOSED = "closed", _("Đã thông qua biên bản")


OPEN_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.PREPARED)  # not started: the plan may change


class Meeting(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("loại"), max_length=15, choices=MeetingKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    number = models.PositiveSmallIntegerField(_("số thứ tự trong năm"), editable=False)
    planned_date = models.DateField(_("ngày dự kiến"))
    planned_time = models.TimeField(_("giờ dự kiến"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    topic = models.CharField(_("chủ đề, nội dung chính"), max_length=255, blank=True)
    presenter = models.ForeignKey(
        Member, verbose_name=_("người trình bày chuyên đề"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    agenda = models.TextField(_("chương trình"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("quy trình"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="meetings",
    )
    min_duration_minutes = models.PositiveSmallIntegerField(
        _("thời lượng tối thiểu (phút)"), default=0, help_text=_("Lấy từ quy trình khi lên lịch."),
    )
    materials_released_at = models.DateTimeField(_("đã gửi tài liệu lúc"), null=True, blank=True)
    held_on = models.DateField(_("ngày sinh hoạt"), null=True, blank=True, db_index=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    chair = models.ForeignKey(Member, verbose_name=_("chủ trì"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    meeting_secretary = models.ForeignKey(Member, verbose_name=_("thư ký"), null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    fees_note = models.CharField(_("tình hình đóng đảng phí"), max_length=255, blank=True)
    conclusion = models.TextField(_("kết luận của chủ trì"), blank=True)
    entered_after_the_fact = models.BooleanField(
        _("nhập lại từ sổ biên bản"), default=False,
        help_text=_("Buổi sinh hoạt đã diễn ra, được nhập sau theo sổ biên bản."),
    )
    closed_at = models.DateTimeField(_("thông qua biên bản lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("buổi sinh hoạt chi bộ")
        verbose_name_plural = _("buổi sinh hoạt chi bộ")
        ordering = ["planned_date", "planned_time", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "number"], name="meeting_number_per_year"),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(started_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="meeting_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "planned_date"], name="meeting_org_date_idx"),
            models.Index(fields=["status", "held_on"], name="meeting_status_held_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def day(self) -> date:
        """The day the meeting was held, else the day it is planned for."""
        return self.held_on or self.planned_date

    @property
    def title(self) -> str:
        day = self.day
        if self.kind == MeetingKind.REGULAR:
            return _("Sinh hoạt thường kỳ tháng %(m)d/%(y)d") % {"m": day.month, "y": day.year}
        if self.kind == MeetingKind.THEMATIC:
            label = _("Sinh hoạt chuyên đề")
            return f"{label}: {self.topic}" if self.topic else f"{label} {day:%d/%m/%Y}"
        return _("Họp chi bộ bất thường %(d)s") % {"d": day.strftime("%d/%m/%Y")}

    @property
    def is_closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED

    @property
    def is_running(self) -> bool:
        return self.status == MeetingStatus.IN_PROGRESS

    @property
    def is_open_for_planning(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def duration_minutes(self) -> int | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return int((self.ended_at - self.started_at).total_seconds() // 60)


class MeetingGuest(models.Model):
    """A guest, usually from the superior committee (đại biểu cấp trên), with their remarks."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(_("chức vụ, đơn vị"), max_length=255, blank=True)
    member = models.ForeignKey(Member, verbose_name=_("đảng viên"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    remarks = models.TextField(_("ý kiến phát biểu"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đại biểu dự")
        verbose_name_plural = _("đại biểu dự")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class MeetingNotice(models.Model):
    """A notice of time, place and content, shown in the app and e-mailed where addresses exist."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notices")
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)
    emailed = models.PositiveIntegerField(_("số thư điện tử đã gửi"), default=0)
    liaison = models.ForeignKey(
        "Liaison", verbose_name=_("cấp ủy viên phụ trách được báo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="notices",
        help_text=_("Cấp ủy viên cấp trên phụ trách chi bộ, được báo cùng đảng viên (HD 42)."),
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thông báo sinh hoạt")
        verbose_name_plural = _("thông báo sinh hoạt")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class MaterialKind(models.TextChoices):
    REPORT = "report", _("Báo cáo")
    DRAFT_RESOLUTION = "draft_resolution", _("Dự thảo nghị quyết, kết luận")
    TOPIC_PAPER = "topic_paper", _("Dự thảo chuyên đề")
    OTHER = "other", _("Tài liệu khác")


class MeetingMaterial(models.Model):
    """Content prepared for the meeting: written in the app, or an uploaded .docx/.pdf."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=MaterialKind.choices,
                            default=MaterialKind.REPORT)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    file = models.FileField(_("tệp"), upload_to="meetings/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu sinh hoạt")
        verbose_name_plural = _("tài liệu sinh hoạt")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class MeetingStep(models.Model):
    """A procedure step checked off for one meeting: a date for preparation, times during the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checked_steps")
    step = models.ForeignKey(ProcedureStep, on_delete=models.PROTECT, related_name="+")
    done_on = models.DateField(_("ngày thực hiện"))
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    done_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")

    class Meta:
        verbose_name = _("bước đã thực hiện")
        verbose_name_plural = _("bước đã thực hiện")
        constraints = [models.UniqueConstraint(fields=["meeting", "step"], name="meeting_step_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.step_id}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    ABSENT = "absent", _("Vắng không lý do")


class NotExpectedReason(models.TextChoices):
    EXEMPT = "exempt", _("Được miễn sinh hoạt")
    SPECIAL_DUTY = "special_duty", _("Làm nhiệm vụ đặc biệt")


class Attendance(models.Model):
    """One member of the roll at one meeting; the roll is snapshotted when the meeting starts.

    Exempt and special-duty members are on the roll (and may come) but are not expected:
    they are left out of every denominator (METRICS.md).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(_("điểm danh"), max_length=10, choices=AttendanceStatus.choices, blank=True)
    reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)
    arrived_late = models.BooleanField(_("đến muộn"), default=False)
    is_expected = models.BooleanField(_("phải có mặt"), default=True)
    not_expected_reason = models.CharField(_("không tính vì"), max_length=15, choices=NotExpectedReason.choices,
                                           blank=True)
    is_official = models.BooleanField(_("đảng viên chính thức"), default=True)
    is_temporary = models.BooleanField(_("sinh hoạt tạm thời"), default=False)
    marked_at = models.DateTimeField(null=True, blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["member__sort_key", "member_id"]
        indexes = [
            # The absences alone (a few % of the rows): the support list finds the members an absence rule could
            # flag without reading a province's ten million attendance rows.
            models.Index(fields=["member", "meeting"], include=["status"], name="attendance_away_idx",
                         condition=Q(is_expected=True, status__in=["absent", "excused"])),
        ]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once"),
            models.CheckConstraint(condition=Q(is_expected=True) | ~Q(not_expected_reason=""),
                                   name="attendance_not_expected_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.meeting_id}: {self.status or '-'}"


class ContributionKind(models.TextChoices):
    """The kinds of the survey quoted in seeds/001 (METRICS.md)."""

    REPORT = "report", _("Báo cáo kết quả công tác")
    CONCERN = "concern", _("Phản ánh vấn đề bức xúc")
    AGREEMENT = "agreement", _("Thống nhất với dự thảo")
    PROPOSAL = "proposal", _("Đề xuất phương hướng, giải pháp")
    CRITICISM = "criticism", _("Phê bình, tự phê bình")
    QUESTION = "question", _("Hỏi, đề nghị giải đáp")
    OTHER = "other", _("Ý kiến khác")


class Contribution(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="contributions")
    member = models.ForeignKey(Member, verbose_name=_("người phát biểu"), on_delete=models.PROTECT,
                               related_name="contributions")
    kind = models.CharField(_("loại ý kiến"), max_length=12, choices=ContributionKind.choices)
    gist = models.CharField(_("tóm tắt ý kiến"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến phát biểu")
        verbose_name_plural = _("ý kiến phát biểu")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.kind}"


class RecognitionKind(models.TextChoices):
    PRAISE = "praise", _("Biểu dương")
    REMINDER = "reminder", _("Nhắc nhở")
    CRITICISM = "criticism", _("Phê bình")


class Recognition(models.Model):
    """Praise, a reminder or criticism of a named member (DOMAIN §3.4 step 12)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recognitions")
    member = models.ForeignKey(Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("hình thức"), max_length=10, choices=RecognitionKind.choices)
    note = models.CharField(_("nội dung"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("biểu dương, nhắc nhở, phê bình")
        verbose_name_plural = _("biểu dương, nhắc nhở, phê bình")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.kind}"


class VoteKind(models.TextChoices):
    ORDINARY = "ordinary", _("Biểu quyết thông thường (quá nửa)")
    ADMISSION = "admission", _("Kết nạp đảng viên (ít nhất hai phần ba)")


class Vote(models.Model):
    """A show-of-hands vote with the denominator of the Charter's rule, stored as computed then."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    motion = models.CharField(_("nội dung biểu quyết"), max_length=500)
    kind = models.CharField(_("loại biểu quyết"), max_length=10, choices=VoteKind.choices, default=VoteKind.ORDINARY)
    votes_for = models.PositiveSmallIntegerField(_("tán thành"))
    votes_against = models.PositiveSmallIntegerField(_("không tán thành"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("không biểu quyết"), default=0)
    denominator = models.PositiveSmallIntegerField(_("số đảng viên chính thức được tính"))
    required_for = models.PositiveSmallIntegerField(_("số phiếu tán thành cần có"))
    is_valid = models.BooleanField(_("được thông qua"))
    computation = models.JSONField(_("cách tính"), default=dict)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("biểu quyết")
        verbose_name_plural = _("biểu quyết")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.motion


class ResolutionItem(models.Model):
    """One item of the resolution or conclusion (nghị quyết / kết luận) adopted at the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="resolution_items")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("nội dung nghị quyết")
        verbose_name_plural = _("nội dung nghị quyết")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    PARTLY_DONE = "partly_done", _("Hoàn thành một phần")
    NOT_DONE = "not_done", _("Chưa hoàn thành")


class Task(models.Model):
    """A task assigned at a meeting, followed up at the next regular meeting."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("giao tại buổi"), on_delete=models.CASCADE,
                                related_name="tasks")
    resolution_item = models.ForeignKey(ResolutionItem, verbose_name=_("thực hiện nội dung nghị quyết"),
                                        null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    description = models.CharField(_("nhiệm vụ"), max_length=500)
    assignee = models.ForeignKey(Member, verbose_name=_("người thực hiện"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="meeting_tasks")
    to_committee = models.BooleanField(_("giao chi ủy"), default=False)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(_("kết quả"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    progress_note = models.CharField(_("báo cáo tiến độ"), max_length=500, blank=True)
    progress_reported_at = models.DateTimeField(null=True, blank=True)
    progress_reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.SET_NULL, related_name="+")
    followup_meeting = models.ForeignKey(Meeting, verbose_name=_("kiểm điểm tại buổi"), null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="followed_up_tasks")
    followup_note = models.CharField(_("ghi chú kiểm điểm"), max_length=500, blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    followed_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(assignee__isnull=False) & Q(to_committee=False))
                | (Q(assignee__isnull=True) & Q(to_committee=True)),
                name="task_one_assignee",
            ),
        ]
        indexes = [models.Index(fields=["assignee", "status"], name="task_assignee_status_idx")]

    def __str__(self) -> str:
        return self.description

    @property
    def assignee_label(self) -> str:
        return str(_("Chi ủy")) if self.to_committee else str(self.assignee)


class MinutesRevision(models.Model):
    """The approved minutes (number 1) and every later correction, each with its reason and author.

    Nothing of a closed meeting changes silently: a correction is a new revision, and every
    earlier text stays here, retrievable.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("lần"))
    text = models.TextField(_("nội dung biên bản"))
    record = models.JSONField(_("số liệu khi thông qua"), default=dict)
    reason = models.CharField(_("lý do sửa"), max_length=500, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người sửa"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản biên bản")
        verbose_name_plural = _("bản biên bản")
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="minutes_revision_number")]

    def __str__(self) -> str:
        return f"{self.meeting_id} #{self.number}"


class MeetingFigures(models.Model):
    """The per-meeting figures of METRICS.md, stored when the minutes are approved.

    Dashboards sum these columns instead of scanning attendance rows; a revision that
    corrects the roll recomputes them.
    """

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, primary_key=True, related_name="figures")
    expected = models.PositiveIntegerField(default=0)
    present = models.PositiveIntegerField(default=0)
    excused = models.PositiveIntegerField(default=0)
    absent = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    present_not_expected = models.PositiveIntegerField(default=0)
    speakers = models.PositiveIntegerField(default=0)
    contributions = models.PositiveIntegerField(default=0)
    contributions_report = models.PositiveIntegerField(default=0)
    contributions_concern = models.PositiveIntegerField(default=0)
    contributions_agreement = models.PositiveIntegerField(default=0)
    contributions_proposal = models.PositiveIntegerField(default=0)
    contributions_criticism = models.PositiveIntegerField(default=0)
    contributions_question = models.PositiveIntegerField(default=0)
    contributions_other = models.PositiveIntegerField(default=0)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    attendance_rate = models.FloatField(null=True, blank=True)
    speaking_share = models.FloatField(null=True, blank=True)
    over_half_spoke = models.BooleanField(null=True, blank=True)
    proposal_share = models.FloatField(null=True, blank=True)
    followup_tasks = models.PositiveIntegerField(default=0)
    followup_done = models.PositiveIntegerField(default=0)
    followup_partly_done = models.PositiveIntegerField(default=0)
    followup_not_done = models.PositiveIntegerField(default=0)
    followup_done_share = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("số liệu buổi sinh hoạt")
        verbose_name_plural = _("số liệu buổi sinh hoạt")

    def __str__(self) -> str:
        return f"{self.meeting_id}"


class LiaisonQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "LiaisonQuerySet":
        return self.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class Liaison(models.Model):
    """The superior committee's member in charge of a cell (cấp ủy viên cấp trên phụ trách chi bộ).

    Notified of every meeting and may attend (DOMAIN §3.3, §3.4 step 3). One at a time per cell:
    assigning a new one ends the current one the day before.
    """

    organization = models.ForeignKey(Organization, verbose_name=_("chi bộ"), on_delete=models.CASCADE,
                                     related_name="liaisons")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người phụ trách"), on_delete=models.PROTECT,
                             related_name="liaisons")
    title = models.CharField(_("chức vụ"), max_length=120, blank=True,
                             help_text=_("Ví dụ: Đảng ủy viên, Phó Chủ tịch UBND phường."))
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LiaisonQuerySet.as_manager()

    class Meta:
        verbose_name = _("cấp ủy viên phụ trách chi bộ")
        verbose_name_plural = _("cấp ủy viên phụ trách chi bộ")
        ordering = ["organization", "-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization"], condition=Q(end_date__isnull=True),
                                    name="one_open_liaison_per_cell"),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                                   name="liaison_valid_range"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organization}"


class DocumentKind(models.TextChoices):
    """The documents of a meeting that get a number when issued (the sign-in sheet and agenda do not)."""

    RESOLUTION = "resolution", _("Nghị quyết")
    MINUTES = "minutes", _("Biên bản")


class IssuedDocument(models.Model):
    """A meeting's document issued with its number ("Số 05-NQ/CB") and the moment it was issued.

    The number comes from the reports register (document_number_next) in the same transaction;
    the constraint below is the last guard that a number is never given twice in a term.
    `issued_at` is what "the resolution is issued within 02 days" is measured by.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="issued_documents")
    organization = models.ForeignKey(Organization, verbose_name=_("chi bộ ban hành"), on_delete=models.PROTECT,
                                     related_name="+")
    kind = models.CharField(_("loại văn bản"), max_length=12, choices=DocumentKind.choices)
    number = models.PositiveIntegerField(_("số"))
    doc_type = models.CharField(_("ký hiệu loại văn bản"), max_length=10)
    issuer_code = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=10)
    term = models.CharField(_("nhiệm kỳ"), max_length=20)
    issued_on = models.DateField(_("ngày ban hành"))
    issued_at = models.DateTimeField(_("ban hành lúc"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    minutes_revision = models.PositiveSmallIntegerField(
        _("bản biên bản"), null=True, blank=True, help_text=_("Bản biên bản mới nhất lúc ban hành."),
    )

    class Meta:
        verbose_name = _("văn bản đã ban hành")
        verbose_name_plural = _("văn bản đã ban hành")
        ordering = ["meeting", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="issued_document_once"),
            models.UniqueConstraint(fields=["organization", "issuer_code", "doc_type", "term", "number"],
                                    name="issued_document_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number:02d}-{self.doc_type}/{self.issuer_code} ({self.term})"
