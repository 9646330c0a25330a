"""A built-in sample meeting, so that the layout can be looked at without any data.

Used by `chibo render_sample`, bench/render_documents.py and the tests. Names are invented.
"""

from datetime import date, time

from chibo.reports.documents.inputs import (
    AgendaItem,
    Contribution,
    Guest,
    MeetingSnapshot,
    Person,
    QualityRating,
    RatingPart,
    Recognition,
    ResolutionItem,
    RollEntry,
    Signer,
    TaskItem,
    TaskResult,
    VoteRecord,
)
from chibo.reports.documents.model import DocNumber

SAMPLE_NUMBER = DocNumber(n=5, doc_type="NQ", issuer="CB")
SAMPLE_SIGNER = Signer(name="Nguyễn Văn An", title="BÍ THƯ")


def sample_meeting() -> MeetingSnapshot:
    """The March 2026 regular meeting of Chi bộ Khu phố 1 (phường Đông Tiến): 12 on the roll, 1 exempt."""
    roll = (
        RollEntry(name="Nguyễn Văn An", member_id=1, position="Bí thư", attendance="present"),
        RollEntry(name="Trần Thị Bích", member_id=2, position="Phó Bí thư", attendance="present"),
        RollEntry(name="Lê Đức Cường", member_id=3, position="Chi ủy viên", attendance="excused",
                  reason="đi công tác"),
        RollEntry(name="Phạm Thị Dung", member_id=4, official=False, attendance="present"),
        RollEntry(name="Hoàng Văn Em", member_id=5, attendance="present"),
        RollEntry(name="Vũ Thị Giang", member_id=6, attendance="present", late=True),
        RollEntry(name="Nguyễn Thị Hà", member_id=7, attendance="present"),
        RollEntry(name="Đặng Quốc Khánh", member_id=8, attendance="present"),
        RollEntry(name="Bùi Thị Lan", member_id=9, attendance="present"),
        RollEntry(name="Đỗ Văn Mạnh", member_id=10, attendance="present"),
        RollEntry(name="Ngô Thị Ngọc", member_id=11, official=False, attendance="present"),
        RollEntry(name="Trịnh Văn Ổn", member_id=12, expected=False, exempt=True),
    )
    agenda = (
        AgendaItem(title="Báo cáo kết quả thực hiện Nghị quyết tháng 02/2026; thông tin thời sự, văn bản mới",
                   presenter="đồng chí Nguyễn Văn An", minutes=25,
                   summary="Đồng chí Bí thư báo cáo kết quả thực hiện 5 nhiệm vụ của Nghị quyết tháng 02/2026; "
                           "thông tin Chỉ thị 50-CT/TW về đổi mới và nâng cao chất lượng sinh hoạt chi bộ."),
        AgendaItem(title="Đánh giá tình hình tư tưởng đảng viên; tự phê bình và phê bình",
                   presenter="đồng chí Trần Thị Bích", minutes=20,
                   summary="Tư tưởng đảng viên ổn định, tin tưởng vào sự lãnh đạo của Đảng; một số ý kiến về "
                           "tiến độ chỉnh trang tuyến đường nội khu phố."),
        AgendaItem(title="Dự kiến phương hướng, nhiệm vụ tháng 3/2026", presenter="đồng chí Nguyễn Văn An", minutes=15),
        AgendaItem(title="Thảo luận, biểu quyết thông qua Nghị quyết", presenter="toàn thể đảng viên", minutes=35),
        AgendaItem(title="Đánh giá chất lượng buổi sinh hoạt; thông qua biên bản", presenter="đồng chí Trần Thị Bích",
                   minutes=10),
    )
    return MeetingSnapshot(
        cell_name="Chi bộ Khu phố 1",
        superior_name="Đảng bộ phường Đông Tiến",
        place_name="Đông Tiến",
        day=date(2026, 3, 3),
        started_at=time(19, 30),
        ended_at=time(21, 15),
        venue="Nhà văn hóa Khu phố 1",
        chair=Person(name="Nguyễn Văn An", position="Bí thư Chi bộ"),
        secretary=Person(name="Nguyễn Thị Hà"),
        guests=(Guest(name="Lê Thị Phương", position="Đảng ủy viên, phụ trách chi bộ",
                      remarks="Ghi nhận Chi bộ chuẩn bị chu đáo; đề nghị tiếp tục vận động nhân dân hiến đất mở rộng "
                              "ngõ 12"),),
        roll=roll,
        party_fees="Đã thu đảng phí tháng 3/2026 của 11/11 đồng chí",
        agenda=agenda,
        contributions=(
            Contribution(speaker="Hoàng Văn Em", member_id=5, kind="proposal",
                         gist="Đề nghị lắp thêm đèn chiếu sáng ngõ 12 trước mùa mưa"),
            Contribution(speaker="Nguyễn Thị Hà", member_id=7, kind="agreement",
                         gist="Thống nhất với dự thảo nghị quyết"),
            Contribution(speaker="Đặng Quốc Khánh", member_id=8, kind="concern",
                         gist="Phản ánh tình trạng đổ rác không đúng nơi quy định ở cuối ngõ 7"),
            Contribution(speaker="Hoàng Văn Em", member_id=5, kind="question",
                         gist="Hỏi về tiến độ hỗ trợ hộ nghèo sửa nhà"),
            Contribution(speaker="Phạm Thị Dung", member_id=4, kind="criticism",
                         gist="Tự phê bình chưa tham gia đầy đủ buổi tổng vệ sinh tháng 02"),
            Contribution(speaker="Đỗ Văn Mạnh", member_id=10, kind="proposal",
                         gist="Đề xuất phân công đảng viên theo dõi từng cụm dân cư"),
        ),
        recognitions=(
            Recognition(name="Bùi Thị Lan", kind="praise", note="vận động 3 hộ hiến đất mở ngõ 12"),
            Recognition(name="Phạm Thị Dung", kind="reminder", note="tham gia đầy đủ hoạt động của khu phố"),
        ),
        votes=(VoteRecord(motion="phân công đồng chí Bùi Thị Lan giúp đỡ quần chúng Lý Văn Sơn", in_favour=8,
                          eligible=8),),
        resolution_vote=VoteRecord(motion="thông qua Nghị quyết tháng 3/2026", in_favour=8, against=0, abstain=0,
                                   eligible=8),
        conclusion="Chi bộ thống nhất đánh giá hoàn thành tốt nhiệm vụ tháng 02/2026; tập trung chỉnh trang ngõ 12 "
                   "và vệ sinh môi trường trong tháng 3.",
        tasks=(
            TaskItem(description="Vận động các hộ còn lại hiến đất mở rộng ngõ 12", assignee="Bùi Thị Lan",
                     deadline=date(2026, 3, 25), serves="mục II.2"),
            TaskItem(description="Phối hợp Ban điều hành khu phố lắp đèn chiếu sáng ngõ 12", assignee="Hoàng Văn Em",
                     deadline=date(2026, 3, 31)),
            TaskItem(description="Theo dõi, nhắc nhở vệ sinh môi trường cuối ngõ 7", assignee="Đặng Quốc Khánh",
                     deadline=date(2026, 3, 31)),
        ),
        previous_results=(
            TaskResult(description="Tổ chức tổng vệ sinh khu phố", assignee="Trần Thị Bích", outcome="done"),
            TaskResult(description="Thăm hỏi gia đình chính sách dịp Tết", assignee="Chi ủy", outcome="done"),
            TaskResult(description="Vận động hiến đất mở rộng ngõ 12", assignee="Bùi Thị Lan",
                       outcome="partly_done", note="3/5 hộ"),
        ),
        resolution_items=(
            ResolutionItem(section="assessment", title="Công tác chính trị, tư tưởng",
                           text="Đảng viên chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước; "
                                "tư tưởng ổn định, tin tưởng vào sự lãnh đạo của Đảng."),
            ResolutionItem(section="assessment", title="Lãnh đạo thực hiện nhiệm vụ chính trị",
                           text="Khu phố tổ chức tổng vệ sinh, thăm hỏi gia đình chính sách chu đáo; an ninh trật tự "
                                "được giữ vững."),
            ResolutionItem(section="direction", title="Công tác chính trị, tư tưởng",
                           text="Tiếp tục quán triệt Chỉ thị 50-CT/TW; nắm bắt tình hình tư tưởng đảng viên và dư luận "
                                "nhân dân."),
            ResolutionItem(section="direction", title="Lãnh đạo thực hiện nhiệm vụ chính trị",
                           text="Hoàn thành mở rộng ngõ 12; lắp đèn chiếu sáng; xử lý điểm đổ rác cuối ngõ 7."),
        ),
        shortcomings="Một số đảng viên chưa tham gia đầy đủ hoạt động của khu phố; việc vận động hiến đất còn chậm.",
        rating=QualityRating(total=92, level="Tốt", parts=(
            RatingPart(label="Thời gian", points=5, max_points=5),
            RatingPart(label="Tỷ lệ dự", points=5, max_points=5),
            RatingPart(label="Chuẩn bị", points=9, max_points=10),
            RatingPart(label="Tổ chức", points=37, max_points=40),
            RatingPart(label="Nguyên tắc", points=5, max_points=5),
            RatingPart(label="Kết quả nghị quyết kỳ trước", points=26, max_points=30),
            RatingPart(label="Kết thúc", points=5, max_points=5),
        )),
    )
