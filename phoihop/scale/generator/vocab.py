"""Words the generated records are made of: names of bodies, content areas with their targets and
activities, places, people's names. Taken from the shapes of the real articles (signing and review
conferences of military commands, Party boards and mass organisations); every figure and person
generated from them is illustrative."""

from __future__ import annotations

from dataclasses import dataclass

from phoihop.orgs.models import Organization

K = Organization.Kind

# --- bodies -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """One kind of body at one level: how it is named and who heads it."""

    key: str
    kind: str
    name: str  # "{loc}" is the locality ("xã Mỹ Hòa Hưng"), "{short}" the short place name
    short: str
    symbol: str
    head: str  # position of the head, without the body's name
    deputy: str
    ranks: tuple[str, ...] = ()  # military or police ranks of the head and deputy
    parent: str = ""  # key of the parent body in the same tree ("" for the root)


# Province bodies; the root is the Party committee, which leads every body of the province.
PROVINCE_BODIES: tuple[Body, ...] = (
    Body("tu", K.PARTY_COMMITTEE, "{committee} {short}", "{committee} {short}", "TU", "Bí thư", "Phó Bí thư"),
    Body("btg", K.PARTY_BOARD, "Ban Tuyên giáo {committee} {short}", "Ban Tuyên giáo {committee}", "BTGTU",
         "Trưởng ban", "Phó Trưởng ban", parent="tu"),
    Body("bdv", K.PARTY_BOARD, "Ban Dân vận {committee} {short}", "Ban Dân vận {committee}", "BDVTU",
         "Trưởng ban", "Phó Trưởng ban", parent="tu"),
    Body("btgdv", K.PARTY_BOARD, "Ban Tuyên giáo và Dân vận {committee} {short}", "Ban TG&DV {committee}",
         "BTGDVTU", "Trưởng ban", "Phó Trưởng ban", parent="tu"),
    Body("btc", K.PARTY_BOARD, "Ban Tổ chức {committee} {short}", "Ban Tổ chức {committee}", "BTCTU",
         "Trưởng ban", "Phó Trưởng ban", parent="tu"),
    Body("ubkt", K.PARTY_BOARD, "Ủy ban Kiểm tra {committee} {short}", "UBKT {committee}", "UBKTTU",
         "Chủ nhiệm", "Phó Chủ nhiệm", parent="tu"),
    Body("bnc", K.PARTY_BOARD, "Ban Nội chính {committee} {short}", "Ban Nội chính {committee}", "BNCTU",
         "Trưởng ban", "Phó Trưởng ban", parent="tu"),
    Body("truong_ct", K.SCHOOL, "Trường Chính trị {loc}", "Trường Chính trị {short}", "TCT",
         "Hiệu trưởng", "Phó Hiệu trưởng", parent="tu"),
    Body("ubnd", K.PEOPLES_COMMITTEE, "Ủy ban nhân dân {loc}", "UBND {short}", "UBND", "Chủ tịch",
         "Phó Chủ tịch", parent="tu"),
    Body("bchqs", K.MILITARY, "Bộ Chỉ huy Quân sự {loc}", "Bộ CHQS {short}", "BCH", "Chỉ huy trưởng",
         "Chính ủy", ("Đại tá", "Thượng tá"), parent="tu"),
    Body("ca", K.POLICE, "Công an {loc}", "Công an {short}", "CA", "Giám đốc", "Phó Giám đốc",
         ("Thiếu tướng", "Đại tá"), parent="tu"),
    Body("mttq", K.FATHERLAND_FRONT, "Ủy ban Mặt trận Tổ quốc Việt Nam {loc}", "Ủy ban MTTQ {short}",
         "MTTQ", "Chủ tịch", "Phó Chủ tịch", parent="tu"),
    Body("ccb", K.VETERANS, "Hội Cựu chiến binh {loc}", "Hội CCB {short}", "HCCB", "Chủ tịch",
         "Phó Chủ tịch", parent="mttq"),
    Body("pn", K.WOMEN, "Hội Liên hiệp Phụ nữ {loc}", "Hội LHPN {short}", "HLHPN", "Chủ tịch",
         "Phó Chủ tịch", parent="mttq"),
    Body("dtn", K.YOUTH, "{youth} {short}", "{youth} {short}", "TĐTN", "Bí thư", "Phó Bí thư",
         parent="mttq"),
    Body("nd", K.FARMERS, "Hội Nông dân {loc}", "Hội Nông dân {short}", "HND", "Chủ tịch", "Phó Chủ tịch",
         parent="mttq"),
    Body("ctd", K.RED_CROSS, "Hội Chữ thập đỏ {loc}", "Hội CTĐ {short}", "HCTĐ", "Chủ tịch", "Phó Chủ tịch",
         parent="mttq"),
    Body("ldld", K.TRADE_UNION, "Liên đoàn Lao động {loc}", "LĐLĐ {short}", "LĐLĐ", "Chủ tịch",
         "Phó Chủ tịch", parent="mttq"),
    Body("sgd", K.STATE_AGENCY, "Sở Giáo dục và Đào tạo {loc}", "Sở GD&ĐT {short}", "SGDĐT", "Giám đốc",
         "Phó Giám đốc", parent="ubnd"),
    Body("svh", K.STATE_AGENCY, "Sở Văn hóa, Thể thao và Du lịch {loc}", "Sở VHTTDL {short}", "SVHTTDL",
         "Giám đốc", "Phó Giám đốc", parent="ubnd"),
    Body("sld", K.STATE_AGENCY, "Sở Nội vụ {loc}", "Sở Nội vụ {short}", "SNV", "Giám đốc", "Phó Giám đốc",
         parent="ubnd"),
)

# District bodies, gone on 01/07/2025 (district police on 01/03/2025). Parents are province keys.
DISTRICT_BODIES: tuple[Body, ...] = (
    Body("hu", K.PARTY_COMMITTEE, "{dcommittee} {short}", "{dcommittee} {short}", "HU", "Bí thư",
         "Phó Bí thư", parent="tu"),
    Body("btg", K.PARTY_BOARD, "Ban Tuyên giáo {dcommittee} {short}", "Ban Tuyên giáo {dcommittee} {short}",
         "BTGHU", "Trưởng ban", "Phó Trưởng ban", parent="hu"),
    Body("bdv", K.PARTY_BOARD, "Ban Dân vận {dcommittee} {short}", "Ban Dân vận {dcommittee} {short}",
         "BDVHU", "Trưởng ban", "Phó Trưởng ban", parent="hu"),
    Body("chqs", K.MILITARY, "Ban Chỉ huy Quân sự {loc}", "Ban CHQS {loc}", "BCHQS", "Chỉ huy trưởng",
         "Chính trị viên", ("Thượng tá", "Trung tá"), parent="bchqs"),
    Body("ca", K.POLICE, "Công an {loc}", "Công an {loc}", "CA", "Trưởng Công an", "Phó Trưởng Công an",
         ("Thượng tá", "Trung tá"), parent="ca"),
    Body("mttq", K.FATHERLAND_FRONT, "Ủy ban Mặt trận Tổ quốc Việt Nam {loc}", "Ủy ban MTTQ {loc}", "MTTQ",
         "Chủ tịch", "Phó Chủ tịch", parent="mttq"),
    Body("ccb", K.VETERANS, "Hội Cựu chiến binh {loc}", "Hội CCB {loc}", "HCCB", "Chủ tịch", "Phó Chủ tịch",
         parent="ccb"),
    Body("pn", K.WOMEN, "Hội Liên hiệp Phụ nữ {loc}", "Hội Phụ nữ {loc}", "HLHPN", "Chủ tịch", "Phó Chủ tịch",
         parent="pn"),
    Body("dtn", K.YOUTH, "Đoàn Thanh niên Cộng sản Hồ Chí Minh {loc}", "{dyouth} {short}", "ĐTN", "Bí thư",
         "Phó Bí thư", parent="dtn"),
    Body("nd", K.FARMERS, "Hội Nông dân {loc}", "Hội Nông dân {loc}", "HND", "Chủ tịch", "Phó Chủ tịch",
         parent="nd"),
)

# Commune bodies (since 01/07/2025 directly under the province). Parents are province keys.
COMMUNE_BODIES: tuple[Body, ...] = (
    Body("du", K.PARTY_COMMITTEE, "Đảng ủy {loc}", "Đảng ủy {loc}", "ĐU", "Bí thư Đảng ủy",
         "Phó Bí thư Đảng ủy", parent="tu"),
    Body("chqs", K.MILITARY, "Ban Chỉ huy Quân sự {loc}", "Ban CHQS {loc}", "BCHQS", "Chỉ huy trưởng",
         "Chính trị viên", ("Thiếu tá", "Đại úy"), parent="bchqs"),
    Body("ca", K.POLICE, "Công an {loc}", "Công an {loc}", "CA", "Trưởng Công an", "Phó Trưởng Công an",
         ("Trung tá", "Thiếu tá"), parent="ca"),
    Body("mttq", K.FATHERLAND_FRONT, "Ủy ban Mặt trận Tổ quốc Việt Nam {loc}", "Ủy ban MTTQ {loc}", "MTTQ",
         "Chủ tịch", "Phó Chủ tịch", parent="mttq"),
    Body("ccb", K.VETERANS, "Hội Cựu chiến binh {loc}", "Hội CCB {loc}", "HCCB", "Chủ tịch", "Phó Chủ tịch",
         parent="ccb"),
    Body("pn", K.WOMEN, "Hội Liên hiệp Phụ nữ {loc}", "Hội Phụ nữ {loc}", "HLHPN", "Chủ tịch", "Phó Chủ tịch",
         parent="pn"),
    Body("dtn", K.YOUTH, "Đoàn Thanh niên Cộng sản Hồ Chí Minh {loc}", "Đoàn {loc}", "ĐTN", "Bí thư Đoàn",
         "Phó Bí thư Đoàn", parent="dtn"),
)

# Agreements every commune signs, each for an earlier period and renewed for 2025–2030:
# (kind, lead body, co-operating bodies).
COMMUNE_AGREEMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("program", "chqs", ("mttq",)),
    ("program", "chqs", ("ccb",)),
    ("program", "chqs", ("pn",)),
    ("program", "chqs", ("dtn",)),
    ("regulation", "chqs", ("ca",)),
    ("regulation", "du", ("chqs", "ca", "mttq")),
    ("program", "mttq", ("ccb", "pn", "dtn")),
    ("program", "chqs", ("mttq", "ccb", "pn", "dtn", "ca")),
    ("program", "ca", ("dtn", "pn")),
    ("program", "du", ("mttq", "ccb", "pn", "dtn")),
)
# The yearly joint plans of a commune: (lead, co-operating).
COMMUNE_YEARLY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chqs", ("mttq", "ccb", "pn", "dtn")),
    ("mttq", ("ccb", "pn", "dtn", "ca")),
)
DISTRICT_AGREEMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("program", "chqs", ("btg",)),
    ("program", "chqs", ("bdv",)),
    ("program", "chqs", ("mttq",)),
    ("program", "chqs", ("ccb", "pn", "dtn", "nd")),
    ("regulation", "chqs", ("ca",)),
    ("program", "bdv", ("mttq", "ccb", "pn", "nd", "dtn")),
)
# The province boards' programs with the province bodies (2021–2025), each renewed by the merged
# board for 2025–2030, and the military command's own.
PROVINCE_BOARD_PARTNERS: tuple[str, ...] = (
    "bchqs", "ca", "mttq", "ccb", "pn", "dtn", "nd", "ctd", "ldld", "sgd", "svh", "truong_ct",
)
PROVINCE_MILITARY_PARTNERS: tuple[tuple[str, ...], ...] = (
    ("ca",), ("mttq",), ("ccb", "pn", "dtn", "nd"), ("sld",), ("sgd",), ("bnc",), ("ubkt",),
)

# --- content areas --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    title: str
    text: str
    indicators: tuple[tuple[str, str, int, int, str], ...]  # (name, unit, min, max target, aggregation)
    activities: tuple[str, ...]


AREAS: tuple[Area, ...] = (
    Area(
        "Tuyên truyền, giáo dục chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về "
        "quân sự, quốc phòng",
        "Phối hợp định hướng tư tưởng, tuyên truyền cho cán bộ, đảng viên, chiến sĩ và Nhân dân về những "
        "chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về quân sự, quốc phòng.",
        (("Buổi tuyên truyền phối hợp", "session", 6, 24, "sum"),
         ("Lượt người được tuyên truyền", "person_time", 300, 2000, "sum")),
        ("Tuyên truyền Luật Quốc phòng cho cán bộ, hội viên", "Tuyên truyền chủ trương, đường lối của Đảng "
         "về quốc phòng tại khu dân cư", "Tọa đàm về nhiệm vụ quân sự, quốc phòng địa phương",
         "Tuyên truyền trên hệ thống truyền thanh cơ sở"),
    ),
    Area(
        "Đấu tranh phản bác các quan điểm sai trái, thù địch, thông tin sai sự thật",
        "Tích cực đấu tranh phản bác các quan điểm sai trái, thù địch, thông tin giả, sai sự thật về chức "
        "năng, nhiệm vụ, truyền thống của Quân đội nhân dân Việt Nam, các vấn đề liên quan đến quốc phòng, "
        "an ninh.",
        (("Tin, bài đấu tranh, phản bác được đăng tải", "article", 10, 60, "sum"),),
        ("Bồi dưỡng lực lượng nòng cốt bảo vệ nền tảng tư tưởng của Đảng", "Đăng tải tin, bài lan tỏa "
         "thông tin tích cực trên trang thông tin điện tử", "Sinh hoạt chuyên đề bảo vệ nền tảng tư tưởng của Đảng"),
    ),
    Area(
        "Tuyển chọn, gọi công dân nhập ngũ",
        "Phối hợp tuyên truyền, vận động thanh niên và gia đình có thanh niên trong diện nhập ngũ chấp "
        "hành tốt pháp luật về nghĩa vụ quân sự; thăm hỏi, tặng quà thanh niên lên đường nhập ngũ.",
        (("Hoàn thành chỉ tiêu giao quân", "percent", 100, 100, "percent"),
         ("Thanh niên lên đường nhập ngũ được thăm hỏi, tặng quà", "person_time", 10, 60, "sum")),
        ("Tuyên truyền Luật Nghĩa vụ quân sự cho thanh niên trong diện nhập ngũ", "Thăm hỏi, tặng quà "
         "thanh niên lên đường nhập ngũ", "Lễ giao nhận quân", "Khám sơ tuyển nghĩa vụ quân sự"),
    ),
    Area(
        "Xây dựng lực lượng dân quân tự vệ, dự bị động viên vững mạnh",
        "Phối hợp xây dựng lực lượng dân quân tự vệ vững mạnh, rộng khắp; đăng ký, quản lý lực lượng dự "
        "bị động viên; huấn luyện dân quân theo kế hoạch.",
        (("Lượt dân quân được huấn luyện", "person_time", 30, 150, "sum"),),
        ("Huấn luyện dân quân năm", "Hội thao dân quân tự vệ", "Kiểm tra đăng ký, quản lý quân nhân dự bị"),
    ),
    Area(
        "Bồi dưỡng, giáo dục kiến thức quốc phòng, an ninh",
        "Phối hợp bồi dưỡng, giáo dục nâng cao nhận thức, kiến thức về quân sự, quốc phòng, an ninh cho "
        "các đối tượng theo yêu cầu nhiệm vụ.",
        (("Lớp bồi dưỡng kiến thức quốc phòng, an ninh", "session", 1, 6, "sum"),
         ("Lượt người được bồi dưỡng", "person_time", 40, 300, "sum")),
        ("Bồi dưỡng kiến thức quốc phòng, an ninh cho đối tượng 4", "Giáo dục quốc phòng, an ninh cho "
         "chức sắc, chức việc các tôn giáo", "Tập huấn nghiệp vụ cho cán bộ chuyên trách"),
    ),
    Area(
        "Thực hiện chính sách hậu phương quân đội, đền ơn đáp nghĩa",
        "Phối hợp thực hiện tốt công tác chính sách hậu phương quân đội, các hoạt động đền ơn đáp nghĩa, "
        "nhân đạo từ thiện.",
        (("Nhà tình nghĩa, nhà đồng đội xây dựng, bàn giao", "house", 1, 4, "sum"),
         ("Kinh phí vận động", "million_vnd", 50, 400, "sum")),
        ("Bàn giao nhà tình nghĩa cho gia đình chính sách", "Thăm hỏi, tặng quà gia đình chính sách nhân "
         "ngày Thương binh - Liệt sĩ", "Dâng hương tưởng niệm các anh hùng liệt sĩ"),
    ),
    Area(
        "Phong trào thi đua “Dân vận khéo”, “Đơn vị dân vận tốt”",
        "Đẩy mạnh phong trào thi đua “Dân vận khéo”, “Đơn vị dân vận tốt”; phát hiện, nhân rộng các mô "
        "hình, điển hình tiên tiến trong công tác dân vận.",
        (("Mô hình “Dân vận khéo” được công nhận", "session", 1, 5, "sum"),),
        ("Hội nghị biểu dương điển hình “Dân vận khéo”", "Ra mắt mô hình dân vận khéo tại khu dân cư",
         "Giao lưu điển hình tiên tiến trong công tác dân vận"),
    ),
    Area(
        "Tham gia xây dựng nông thôn mới, đô thị văn minh",
        "Cán bộ, chiến sĩ, hội viên, đoàn viên tham gia ngày công xây dựng nông thôn mới, đô thị văn "
        "minh, giúp Nhân dân phát triển kinh tế.",
        (("Ngày công giúp dân", "person_time", 100, 800, "sum"),),
        ("Ngày công làm đường giao thông nông thôn", "Ra quân vệ sinh môi trường khu dân cư",
         "Giúp dân thu hoạch mùa vụ"),
    ),
    Area(
        "Phòng, chống thiên tai, dịch bệnh, tìm kiếm cứu nạn",
        "Phối hợp tham gia khắc phục hậu quả thiên tai, dịch bệnh và đối phó với các thách thức an ninh "
        "phi truyền thống.",
        (("Lượt người tham gia phòng, chống thiên tai", "person_time", 50, 400, "sum"),),
        ("Diễn tập phòng, chống thiên tai và tìm kiếm cứu nạn", "Giúp dân khắc phục hậu quả mưa bão",
         "Tập huấn kỹ năng ứng phó thiên tai"),
    ),
    Area(
        "Giữ gìn an ninh chính trị, trật tự an toàn xã hội trên địa bàn",
        "Phối hợp nắm chắc tình hình, giữ vững an ninh chính trị, trật tự an toàn xã hội; xây dựng phong "
        "trào toàn dân bảo vệ an ninh Tổ quốc.",
        (("Buổi tuần tra, kiểm soát phối hợp", "session", 12, 48, "sum"),),
        ("Tuần tra, kiểm soát phối hợp bảo đảm an ninh trật tự", "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
         "Tuyên truyền phòng, chống tội phạm ma túy"),
    ),
    Area(
        "Giáo dục truyền thống cách mạng cho thế hệ trẻ",
        "Tuyên truyền, giáo dục truyền thống cách mạng của Đảng, dân tộc, Quân đội nhân dân Việt Nam cho "
        "đoàn viên, thanh thiếu nhi.",
        (("Lượt đoàn viên, thanh niên tham gia", "person_time", 100, 600, "sum"),),
        ("Hành trình về địa chỉ đỏ", "Giao lưu “Tuổi trẻ với truyền thống anh hùng”",
         "Hội trại tòng quân"),
    ),
    Area(
        "Trao đổi thông tin, nắm tình hình Nhân dân trên địa bàn",
        "Đổi mới phương thức tổng hợp, trao đổi thông tin về tình hình Nhân dân, về công tác dân vận; "
        "thông tin kịp thời những vấn đề phức tạp, nhạy cảm.",
        (("Kỳ giao ban, trao đổi thông tin", "session", 4, 12, "sum"),),
        ("Giao ban trao đổi thông tin định kỳ", "Hội nghị nắm tình hình Nhân dân", "Khảo sát tình hình khu dân cư"),
    ),
    Area(
        "Xây dựng cơ sở chính trị vững mạnh, khu vực phòng thủ vững chắc",
        "Phối hợp tham gia xây dựng cơ sở chính trị vững mạnh, củng cố quốc phòng, an ninh; xây dựng khu "
        "vực phòng thủ vững chắc.",
        (("Tỷ lệ cơ sở đạt vững mạnh", "percent", 80, 100, "latest"),),
        ("Diễn tập chiến đấu phòng thủ", "Khảo sát xây dựng cơ sở chính trị vững mạnh",
         "Hội nghị quán triệt nhiệm vụ quốc phòng địa phương"),
    ),
    Area(
        "Hỗ trợ quân nhân hoàn thành nghĩa vụ học nghề, tìm việc làm",
        "Phối hợp tư vấn hướng nghiệp, đào tạo nghề và giới thiệu việc làm cho thanh niên và quân nhân "
        "hoàn thành nghĩa vụ trở về địa phương.",
        (("Lượt người được tư vấn, giới thiệu việc làm", "person_time", 10, 80, "sum"),),
        ("Tư vấn hướng nghiệp cho quân nhân xuất ngũ", "Ngày hội việc làm cho thanh niên",
         "Giới thiệu việc làm tại doanh nghiệp trên địa bàn"),
    ),
    Area(
        "Kiểm tra, giám sát, sơ kết, tổng kết thực hiện chương trình phối hợp",
        "Tổ chức kiểm tra, giám sát, đánh giá; sơ kết, tổng kết, kịp thời biểu dương, khen thưởng các tập "
        "thể, cá nhân có thành tích xuất sắc.",
        (),
        ("Kiểm tra việc thực hiện chương trình phối hợp", "Hội nghị sơ kết chương trình phối hợp"),
    ),
)

LEGAL_BASES: tuple[str, ...] = (
    "Luật Quốc phòng năm 2018",
    "Luật Dân quân tự vệ năm 2019",
    "Luật Nghĩa vụ quân sự năm 2015",
    "Luật Mặt trận Tổ quốc Việt Nam năm 2015",
    "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    "Quy định 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị về ban hành Quy chế công tác dân vận của hệ "
    "thống chính trị",
    "Nghị quyết Đại hội Đảng bộ {province} nhiệm kỳ 2020 - 2025",
    "Nghị quyết Đại hội Đảng bộ {province} nhiệm kỳ 2025 - 2030",
)

PLACES: tuple[str, ...] = (
    "Hội trường Đảng ủy",
    "Hội trường Ủy ban nhân dân",
    "Trụ sở Ban Chỉ huy Quân sự",
    "Nhà văn hóa khu dân cư",
    "Nhà văn hóa ấp",
    "Trường trung học cơ sở",
    "Sân vận động",
    "Nhà bia tưởng niệm liệt sĩ",
    "Trụ sở Công an",
    "Các khu dân cư trên địa bàn",
)

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Mai", "Trương", "Lương")
MIDDLE_MEN = ("Văn", "Minh", "Đức", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Tuấn", "Ngọc")
MIDDLE_WOMEN = ("Thị", "Thị Thu", "Thị Ngọc", "Thị Thanh", "Thị Hồng", "Thị Mai", "Thị Lan")
GIVEN_MEN = ("An", "Bảo", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Nam", "Phong", "Quang", "Sơn",
             "Thắng", "Thịnh", "Trung", "Tùng", "Việt", "Vinh")
GIVEN_WOMEN = ("Anh", "Dung", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nhung", "Phương", "Thảo",
               "Trang", "Vân", "Yến")

FINDINGS = (
    "Các bên triển khai đầy đủ nội dung chương trình phối hợp; hồ sơ, sổ sách cơ bản đầy đủ.",
    "Việc trao đổi thông tin chưa thường xuyên; một số hoạt động chưa có báo cáo kết quả.",
    "Công tác tuyên truyền được quan tâm; chỉ tiêu một số nội dung đạt thấp so với kế hoạch.",
)
RECOMMENDATIONS = (
    "Bổ sung kế hoạch phối hợp năm, phân công cụ thể bên chủ trì, bên phối hợp.",
    "Thực hiện nghiêm chế độ thông tin, báo cáo định kỳ theo quy chế.",
    "Lưu trữ đầy đủ hồ sơ, hình ảnh hoạt động phối hợp.",
    "Tăng cường tuyên truyền trên hệ thống truyền thanh cơ sở.",
    "Rà soát, điều chỉnh chỉ tiêu phù hợp thực tế địa phương.",
)
REVIEW_TEXTS = {
    "situation": "Sau khi ký kết, các bên đã quán triệt, xây dựng kế hoạch và tổ chức thực hiện chương "
    "trình phối hợp bảo đảm đúng nội dung, tiến độ.",
    "results": "Các bên phối hợp tổ chức nhiều hoạt động tuyên truyền, vận động; hoàn thành cơ bản các "
    "chỉ tiêu đề ra.",
    "strengths": "Sự phối hợp chặt chẽ, thường xuyên; phát huy sức mạnh tổng hợp của hệ thống chính trị.",
    "shortcomings": "Việc trao đổi thông tin có lúc chưa kịp thời; một số chỉ tiêu chưa đạt.",
    "causes": "Lực lượng cán bộ kiêm nhiệm nhiều việc; kinh phí bảo đảm còn hạn chế.",
    "lessons": "Phải có kế hoạch cụ thể, phân công rõ trách nhiệm; thường xuyên kiểm tra, đôn đốc.",
    "directions": "Tiếp tục thực hiện có hiệu quả các nội dung phối hợp; đổi mới nội dung, hình thức.",
    "proposals": "Đề nghị cấp trên quan tâm bảo đảm kinh phí, kịp thời biểu dương, khen thưởng.",
}
MOVEMENTS = (
    ("Phong trào thi đua “Dân vận khéo”", "Phát hiện, biểu dương, nhân rộng các mô hình, điển hình "
     "“Dân vận khéo” trên các lĩnh vực."),
    ("Phong trào thi đua “Đơn vị dân vận tốt”", "Xây dựng đơn vị làm tốt công tác dân vận trong lực "
     "lượng vũ trang và các cơ quan, đơn vị."),
)
