"""The Vietnamese words of the demo history: reasons for absence, gists of what members said, resolution
items and tasks, topics of thematic meetings, notes and justifications.

Illustrative, in the spirit of shared/seeds (a village cell talks about roads, crops and fees; a school
cell about classes and exams), not a record of real meetings. Placeholders: a regular meeting early in
month `{m2}` of year `{y}` reviews month `{m}`; `{place}` is the cell's own place name.
"""

from chibo.demo.names import Weighted

# --- the kinds of cell, as far as what is said at their meetings is concerned ---------------------------

VILLAGE, TOWN, SCHOOL, HEALTH, OFFICE, ENTERPRISE, POLICE, MILITARY = (
    "village", "town", "school", "health", "office", "enterprise", "police", "military")
WORKPLACES = (SCHOOL, HEALTH, OFFICE, ENTERPRISE, POLICE, MILITARY)

# --- absence ---------------------------------------------------------------------------------------------

EXCUSED_REASONS: dict[str, Weighted] = {
    VILLAGE: (("Ốm", 26), ("Việc gia đình", 22), ("Đi làm ăn xa", 14), ("Đi viện", 8), ("Đi làm thuê", 8),
              ("Tuổi cao, sức yếu", 8), ("Con ốm", 6), ("Đi công tác", 5), ("Đám cưới người thân", 3)),
    TOWN: (("Ốm", 24), ("Việc gia đình", 22), ("Đi công tác", 14), ("Đi viện", 10), ("Tuổi cao, sức yếu", 10),
           ("Đi làm ăn xa", 8), ("Con ốm", 6), ("Đi thăm con", 6)),
    SCHOOL: (("Đi tập huấn", 22), ("Ốm", 20), ("Con ốm", 16), ("Việc gia đình", 16), ("Đi công tác", 12),
             ("Dạy bù", 8), ("Nghỉ phép", 6)),
    HEALTH: (("Trực cấp cứu", 26), ("Đi tập huấn", 18), ("Ốm", 16), ("Việc gia đình", 16), ("Đi công tác", 14),
             ("Con ốm", 10)),
    OFFICE: (("Đi công tác", 34), ("Đi tập huấn", 14), ("Ốm", 16), ("Việc gia đình", 16), ("Nghỉ phép", 10),
             ("Con ốm", 10)),
    ENTERPRISE: (("Đi công tác", 26), ("Làm ca", 22), ("Ốm", 16), ("Việc gia đình", 18), ("Nghỉ phép", 10),
                 ("Con ốm", 8)),
    POLICE: (("Trực ban", 30), ("Làm nhiệm vụ", 28), ("Đi công tác", 16), ("Ốm", 12), ("Việc gia đình", 14)),
    MILITARY: (("Trực chỉ huy", 26), ("Huấn luyện", 24), ("Đi công tác", 18), ("Ốm", 14), ("Việc gia đình", 18)),
}
ELDERLY_REASONS: Weighted = (("Ốm", 40), ("Tuổi cao, sức yếu", 30), ("Đi viện", 18), ("Việc gia đình", 12))
AWAY_REASON = "Đi làm ăn xa"

# --- what members say (METRICS.md contribution kinds) ---------------------------------------------------

_VILLAGE_REPORTS = (
    "Báo cáo kết quả thu đảng phí tháng {m}: đã thu đủ",
    "Báo cáo hoạt động của Chi hội Cựu chiến binh trong tháng {m}",
    "Báo cáo hoạt động của Chi hội Phụ nữ: vận động hội viên vay vốn phát triển chăn nuôi",
    "Báo cáo tình hình an ninh trật tự trên địa bàn xóm tháng {m}: ổn định",
    "Báo cáo tiến độ vận động các hộ hiến đất mở rộng đường liên xóm",
    "Báo cáo kết quả thu quỹ khuyến học của xóm",
    "Báo cáo của Ban công tác Mặt trận về các hộ khó khăn cần hỗ trợ",
    "Báo cáo tiến độ gieo trồng, chăm sóc cây trồng vụ mùa",
    "Báo cáo kết quả tiêm phòng cho đàn gia súc, gia cầm",
    "Báo cáo kết quả ngày Chủ nhật xanh làm vệ sinh đường làng",
)
_TOWN_REPORTS = (
    "Báo cáo kết quả thu đảng phí tháng {m}: đã thu đủ",
    "Báo cáo tình hình an ninh trật tự tổ dân phố tháng {m}",
    "Báo cáo kết quả vận động các hộ kinh doanh ký cam kết không lấn chiếm vỉa hè",
    "Báo cáo hoạt động của Chi hội Người cao tuổi trong tháng",
    "Báo cáo kết quả thu gom rác thải theo giờ của tổ dân phố",
    "Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo của tổ",
    "Báo cáo của Ban công tác Mặt trận về phong trào xây dựng khu dân cư văn minh",
)
_SCHOOL_REPORTS = (
    "Báo cáo kết quả kiểm tra giữa kỳ của các lớp khối 9",
    "Báo cáo tình hình học sinh nghỉ học dài ngày và việc vận động các em trở lại lớp",
    "Báo cáo kết quả bồi dưỡng học sinh giỏi cấp huyện",
    "Báo cáo tiến độ chương trình giáo dục phổ thông mới ở tổ chuyên môn",
    "Báo cáo công tác bán trú, bữa ăn của học sinh",
    "Báo cáo kết quả thu đảng phí tháng {m}",
)
_HEALTH_REPORTS = (
    "Báo cáo kết quả tiêm chủng mở rộng tháng {m}",
    "Báo cáo tình hình dịch sốt xuất huyết, tay chân miệng trên địa bàn",
    "Báo cáo số lượt khám chữa bệnh bảo hiểm y tế trong tháng",
    "Báo cáo kết quả khám sức khỏe định kỳ cho người cao tuổi",
    "Báo cáo tình hình thuốc, vật tư y tế của trạm",
)
_OFFICE_REPORTS = (
    "Báo cáo tiến độ giải quyết thủ tục hành chính trên cổng dịch vụ công",
    "Báo cáo kết quả thực hiện nhiệm vụ chuyên môn tháng {m} của bộ phận",
    "Báo cáo tình hình giải ngân vốn đầu tư công",
    "Báo cáo kết quả tiếp công dân và giải quyết đơn thư trong tháng",
    "Báo cáo việc triển khai chuyển đổi số tại cơ quan",
    "Báo cáo kết quả thu đảng phí tháng {m}",
)
_ENTERPRISE_REPORTS = (
    "Báo cáo kết quả sản xuất, kinh doanh tháng {m}",
    "Báo cáo tình hình việc làm, thu nhập của người lao động",
    "Báo cáo công tác an toàn, vệ sinh lao động trong tháng",
    "Báo cáo tiến độ thực hiện hợp đồng với khách hàng",
)
_ARMED_REPORTS = (
    "Báo cáo tình hình an ninh trật tự trên địa bàn tháng {m}",
    "Báo cáo kết quả tuần tra, kiểm soát bảo đảm trật tự an toàn giao thông",
    "Báo cáo kết quả huấn luyện dân quân tự vệ",
    "Báo cáo công tác tuyển quân năm {y}",
    "Báo cáo kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc",
)

_VILLAGE_CONCERNS = (
    "Phản ánh đường liên xóm xuống cấp, mùa mưa đi lại khó khăn",
    "Phản ánh tình trạng thả rông trâu bò phá hoại hoa màu",
    "Phản ánh một số hộ chưa đóng góp quỹ xây dựng nhà văn hóa",
    "Phản ánh nước sinh hoạt mùa khô thiếu, bể chứa bị hỏng",
    "Phản ánh giá phân bón tăng, bà con khó khăn",
    "Phản ánh tình trạng thanh niên uống rượu, gây mất trật tự",
    "Phản ánh việc chi trả hỗ trợ cho hộ nghèo còn chậm",
    "Phản ánh đèn đường khu trung tâm xóm bị hỏng",
    "Phản ánh sạt lở taluy dương đoạn đường vào xóm",
    "Phản ánh tình trạng đổ rác bừa bãi ven suối",
)
_TOWN_CONCERNS = (
    "Phản ánh tình trạng lấn chiếm vỉa hè để kinh doanh",
    "Phản ánh rác thải tồn đọng tại điểm tập kết đầu ngõ",
    "Phản ánh tiếng ồn từ quán karaoke sau 22 giờ",
    "Phản ánh hệ thống thoát nước bị tắc, mưa to ngập úng",
    "Phản ánh tình trạng xe tải chạy tốc độ cao qua khu dân cư",
    "Phản ánh việc cấp giấy chứng nhận quyền sử dụng đất còn chậm",
)
_SCHOOL_CONCERNS = (
    "Phản ánh cơ sở vật chất phòng học xuống cấp, mùa mưa bị dột",
    "Phản ánh một số học sinh nghỉ học theo bố mẹ đi làm ăn xa",
    "Phản ánh giáo viên phải làm nhiều hồ sơ, sổ sách",
    "Phản ánh thiếu giáo viên môn Tiếng Anh và Tin học",
    "Phản ánh tình trạng học sinh sử dụng điện thoại trong giờ học",
)
_HEALTH_CONCERNS = (
    "Phản ánh thiếu một số loại thuốc bảo hiểm y tế",
    "Phản ánh trang thiết bị xét nghiệm đã cũ, hay hỏng",
    "Phản ánh người dân còn tự ý mua thuốc kháng sinh",
    "Phản ánh cán bộ trạm phải trực nhiều, thiếu người",
)
_OFFICE_CONCERNS = (
    "Phản ánh hồ sơ dịch vụ công trực tuyến còn bị trả lại nhiều",
    "Phản ánh đường truyền mạng tại bộ phận một cửa không ổn định",
    "Phản ánh khối lượng công việc tăng sau sắp xếp bộ máy",
    "Phản ánh một số thủ tục đất đai giải quyết quá hạn",
    "Phản ánh việc phối hợp giữa các bộ phận chưa chặt chẽ",
)
_ENTERPRISE_CONCERNS = (
    "Phản ánh đơn hàng giảm, một số lao động thiếu việc làm",
    "Phản ánh điều kiện làm việc ca đêm còn vất vả",
    "Phản ánh chậm thanh toán tiền làm thêm giờ",
    "Phản ánh giá nguyên vật liệu đầu vào tăng",
)
_ARMED_CONCERNS = (
    "Phản ánh tình hình trộm cắp vặt tài sản ở khu vực chợ",
    "Phản ánh đối tượng lừa đảo qua mạng nhắm vào người cao tuổi",
    "Phản ánh tình trạng đi xe máy không đội mũ bảo hiểm ở đường liên xã",
    "Phản ánh trang bị phục vụ huấn luyện còn thiếu",
)

_AGREEMENTS = (
    "Thống nhất với báo cáo và dự thảo nghị quyết của chi ủy",
    "Nhất trí với đánh giá kết quả lãnh đạo tháng {m}",
    "Thống nhất với các nhiệm vụ trọng tâm tháng {m2}",
    "Nhất trí với dự thảo, không bổ sung thêm",
    "Thống nhất với ý kiến của các đồng chí đã phát biểu",
    "Nhất trí với việc phân công nhiệm vụ cho đảng viên",
)

_VILLAGE_PROPOSALS = (
    "Đề xuất phân công mỗi đảng viên phụ trách một nhóm hộ để tuyên truyền, vận động",
    "Đề xuất đưa việc giữ gìn vệ sinh đường làng vào hương ước của xóm",
    "Đề xuất phối hợp với Hội Nông dân mở lớp hướng dẫn kỹ thuật chăn nuôi",
    "Đề xuất xin hỗ trợ xi măng để bê tông hóa đoạn đường còn lại",
    "Đề xuất lập tổ tự quản giữ gìn an ninh trật tự ban đêm",
)
_TOWN_PROPOSALS = (
    "Đề xuất lập nhóm Zalo của tổ dân phố để thông tin nhanh đến các hộ",
    "Đề xuất mỗi đảng viên vận động 5 hộ xung quanh phân loại rác tại nguồn",
    "Đề xuất kiến nghị phường sửa chữa cống thoát nước trước mùa mưa",
)
_WORKPLACE_PROPOSALS = (
    "Đề xuất số hóa quy trình tiếp nhận hồ sơ để rút ngắn thời gian giải quyết",
    "Đề xuất phân công đảng viên trẻ hỗ trợ đồng nghiệp sử dụng phần mềm mới",
    "Đề xuất tổ chức sinh hoạt chuyên đề về chuyển đổi số trong quý tới",
    "Đề xuất giao chỉ tiêu cụ thể cho từng bộ phận và kiểm điểm hằng tháng",
    "Đề xuất phối hợp với công đoàn chăm lo đời sống người lao động",
)
_SCHOOL_PROPOSALS = (
    "Đề xuất phân công giáo viên đảng viên kèm học sinh yếu theo nhóm",
    "Đề xuất đưa nội dung giáo dục truyền thống vào hoạt động ngoại khóa",
    "Đề xuất vận động phụ huynh hỗ trợ sửa chữa phòng học",
)
_ARMED_PROPOSALS = (
    "Đề xuất tăng cường tuần tra vào dịp cuối năm",
    "Đề xuất phối hợp với nhà trường tuyên truyền an toàn giao thông cho học sinh",
    "Đề xuất phân công đảng viên phụ trách địa bàn trọng điểm",
)

_CRITICISMS = (
    "Tự phê bình chưa hoàn thành việc vận động các hộ được phân công",
    "Tự phê bình còn chậm nộp báo cáo theo yêu cầu",
    "Phê bình một số đảng viên đóng đảng phí chậm",
    "Phê bình tinh thần trách nhiệm của một số đồng chí trong việc thực hiện nghị quyết tháng trước",
    "Tự phê bình chưa gương mẫu tham gia hoạt động chung",
    "Góp ý đồng chí phụ trách cần sâu sát hơn với cơ sở",
)
_QUESTIONS = (
    "Đề nghị chi ủy giải đáp về chế độ bảo hiểm y tế cho người cao tuổi",
    "Hỏi về tiến độ hỗ trợ xây nhà cho hộ nghèo",
    "Đề nghị làm rõ cách tính đảng phí theo hướng dẫn mới",
    "Hỏi về việc sắp xếp tổ chức bộ máy sau hợp nhất",
    "Đề nghị giải thích thêm về quy trình kết nạp đảng viên mới",
    "Hỏi về kế hoạch học tập nghị quyết của cấp trên trong tháng {m2}",
)
_OTHERS = (
    "Thông tin về tình hình thời tiết, chủ động phòng chống thiên tai",
    "Chia sẻ kinh nghiệm vận động nhân dân",
    "Thông tin thời sự trong nước và quốc tế nổi bật trong tháng",
    "Chia sẻ cách cài đặt và sử dụng Sổ tay đảng viên điện tử",
)

_REPORTS = {VILLAGE: _VILLAGE_REPORTS, TOWN: _TOWN_REPORTS, SCHOOL: _SCHOOL_REPORTS, HEALTH: _HEALTH_REPORTS,
            OFFICE: _OFFICE_REPORTS, ENTERPRISE: _ENTERPRISE_REPORTS, POLICE: _ARMED_REPORTS, MILITARY: _ARMED_REPORTS}
_CONCERNS = {VILLAGE: _VILLAGE_CONCERNS, TOWN: _TOWN_CONCERNS, SCHOOL: _SCHOOL_CONCERNS, HEALTH: _HEALTH_CONCERNS,
             OFFICE: _OFFICE_CONCERNS, ENTERPRISE: _ENTERPRISE_CONCERNS, POLICE: _ARMED_CONCERNS,
             MILITARY: _ARMED_CONCERNS}
_PROPOSALS = {VILLAGE: _VILLAGE_PROPOSALS, TOWN: _TOWN_PROPOSALS, SCHOOL: _SCHOOL_PROPOSALS,
              HEALTH: _WORKPLACE_PROPOSALS, OFFICE: _WORKPLACE_PROPOSALS, ENTERPRISE: _WORKPLACE_PROPOSALS,
              POLICE: _ARMED_PROPOSALS, MILITARY: _ARMED_PROPOSALS}


def gists(kind: str, group: str) -> tuple[str, ...]:
    """What members of a `group` cell say when they make a contribution of `kind`."""
    return {
        "report": _REPORTS[group], "concern": _CONCERNS[group], "agreement": _AGREEMENTS,
        "proposal": _PROPOSALS[group], "criticism": _CRITICISMS, "question": _QUESTIONS, "other": _OTHERS,
    }[kind]


# The mix of seeds/001: mostly concerns, reports and agreement with the draft; few proposals.
REGULAR_KINDS: Weighted = (("concern", 29), ("report", 25), ("agreement", 22), ("proposal", 8),
                           ("question", 7), ("criticism", 6), ("other", 3))
THEMATIC_KINDS: Weighted = (("agreement", 24), ("criticism", 22), ("concern", 16), ("proposal", 13),
                            ("report", 12), ("question", 9), ("other", 4))
SILENT_KINDS: Weighted = (("agreement", 60), ("report", 25), ("concern", 12), ("proposal", 3))

# --- the meeting itself -------------------------------------------------------------------------------

PLACES = {
    VILLAGE: "Nhà văn hóa {place}", TOWN: "Nhà văn hóa {place}", SCHOOL: "Phòng họp Hội đồng sư phạm",
    HEALTH: "Phòng giao ban {place}", OFFICE: "Phòng họp {place}", ENTERPRISE: "Phòng họp {place}",
    POLICE: "Hội trường {place}", MILITARY: "Hội trường Ban Chỉ huy {place}",
}
REGULAR_AGENDA = ("1. Báo cáo tình hình đảng viên, thông qua chương trình.\n"
                  "2. Chi ủy báo cáo kết quả thực hiện nghị quyết tháng {m} và phương hướng, nhiệm vụ tháng {m2}.\n"
                  "3. Thông tin thời sự, văn bản mới của cấp trên.\n"
                  "4. Thảo luận; tự phê bình và phê bình.\n"
                  "5. Kết luận, biểu quyết thông qua nghị quyết.")
FEES_NOTE = "Đảng phí tháng {m2}: đã thu {paid}/{due} đồng chí"
REGULAR_CONCLUSION = ("Chi bộ thống nhất đánh giá kết quả lãnh đạo thực hiện nhiệm vụ tháng {m}; "
                      "giao chi ủy hoàn chỉnh nghị quyết, phân công đảng viên thực hiện nhiệm vụ tháng {m2}/{y}.")
THEMATIC_CONCLUSION = ("Chuyên đề thiết thực; đề nghị mỗi đảng viên liên hệ bản thân, đăng ký việc làm cụ thể "
                       "và báo cáo kết quả tại kỳ sinh hoạt tới.")
EXTRAORDINARY_CONCLUSION = "Chi bộ thống nhất nội dung đã biểu quyết; giao chi ủy hoàn chỉnh hồ sơ báo cáo cấp trên."
RESOLUTION_MOTION = "Thông qua Nghị quyết sinh hoạt chi bộ tháng {m2}/{y}"
ADMISSION_MOTION = "Đề nghị kết nạp quần chúng ưu tú {name} vào Đảng Cộng sản Việt Nam"
EXTRAORDINARY_MOTIONS = (
    "Thông qua danh sách đề nghị khen thưởng đảng viên hoàn thành xuất sắc nhiệm vụ",
    "Thông qua đề nghị bổ sung chi ủy viên",
    "Thông qua báo cáo kiểm điểm của chi ủy theo yêu cầu của cấp trên",
)
REGULAR_MATERIALS = (("report", "Báo cáo kết quả lãnh đạo tháng {m} và phương hướng, nhiệm vụ tháng {m2}/{y}"),
                     ("draft_resolution", "Dự thảo Nghị quyết chi bộ tháng {m2}/{y}"))
MATERIAL_BODY = "Tài liệu do chi ủy chuẩn bị, gửi đảng viên nghiên cứu trước khi sinh hoạt."
COMMITTEE_NOTE = "Chi ủy họp thống nhất nội dung báo cáo và dự thảo nghị quyết"
SECRETARIES_NOTE = "Bí thư, phó bí thư trao đổi thống nhất nội dung"

THEMATIC_TOPICS: dict[str, tuple[str, ...]] = {
    "any": (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm",
        "Nâng cao chất lượng sinh hoạt chi bộ theo Hướng dẫn 42",
        "Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác quan điểm sai trái trên mạng xã hội",
        "Phòng, chống tham nhũng, tiêu cực và lãng phí",
        "Nêu gương của đảng viên trong thực hiện nhiệm vụ",
        "Chuyển đổi số và sử dụng Sổ tay đảng viên điện tử",
    ),
    VILLAGE: ("Xây dựng nông thôn mới kiểu mẫu", "Phát triển kinh tế hộ, giảm nghèo bền vững",
              "Giữ gìn bản sắc văn hóa dân tộc", "Phòng, chống thiên tai, sạt lở đất"),
    TOWN: ("Xây dựng đô thị văn minh", "Vai trò của đảng viên nơi cư trú", "Phân loại rác thải tại nguồn"),
    SCHOOL: ("Đổi mới phương pháp dạy học theo chương trình mới", "Xây dựng trường học hạnh phúc",
             "Giáo dục đạo đức, lối sống cho học sinh"),
    HEALTH: ("Nâng cao y đức, thái độ phục vụ người bệnh", "Chăm sóc sức khỏe ban đầu cho nhân dân"),
    OFFICE: ("Cải cách hành chính, nâng cao chỉ số hài lòng của người dân", "Vận hành chính quyền hai cấp",
             "Văn hóa công vụ"),
    ENTERPRISE: ("Nâng cao năng suất lao động", "Chăm lo đời sống người lao động"),
    POLICE: ("Xây dựng lực lượng Công an nhân dân trong sạch, vững mạnh", "Vì nhân dân phục vụ"),
    MILITARY: ("Xây dựng lực lượng dân quân vững mạnh, rộng khắp", "Bộ đội Cụ Hồ học tập, làm theo lời Bác"),
}

# --- the resolution and its tasks -----------------------------------------------------------------------

# (resolution item, tasks serving it: (description, for the committee?))
_VILLAGE_ITEMS = (
    ("Lãnh đạo nhân dân chăm sóc cây trồng, tiêm phòng cho đàn gia súc, gia cầm",
     (("Vận động các hộ trong nhóm được phân công tiêm phòng cho gia súc", False),
      ("Phối hợp với thú y xã tổ chức tiêm phòng đợt tháng {m2}", True))),
    ("Giữ gìn vệ sinh môi trường, xây dựng nông thôn mới",
     (("Tổ chức ngày Chủ nhật xanh làm vệ sinh đường làng", True),
      ("Vận động các hộ làm chuồng trại xa nhà ở", False))),
    ("Bảo đảm an ninh trật tự, phòng chống tệ nạn xã hội trên địa bàn",
     (("Nắm tình hình thanh niên đi làm ăn xa trở về", False),
      ("Phối hợp với công an xã tuyên truyền phòng chống ma túy", True))),
    ("Thu nộp đảng phí và các quỹ đúng hạn",
     (("Thu đảng phí tháng {m2} và nộp về đảng ủy xã", True),)),
    ("Vận động nhân dân hiến đất, góp công làm đường giao thông nông thôn",
     (("Vận động các hộ ven đường ký biên bản hiến đất", False),
      ("Lập danh sách hộ góp ngày công", False))),
)
_TOWN_ITEMS = (
    ("Xây dựng tổ dân phố văn minh, sạch đẹp",
     (("Vận động các hộ không lấn chiếm vỉa hè", False), ("Kiểm tra việc thu gom rác theo giờ", True))),
    ("Bảo đảm an ninh trật tự, phòng cháy chữa cháy tại khu dân cư",
     (("Rà soát các hộ kinh doanh có nguy cơ cháy nổ", False),
      ("Phối hợp với công an phường tuyên truyền phòng cháy", True))),
    ("Chăm lo gia đình chính sách, hộ khó khăn",
     (("Thăm hỏi các gia đình chính sách nhân dịp lễ, tết", True), ("Lập danh sách hộ cần hỗ trợ", False))),
    ("Thu nộp đảng phí đúng hạn", (("Thu đảng phí tháng {m2} và nộp về đảng ủy", True),)),
)
_SCHOOL_ITEMS = (
    ("Nâng cao chất lượng dạy và học",
     (("Kèm cặp học sinh yếu của lớp được phân công", False), ("Dự giờ, góp ý tiết dạy của tổ chuyên môn", False))),
    ("Duy trì sĩ số, chống học sinh bỏ học",
     (("Đến nhà vận động học sinh nghỉ học dài ngày trở lại lớp", False),)),
    ("Bồi dưỡng học sinh giỏi, chuẩn bị các kỳ thi", (("Xây dựng kế hoạch ôn tập cho khối lớp cuối cấp", True),)),
    ("Thu nộp đảng phí đúng hạn", (("Thu đảng phí tháng {m2}", True),)),
)
_HEALTH_ITEMS = (
    ("Tổ chức tốt tiêm chủng mở rộng và phòng chống dịch bệnh",
     (("Rà soát trẻ chưa tiêm đủ mũi để tiêm bù", False), ("Phun hóa chất diệt muỗi tại khu vực có ca bệnh", True))),
    ("Nâng cao chất lượng khám chữa bệnh, thái độ phục vụ",
     (("Niêm yết công khai quy trình khám bệnh bảo hiểm y tế", True), ("Tham gia lớp tập huấn chuyên môn", False))),
    ("Thu nộp đảng phí đúng hạn", (("Thu đảng phí tháng {m2}", True),)),
)
_OFFICE_ITEMS = (
    ("Thực hiện tốt nhiệm vụ chuyên môn, cải cách hành chính",
     (("Giải quyết dứt điểm hồ sơ tồn đọng của bộ phận", False), ("Rà soát quy trình tiếp nhận hồ sơ trực tuyến", True))),
    ("Đẩy mạnh chuyển đổi số trong cơ quan",
     (("Hướng dẫn đồng nghiệp sử dụng phần mềm quản lý văn bản", False),)),
    ("Giữ gìn kỷ luật, kỷ cương hành chính", (("Kiểm tra việc chấp hành giờ giấc làm việc", True),)),
    ("Thu nộp đảng phí đúng hạn", (("Thu đảng phí tháng {m2}", True),)),
)
_ENTERPRISE_ITEMS = (
    ("Hoàn thành kế hoạch sản xuất, kinh doanh tháng {m2}",
     (("Bảo đảm tiến độ đơn hàng của tổ sản xuất", False), ("Rà soát định mức vật tư", True))),
    ("Bảo đảm an toàn lao động, chăm lo người lao động",
     (("Kiểm tra trang bị bảo hộ lao động của công nhân", False), ("Phối hợp với công đoàn thăm công nhân ốm", True))),
    ("Thu nộp đảng phí đúng hạn", (("Thu đảng phí tháng {m2}", True),)),
)
_ARMED_ITEMS = (
    ("Bảo đảm an ninh chính trị, trật tự an toàn xã hội trên địa bàn",
     (("Tuần tra, kiểm soát địa bàn được phân công", False), ("Xây dựng kế hoạch bảo đảm an ninh dịp lễ", True))),
    ("Duy trì nghiêm chế độ trực sẵn sàng chiến đấu, huấn luyện",
     (("Hoàn thành nội dung huấn luyện tháng {m2}", False), ("Kiểm tra chế độ trực", True))),
    ("Thu nộp đảng phí đúng hạn", (("Thu đảng phí tháng {m2}", True),)),
)
ITEMS = {VILLAGE: _VILLAGE_ITEMS, TOWN: _TOWN_ITEMS, SCHOOL: _SCHOOL_ITEMS, HEALTH: _HEALTH_ITEMS,
         OFFICE: _OFFICE_ITEMS, ENTERPRISE: _ENTERPRISE_ITEMS, POLICE: _ARMED_ITEMS, MILITARY: _ARMED_ITEMS}

FOLLOWUP_NOTES = {
    "done": ("Đã hoàn thành", "Hoàn thành đúng hạn", "Đã thực hiện xong, báo cáo tại chi bộ"),
    "partly_done": ("Đã triển khai, còn chậm so với kế hoạch", "Hoàn thành một phần, chuyển tiếp sang tháng sau",
                    "Mới thực hiện được một số hộ"),
    "not_done": ("Chưa thực hiện, chuyển sang tháng sau", "Chưa triển khai do thời tiết", "Chưa thực hiện được"),
}

# --- recognition --------------------------------------------------------------------------------------

PRAISES = ("Tích cực vận động nhân dân thực hiện nhiệm vụ của chi bộ", "Hoàn thành xuất sắc nhiệm vụ được giao",
           "Gương mẫu tham gia các hoạt động của khu dân cư", "Có nhiều sáng kiến trong công việc")
REMINDERS = ("Chậm đóng đảng phí", "Chưa hoàn thành nhiệm vụ được phân công tháng trước",
             "Vắng sinh hoạt không có lý do", "Chưa tham gia đầy đủ các hoạt động chung")
CRITICISMS = ("Vắng sinh hoạt nhiều lần không có lý do", "Không thực hiện nhiệm vụ chi bộ giao")

# --- rating -------------------------------------------------------------------------------------------

JUSTIFICATIONS = {
    "content": "Nội dung còn dàn trải, chưa có trọng tâm",
    "orientation": "Chưa định hướng rõ vấn đề cần thảo luận",
    "committee_meeting": "Chi ủy họp chuẩn bị chưa có biên bản",
    "notify": "Thông báo đến đảng viên chậm",
    "steps": "Chưa thực hiện đầy đủ các bước",
    "regular_content": "Nhiệm vụ tháng tới chưa cụ thể, khó kiểm tra",
    "thematic_content": "Nội dung chuyên đề chưa sát thực tế",
    "recognition": "Chưa biểu dương, nhắc nhở đảng viên",
    "minutes_book": "Biên bản ghi chưa đầy đủ ý kiến",
    "ideology_time": "Chưa dành đủ thời gian cho tự phê bình và phê bình",
    "materials_posted": "Tài liệu chưa đăng đầy đủ",
    "facilitation": "Điều hành còn lúng túng",
    "chair_orientation": "Chưa định hướng được vấn đề mới",
    "democracy": "Không khí dân chủ chưa cao, ít ý kiến",
    "synthesis": "Kết luận chưa tổng hợp đủ ý kiến",
    "democratic_centralism": "Một số nội dung chưa được bàn bạc tập thể",
    "self_criticism": "Tự phê bình và phê bình còn nể nang",
    "character": "Tính chiến đấu chưa cao",
    "informs_members": "Kiến nghị của đảng viên chưa được trả lời",
    "conclusion": "Kết luận chưa rõ người, rõ việc",
    "secretary_prepares": "Bí thư giao khoán cho người khác chuẩn bị",
    "draft_resolution": "Dự thảo nghị quyết sơ sài",
    "order": "Bắt đầu muộn so với giờ thông báo",
}
DEFAULT_JUSTIFICATION = "Chưa đạt yêu cầu"
SELF_NOTE = "Chi bộ tự đánh giá cuối buổi sinh hoạt"
SUPERIOR_NOTE = "Cấp ủy viên phụ trách dự và đánh giá"
SUPERIOR_TITLE = "Đảng ủy viên, phụ trách chi bộ"
