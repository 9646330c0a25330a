"""Meeting quality: rubrics as versioned data, ratings of meetings, alert rules and support actions.

A rubric (thang điểm) is data with effective dates, never code: HD 12 (2018) gave a frame, HD 42 (2025)
a 100-point one, and superior committees adapt them for their subtree (DOMAIN §4). A rubric that
has been used to rate a meeting is never edited again: a change is a new version (a clone), and
every rating keeps the version it used.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from chibo.meetings.models import Meeting
from chibo.organizations.models import Organization
from chibo.quality import scoring


class Level(models.TextChoices):
    TOT = scoring.TOT, _("Tốt")
    KHA = scoring.KHA, _("Khá")
    TRUNG_BINH = scoring.TRUNG_BINH, _("Trung bình")
    KEM = scoring.KEM, _("Kém")


class RecordKey(models.TextChoices):
    """Where a sub-item's points come from: the meeting record (a measure) or the rater."""

    MANUAL = scoring.MANUAL, _("Chấm tay, có giải thích")
    DURATION_SHORTFALL = "duration_shortfall", _("Từ hồ sơ: số phút thiếu so với thời lượng tối thiểu")
    ATTENDANCE_RATE = "attendance_rate", _("Từ hồ sơ: tỷ lệ đảng viên dự sinh hoạt")
    SPEAKING_SHARE = "speaking_share", _("Từ hồ sơ: tỷ lệ đảng viên dự họp phát biểu")
    FOLLOWUP_DONE_SHARE = "followup_done_share", _("Từ hồ sơ: tỷ lệ nhiệm vụ kỳ trước hoàn thành")
    NO_EXCUSED_STREAK = "no_excused_streak", _("Từ hồ sơ: không ai vắng có lý do quá số lần liên tiếp cho phép trong năm")
    NO_ABSENT_WITHOUT_REASON = "no_absent_without_reason", _("Từ hồ sơ: không ai vắng không lý do")
    MATERIALS_ON_TIME = "materials_on_time", _("Từ hồ sơ: tài liệu gửi trước buổi sinh hoạt đủ số ngày")
    MINUTES_APPROVED = "minutes_approved", _("Từ hồ sơ: biên bản được thông qua")
    DOCUMENTS_ON_TIME = "documents_on_time", _("Từ hồ sơ: văn bản hoàn chỉnh đăng đúng hạn")


class RubricStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đang áp dụng")


class RubricQuerySet(models.QuerySet):
    def in_force_on(self, day: date) -> "RubricQuerySet":
        return self.filter(status=RubricStatus.PUBLISHED, effective_from__lte=day).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )


class Rubric(models.Model):
    """A version of a scoring sheet: criteria, sub-items, bands, gates and level thresholds."""

    code = models.CharField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên thang điểm"), max_length=255)
    source_document = models.CharField(_("văn bản ban hành"), max_length=255)
    effective_from = models.DateField(_("áp dụng từ ngày"))
    effective_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    owner = models.ForeignKey(
        Organization, verbose_name=_("cấp ủy ban hành"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="rubrics", help_text=_("Để trống: khung chung của Trung ương, áp dụng cho mọi chi bộ."),
    )
    cloned_from = models.ForeignKey("self", verbose_name=_("sao chép từ"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="clones")
    status = models.CharField(_("trạng thái"), max_length=10, choices=RubricStatus.choices, default=RubricStatus.DRAFT)
    total_points = models.PositiveSmallIntegerField(_("tổng điểm"), default=100)
    tot_min = models.PositiveSmallIntegerField(_("Tốt: từ (điểm)"), default=90)
    kha_min = models.PositiveSmallIntegerField(_("Khá: từ (điểm)"), default=70)
    trung_binh_min = models.PositiveSmallIntegerField(_("Trung bình: từ (điểm)"), default=50)
    note = models.TextField(_("ghi chú về nguồn"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RubricQuerySet.as_manager()

    class Meta:
        verbose_name = _("thang điểm")
        verbose_name_plural = _("thang điểm")
        ordering = ["-effective_from", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="rubric_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(tot_min__gt=models.F("kha_min")) & Q(kha_min__gt=models.F("trung_binh_min")),
                name="rubric_thresholds_descend",
            ),
        ]
        indexes = [models.Index(fields=["owner", "effective_from"], name="rubric_owner_from_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_central(self) -> bool:
        return self.owner_id is None

    @property
    def thresholds(self) -> scoring.Thresholds:
        return scoring.Thresholds(tot=self.tot_min, kha=self.kha_min, trung_binh=self.trung_binh_min)


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tiêu chí"), max_length=255)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["rubric", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["rubric", "code"], name="criterion_code_per_rubric")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class CriterionItem(models.Model):
    """A sub-item of a criterion (nội dung chấm): scored from the record, or by hand."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.SlugField(_("mã"), max_length=40,
                            help_text=_("Duy nhất trong thang điểm; điều kiện xếp loại dùng mã này."))
    name = models.CharField(_("nội dung chấm"), max_length=500)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))
    source = models.CharField(_("cách chấm"), max_length=30, choices=RecordKey.choices, default=RecordKey.MANUAL)
    params = models.JSONField(_("tham số"), default=dict, blank=True,
                              help_text=_("Ví dụ {\"absent_cap\": 1}: có người vắng không lý do thì tối đa 1 điểm."))

    class Meta:
        verbose_name = _("nội dung chấm")
        verbose_name_plural = _("nội dung chấm")
        ordering = ["criterion__order", "order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def from_record(self) -> bool:
        return self.source != RecordKey.MANUAL

    @property
    def is_banded(self) -> bool:
        return self.source in scoring.BANDED

    @property
    def domain(self) -> str:
        return scoring.BANDED.get(self.source, "")

    @property
    def params_text(self) -> list[str]:
        """The parameters the scoring uses, in words (defaults included): "ít nhất 1 ngày trước buổi sinh hoạt"."""
        if not self.from_record:
            return []
        params = {**scoring.DEFAULT_PARAMS.get(self.source, {}), **(self.params or {})}
        lines = []
        if self.source == RecordKey.DURATION_SHORTFALL:
            minimum = params.get("minimum_minutes")
            lines.append(ngettext("Thời lượng tối thiểu %(n)d phút", "Thời lượng tối thiểu %(n)d phút", minimum)
                         % {"n": minimum} if minimum else gettext("Thời lượng tối thiểu theo quy trình của buổi"))
        if "streak_limit" in params and self.source == RecordKey.NO_EXCUSED_STREAK:
            lines.append(ngettext("Tối đa %(n)d lần liên tiếp", "Tối đa %(n)d lần liên tiếp", params["streak_limit"])
                         % {"n": params["streak_limit"]})
        if "lead_days" in params and self.source == RecordKey.MATERIALS_ON_TIME:
            lines.append(ngettext("Ít nhất %(n)d ngày trước buổi sinh hoạt", "Ít nhất %(n)d ngày trước buổi sinh hoạt",
                                  params["lead_days"]) % {"n": params["lead_days"]})
        if "within_days" in params and self.source == RecordKey.DOCUMENTS_ON_TIME:
            lines.append(ngettext("Trong %(n)d ngày sau buổi sinh hoạt", "Trong %(n)d ngày sau buổi sinh hoạt",
                                  params["within_days"]) % {"n": params["within_days"]})
        if params.get("absent_cap") is not None:
            lines.append(ngettext("Có đảng viên vắng không lý do: tối đa %(n)d điểm",
                                  "Có đảng viên vắng không lý do: tối đa %(n)d điểm", params["absent_cap"])
                         % {"n": params["absent_cap"]})
        return lines


class Band(models.Model):
    """A range of a measure and its points; the ranges of an item cover the domain exactly once."""

    item = models.ForeignKey(CriterionItem, on_delete=models.CASCADE, related_name="bands")
    lower = models.DecimalField(_("từ"), max_digits=7, decimal_places=2)
    lower_open = models.BooleanField(_("không kể giá trị “từ”"), default=False)
    upper = models.DecimalField(_("đến"), max_digits=7, decimal_places=2, null=True, blank=True,
                                help_text=_("Để trống: không giới hạn trên."))
    upper_closed = models.BooleanField(_("kể cả giá trị “đến”"), default=False)
    points = models.PositiveSmallIntegerField(_("điểm"))

    class Meta:
        verbose_name = _("khoảng điểm")
        verbose_name_plural = _("khoảng điểm")
        ordering = ["item", "-lower", "id"]

    def __str__(self) -> str:
        return self.spec.describe()

    @property
    def text(self) -> str:
        """For people, in the unit of the item's measure: "≥ 75% và < 90%", "> 45 phút"."""
        return self.spec.describe(scoring.unit(self.item.domain))

    @property
    def spec(self) -> scoring.Band:
        return scoring.Band.of(self.lower, self.upper, self.points, lower_open=self.lower_open,
                               upper_closed=self.upper_closed)


class Gate(models.Model):
    """A condition of a level: "Tốt requires full marks on attendance, duration and speaking share"."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="gates")
    level = models.CharField(_("mức xếp loại"), max_length=12, choices=Level.choices, default=Level.TOT)
    name = models.CharField(_("điều kiện"), max_length=255)
    item_codes = models.JSONField(_("các nội dung phải đạt điểm tối đa"), default=list)

    class Meta:
        verbose_name = _("điều kiện xếp loại")
        verbose_name_plural = _("điều kiện xếp loại")
        ordering = ["rubric", "level", "id"]

    def __str__(self) -> str:
        return self.name


# --- ratings -------------------------------------------------------------------------------------

class RaterKind(models.TextChoices):
    SELF = "self", _("Chi bộ tự đánh giá")
    SUPERIOR = "superior", _("Cấp ủy cấp trên đánh giá")
    WORKING_GROUP = "working_group", _("Tổ công tác đánh giá")


SUPERIOR_KINDS = (RaterKind.SUPERIOR, RaterKind.WORKING_GROUP)  # they override the self-rating (METRICS.md)


class ScoreSource(models.TextChoices):
    RECORD = scoring.RECORD, _("Từ hồ sơ")
    MANUAL = scoring.BY_HAND, _("Chấm tay")


class MeetingRating(models.Model):
    """One rating of one closed meeting by one rater, with the rubric version it used. Never edited."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="ratings")
    rubric = models.ForeignKey(Rubric, verbose_name=_("thang điểm"), on_delete=models.PROTECT, related_name="ratings")
    rater_kind = models.CharField(_("người đánh giá"), max_length=15, choices=RaterKind.choices)
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    rater_name = models.CharField(_("người đánh giá"), max_length=150, blank=True)
    total = models.PositiveSmallIntegerField(_("tổng điểm"))
    score_level = models.CharField(_("mức theo điểm"), max_length=12, choices=Level.choices)
    level = models.CharField(_("xếp loại"), max_length=12, choices=Level.choices)
    failed_gates = models.JSONField(_("điều kiện không đạt"), default=list, blank=True)
    note = models.TextField(_("nhận xét chung"), blank=True)
    # Set when the record behind the rating changed (a minutes revision corrected the roll): the same
    # rater's manual points on the corrected record. The earlier rating stays.
    rescored_from = models.ForeignKey("self", verbose_name=_("chấm lại từ"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="rescores")
    rescore_reason = models.CharField(_("lý do chấm lại"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đánh giá chất lượng buổi sinh hoạt")
        verbose_name_plural = _("đánh giá chất lượng buổi sinh hoạt")
        ordering = ["meeting", "-created_at", "-id"]
        indexes = [models.Index(fields=["meeting", "rater_kind"], name="rating_meeting_kind_idx")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.total} ({self.level})"


class ItemScore(models.Model):
    """The points of one sub-item in one rating, and whether the record or the rater gave them."""

    rating = models.ForeignKey(MeetingRating, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(CriterionItem, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(_("điểm"))
    source = models.CharField(_("nguồn"), max_length=10, choices=ScoreSource.choices)
    measured = models.CharField(_("số đo từ hồ sơ"), max_length=40, blank=True)
    justification = models.CharField(_("giải thích"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("điểm nội dung")
        verbose_name_plural = _("điểm nội dung")
        ordering = ["rating", "item__criterion__order", "item__order"]
        constraints = [models.UniqueConstraint(fields=["rating", "item"], name="item_score_once")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.points}"


class MeetingQuality(models.Model):
    """The ratings of a meeting summed up in one row, kept by the rating services.

    The dashboard groups meetings by these columns in the same query as MeetingFigures: the
    final rating (superior or working group over self, METRICS.md) and any disagreement.
    """

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, primary_key=True, related_name="quality")
    final_rating = models.ForeignKey(MeetingRating, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    final_kind = models.CharField(max_length=15, choices=RaterKind.choices, blank=True)
    final_level = models.CharField(max_length=12, choices=Level.choices, blank=True, db_index=True)
    final_score = models.PositiveSmallIntegerField(null=True, blank=True)
    self_level = models.CharField(max_length=12, choices=Level.choices, blank=True)
    self_score = models.PositiveSmallIntegerField(null=True, blank=True)
    superior_level = models.CharField(max_length=12, choices=Level.choices, blank=True)
    superior_score = models.PositiveSmallIntegerField(null=True, blank=True)
    disagrees = models.BooleanField(_("đánh giá khác nhau"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kết quả đánh giá buổi sinh hoạt")
        verbose_name_plural = _("kết quả đánh giá buổi sinh hoạt")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.final_level or '-'}"


# --- cells needing support -------------------------------------------------------------------------

class AlertKind(models.TextChoices):
    MISSED_REGULAR_MEETING = "missed_regular_meeting", _("Không sinh hoạt thường kỳ trong tháng")
    LOW_ATTENDANCE = "low_attendance", _("Tỷ lệ dự sinh hoạt thấp nhiều tháng liền")
    ABSENT_WITHOUT_REASON = "absent_without_reason", _("Có đảng viên vắng không lý do")
    ABSENT_IN_A_ROW = "absent_in_a_row", _("Có đảng viên vắng nhiều buổi liên tiếp")
    ABSENT_MONTHS_IN_YEAR = "absent_months_in_year", _("Có đảng viên vắng không lý do nhiều tháng trong năm")
    LOW_SPEAKING_SHARE = "low_speaking_share", _("Ít đảng viên phát biểu nhiều tháng liền")
    LOW_LEVEL = "low_level", _("Buổi sinh hoạt xếp loại thấp")
    LOW_FOLLOWUP = "low_followup", _("Nghị quyết kỳ trước hoàn thành thấp")


class AlertRule(models.Model):
    """One reason a cell needs support, written as data: a kind of check and its parameters."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    kind = models.CharField(_("loại"), max_length=30, choices=AlertKind.choices)
    name = models.CharField(_("tên"), max_length=255)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    source_document = models.CharField(_("căn cứ"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("quy tắc cảnh báo")
        verbose_name_plural = _("quy tắc cảnh báo")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class SupportAction(models.Model):
    """What the superior committee did to help a cell (yếu ở đâu, xoáy sâu khắc phục ở đó) and what came of it."""

    cell = models.ForeignKey(Organization, verbose_name=_("chi bộ"), on_delete=models.PROTECT,
                             related_name="support_actions")
    reasons = models.JSONField(_("lý do"), default=list, blank=True)
    action = models.TextField(_("việc đã làm"))
    taken_on = models.DateField(_("ngày thực hiện"))
    outcome = models.TextField(_("kết quả"), blank=True)
    outcome_on = models.DateField(_("ngày ghi kết quả"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hỗ trợ chi bộ")
        verbose_name_plural = _("hỗ trợ chi bộ")
        ordering = ["-taken_on", "-id"]

    def __str__(self) -> str:
        return f"{self.cell}: {self.taken_on:%d/%m/%Y}"
