"""Demo annual plans, tasks, targets and activities under the demo programs.

Seed 004 (Ban CHQS thành phố Hưng Yên with the Veterans, Farmers, Women, Youth and Red Cross):
a 2022 plan whose tasks and indicators follow the results read out at the review of 06/01/2023.
Seed 000 (Ban CHQS Quận 4 with Ban Tuyên giáo and Ban Dân vận Quận ủy): plans 2022 to 2025,
activities until the district bodies ended on 30/06/2025. Seed 003 (Móng Cái): a small 2022 plan.

Every write goes through the plans and activities services, acting as the demo user whose role
allows it (officers record and submit, leaders approve or return), and the change history names
that user. Only the result "100% chỉ tiêu giao quân năm 2022" comes from an article; every other
figure, date and place is illustrative and says so in the record ("Dữ liệu mẫu minh họa").

Loading is idempotent like the rest of the demo: a plan is looked up by its agreement and year
and, when found, left exactly as it is (its tasks and activities included).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model

from phoihop.activities.models import Activity
from phoihop.activities.services import (
    activity_approve,
    activity_create,
    activity_return,
    activity_submit,
)
from phoihop.agreements.models import Agreement
from phoihop.demo.base import DemoResult, acting_as
from phoihop.orgs.models import Organization
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.plans.services import (
    indicator_set,
    plan_create,
    plan_set_status,
    task_complete,
    task_create,
    task_update,
)
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User

D = datetime.date
DEMO = "Dữ liệu mẫu minh họa"
U = Indicator.Unit
AGG = Indicator.Aggregation
ST = Activity.Status
PS = AnnualPlan.Status
Q4_ENDED = D(2025, 6, 30)


# --- specifications ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    unit: str
    target: int
    aggregation: str = AGG.SUM


@dataclass(frozen=True)
class TaskSpec:
    area: int | None  # number of the content area
    title: str = ""  # empty: keep the title the plan gave it (the content area's)
    key: str = ""  # empty: "a<area>", the task the plan made for that content area
    number: int | None = None  # set for a task of its own, beyond the one per content area
    lead: str | None = None
    supporting: tuple[str, ...] | None = None
    start: datetime.date | None = None
    due: datetime.date | None = None
    indicators: tuple[IndicatorSpec, ...] = ()
    completed: bool = False  # marked done by the lead party on its due date

    @property
    def ref(self) -> str:
        return self.key or f"a{self.area}"


@dataclass(frozen=True)
class ActivitySpec:
    task: str
    title: str
    start: datetime.date
    orgs: tuple[str, ...]
    author: str
    description: str
    end: datetime.date | None = None
    place: str = ""
    participants: int | None = None
    values: tuple[tuple[str, int], ...] = ()  # (indicator name, value)
    outcome: str = ST.APPROVED  # approved, submitted, returned or draft
    note: str = ""  # the reviewer's note of a returned activity


@dataclass(frozen=True)
class PlanSpec:
    agreement: str
    year: int
    author: str
    approver: str
    notes: str
    tasks: tuple[TaskSpec, ...]
    activities: tuple[ActivitySpec, ...]
    from_previous: bool = False
    status: str = PS.CLOSED


# --- seed 004: Hưng Yên, 2022 -----------------------------------------------------------------

HY_OFFICER, HY_LEADER, HY_WOMEN = "chqs.hy.canbo", "chqs.hy.lanhdao", "phunu.hy.canbo"
HY_ALL = ("chqs_hy", "ccb_hy", "nd_hy", "pn_hy", "dtn_hy", "ctd_hy")

HY_SESSIONS = "Buổi tuyên truyền phối hợp"
HY_QUOTA = "Hoàn thành chỉ tiêu giao quân năm 2022"
HY_GIFTS = "Thanh niên lên đường nhập ngũ được thăm hỏi, tặng quà"
HY_HOUSES = "Nhà tình nghĩa, nhà tình thương xây dựng, bàn giao"
HY_JOBS = "Lượt người được tư vấn hướng nghiệp, đào tạo nghề, giới thiệu việc làm"

HY_FIGURES = (
    f"{DEMO}: bài sơ kết ngày 06/01/2023 nêu hoạt động này nhưng không nêu ngày, địa điểm, "
    "số lượng; các con số ở đây ghi để minh họa."
)


def _hy(text: str) -> str:
    return f"{text}\n\n{HY_FIGURES}"


HY_2022 = PlanSpec(
    agreement="hy_2022",
    year=2022,
    author=HY_OFFICER,
    approver=HY_LEADER,
    status=PS.IN_FORCE,
    notes="Kế hoạch thực hiện Chương trình phối hợp năm 2022, dựng lại từ kết quả nêu tại hội "
    "nghị sơ kết ngày 06/01/2023. Kết quả “hoàn thành 100% chỉ tiêu giao quân năm 2022” là "
    f"kết quả bài viết nêu. {DEMO}: số buổi, số nhà, số lượt người, ngày và địa điểm các hoạt "
    "động không có trong bài, ghi để minh họa. Kế hoạch để ở trạng thái đang thực hiện vì còn "
    "hoạt động chờ duyệt và một hoạt động bị trả lại để sửa.",
    tasks=(
        TaskSpec(
            1,
            "Tuyên truyền, giáo dục, vận động thực hiện chủ trương, đường lối của Đảng, chính "
            "sách, pháp luật của Nhà nước; trọng tâm là Nghị quyết Đại hội XIII của Đảng",
            indicators=(IndicatorSpec(HY_SESSIONS, U.SESSION, 20),),
        ),
        TaskSpec(
            2,
            "Tuyên truyền, giáo dục truyền thống cách mạng của Đảng, dân tộc, Quân đội nhân dân "
            "Việt Nam",
            completed=True,
        ),
        TaskSpec(
            3,
            "Tham gia xây dựng cơ sở chính trị vững mạnh; diễn tập khu vực phòng thủ thành phố "
            "năm 2022",
            completed=True,
        ),
        TaskSpec(
            4,
            "Tuyên truyền, vận động tuyển chọn, gọi công dân nhập ngũ năm 2022; thăm hỏi, tặng quà "
            "thanh niên lên đường nhập ngũ",
            indicators=(
                IndicatorSpec(HY_QUOTA, U.PERCENT, 100, AGG.PERCENT),
                IndicatorSpec(HY_GIFTS, U.PERSON_TIME, 100),
            ),
        ),
        TaskSpec(
            5,
            "Vận động thực hiện các phong trào thi đua, cuộc vận động: “Toàn dân bảo vệ an ninh "
            "Tổ quốc”, “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”, “Đền ơn đáp "
            "nghĩa”",
            completed=True,
        ),
        TaskSpec(
            6,
            "Xây dựng nhà tình nghĩa, nhà tình thương; thực hiện chính sách hậu phương quân đội, "
            "đền ơn đáp nghĩa",
            indicators=(IndicatorSpec(HY_HOUSES, U.HOUSE, 2),),
        ),
        TaskSpec(
            6,
            "Tư vấn hướng nghiệp, đào tạo nghề và giới thiệu việc làm cho thanh niên và quân "
            "nhân hoàn thành nghĩa vụ tại ngũ trở về địa phương",
            key="nghe",
            number=7,
            lead="chqs_hy",
            supporting=("dtn_hy", "nd_hy", "pn_hy"),
            indicators=(IndicatorSpec(HY_JOBS, U.PERSON_TIME, 60),),
        ),
    ),
    activities=(
        ActivitySpec(
            "a4",
            "Tuyên truyền Luật Nghĩa vụ quân sự, vận động thanh niên và gia đình có thanh niên "
            "trong diện nhập ngũ năm 2022",
            D(2022, 1, 10),
            ("chqs_hy", "dtn_hy", "pn_hy"),
            HY_OFFICER,
            _hy(
                "Ban CHQS thành phố phối hợp Đoàn Thanh niên, Hội Phụ nữ tuyên truyền, vận động "
                "thanh niên và gia đình chấp hành tốt pháp luật về nghĩa vụ quân sự."
            ),
            end=D(2022, 1, 28),
            place="Các phường, xã trên địa bàn thành phố",
            participants=450,
        ),
        ActivitySpec(
            "a4",
            "Thăm hỏi, tặng quà thanh niên lên đường nhập ngũ năm 2022",
            D(2022, 2, 14),
            HY_ALL,
            HY_OFFICER,
            _hy(
                "Các hội, đoàn thể cùng Ban CHQS thành phố đến thăm hỏi, động viên, tặng quà "
                "thanh niên lên đường nhập ngũ."
            ),
            end=D(2022, 2, 15),
            place="Gia đình các tân binh trên địa bàn thành phố",
            participants=100,
            values=((HY_GIFTS, 100),),
        ),
        ActivitySpec(
            "a4",
            "Lễ giao nhận quân năm 2022",
            D(2022, 2, 16),
            ("chqs_hy",),
            HY_OFFICER,
            "Thành phố hoàn thành 100% chỉ tiêu giao quân năm 2022 (kết quả nêu tại hội nghị "
            "sơ kết ngày 06/01/2023).\n\n"
            f"{DEMO}: ngày tổ chức lễ và địa điểm ghi để minh họa, bài viết không nêu.",
            place="Quảng trường thành phố",
            values=((HY_QUOTA, 100),),
        ),
        ActivitySpec(
            "a1",
            "Tuyên truyền Nghị quyết Đại hội XIII của Đảng cho cán bộ, hội viên Hội Cựu chiến binh",
            D(2022, 3, 15),
            ("chqs_hy", "ccb_hy"),
            HY_OFFICER,
            _hy("Tuyên truyền tại sinh hoạt chi hội Cựu chiến binh các phường, xã."),
            end=D(2022, 3, 30),
            place="Nhà văn hóa các khu phố",
            participants=320,
            values=((HY_SESSIONS, 6),),
        ),
        ActivitySpec(
            "a1",
            "Tuyên truyền phòng, chống dịch Covid-19 tại các khu dân cư",
            D(2022, 4, 5),
            ("chqs_hy", "pn_hy"),
            HY_WOMEN,
            _hy("Hội Phụ nữ phối hợp lực lượng dân quân tuyên truyền tại các khu dân cư."),
            end=D(2022, 4, 20),
            place="Các khu dân cư trên địa bàn thành phố",
            participants=280,
            values=((HY_SESSIONS, 5),),
        ),
        ActivitySpec(
            "nghe",
            "Tư vấn hướng nghiệp, giới thiệu việc làm cho quân nhân hoàn thành nghĩa vụ quân sự "
            "trở về địa phương",
            D(2022, 3, 25),
            ("chqs_hy", "dtn_hy"),
            HY_OFFICER,
            _hy("Tư vấn hướng nghiệp, giới thiệu việc làm tại các doanh nghiệp trên địa bàn."),
            place="Hội trường Ban CHQS thành phố",
            participants=45,
            values=((HY_JOBS, 45),),
        ),
        ActivitySpec(
            "a5",
            "Ngày công giúp dân xây dựng nông thôn mới, đô thị văn minh",
            D(2022, 6, 10),
            ("chqs_hy", "nd_hy", "ccb_hy"),
            HY_OFFICER,
            _hy(
                "Cán bộ, chiến sĩ, hội viên tham gia ngày công làm đường giao thông, vệ sinh môi "
                "trường."
            ),
            end=D(2022, 6, 12),
            place="Các xã ngoại thành",
            participants=150,
        ),
        ActivitySpec(
            "a6",
            "Bàn giao nhà tình nghĩa cho gia đình chính sách nhân kỷ niệm 75 năm Ngày Thương binh "
            "- Liệt sĩ",
            D(2022, 7, 25),
            ("chqs_hy", "ccb_hy"),
            HY_OFFICER,
            "Bài sơ kết nêu việc xây dựng nhà tình nghĩa, nhà tình thương trong năm 2022 nhưng "
            f"không nêu số lượng.\n\n{DEMO}: số nhà, ngày và địa điểm ghi để minh họa.",
            place="Một gia đình chính sách trên địa bàn thành phố",
            participants=40,
            values=((HY_HOUSES, 1),),
        ),
        ActivitySpec(
            "a3",
            "Tuyên truyền, tham gia diễn tập khu vực phòng thủ thành phố năm 2022",
            D(2022, 8, 22),
            HY_ALL,
            HY_OFFICER,
            "Các hội, đoàn thể tham gia tuyên truyền, bảo đảm cho diễn tập khu vực phòng thủ "
            "thành phố năm 2022 (bài sơ kết có nêu).\n\n"
            f"{DEMO}: ngày và số người tham gia ghi để minh họa.",
            end=D(2022, 8, 26),
            place="Thành phố",
            participants=250,
        ),
        ActivitySpec(
            "a6",
            "Xây dựng nhà tình thương cho hội viên phụ nữ có hoàn cảnh khó khăn",
            D(2022, 9, 5),
            ("chqs_hy", "pn_hy", "ctd_hy"),
            HY_WOMEN,
            "Bài sơ kết nêu việc xây dựng nhà tình nghĩa, nhà tình thương nhưng không nêu số "
            f"lượng.\n\n{DEMO}: số nhà, ngày và địa điểm ghi để minh họa.",
            end=D(2022, 10, 20),
            place="Một hộ hội viên trên địa bàn thành phố",
            participants=35,
            values=((HY_HOUSES, 1),),
            outcome=ST.RETURNED,
            note="Đề nghị bổ sung địa chỉ hộ được hỗ trợ, tổng kinh phí, nguồn vận động và biên "
            "bản bàn giao nhà rồi gửi lại.",
        ),
        ActivitySpec(
            "nghe",
            "Đào tạo nghề ngắn hạn cho quân nhân xuất ngũ năm 2022",
            D(2022, 10, 3),
            ("chqs_hy", "nd_hy"),
            HY_OFFICER,
            _hy("Lớp đào tạo nghề ngắn hạn phối hợp với Hội Nông dân thành phố."),
            end=D(2022, 11, 25),
            place="Trung tâm giáo dục nghề nghiệp thành phố",
            participants=20,
            values=((HY_JOBS, 20),),
            outcome=ST.SUBMITTED,
        ),
        ActivitySpec(
            "a1",
            "Tuyên truyền kết quả thực hiện nhiệm vụ quốc phòng, quân sự địa phương cho hội viên "
            "nông dân",
            D(2022, 11, 8),
            ("chqs_hy", "nd_hy"),
            HY_OFFICER,
            _hy("Tuyên truyền tại sinh hoạt chi hội nông dân các xã."),
            end=D(2022, 11, 22),
            place="Các xã ngoại thành",
            participants=210,
            values=((HY_SESSIONS, 4),),
            outcome=ST.SUBMITTED,
        ),
        ActivitySpec(
            "a1",
            "Tuyên truyền về chủ quyền biển, đảo Việt Nam cho hội viên phụ nữ",
            D(2022, 12, 5),
            ("chqs_hy", "pn_hy"),
            HY_WOMEN,
            _hy("Tuyên truyền lồng ghép trong sinh hoạt chi hội phụ nữ."),
            end=D(2022, 12, 9),
            place="Nhà văn hóa các khu phố",
            participants=160,
            values=((HY_SESSIONS, 3),),
            outcome=ST.SUBMITTED,
        ),
        ActivitySpec(
            "a2",
            "Giáo dục truyền thống cách mạng cho đoàn viên thanh niên nhân kỷ niệm 78 năm Ngày "
            "thành lập Quân đội nhân dân Việt Nam",
            D(2022, 12, 15),
            ("chqs_hy", "ccb_hy", "dtn_hy"),
            HY_OFFICER,
            _hy("Cựu chiến binh nói chuyện truyền thống với đoàn viên thanh niên."),
            place="Hội trường Ban CHQS thành phố",
            participants=200,
        ),
    ),
)


# --- seed 000: Quận 4, 2022-2025 --------------------------------------------------------------

Q4_OFFICER, Q4_LEADER, Q4_BTG = "chqs.q4.canbo", "chqs.q4.lanhdao", "btg.q4.canbo"
Q4_SIGNED = D(2022, 9, 15)

Q4_SESSIONS = "Buổi tuyên truyền về quân sự, quốc phòng"
Q4_ARTICLES = "Tin bài đăng trên trang thông tin điện tử của quận"
Q4_TRAINED = "Lượt người được bồi dưỡng kiến thức quốc phòng và an ninh"
Q4_CAMPAIGNS = "Buổi ra quân làm công tác dân vận"
Q4_CADRES = "Lượt cán bộ, chiến sĩ được bồi dưỡng công tác dân vận"
Q4_BRIEFINGS = "Buổi giao ban, trao đổi thông tin"

Q4_FIGURES = f"{DEMO}: bài viết chỉ đưa tin lễ ký kết; hoạt động, ngày và số liệu ghi để minh họa."
Q4_PLACE = "Hội trường Ban CHQS Quận 4"


def _q4_notes(year: int) -> str:
    text = f"Kế hoạch phối hợp năm {year} thực hiện chương trình giai đoạn 2022-2025. {Q4_FIGURES}"
    if year == 2022:
        text += " Năm đầu tính từ ngày ký chương trình (15/9/2022)."
    if year == 2025:
        text += (
            " Các cơ quan cấp huyện kết thúc hoạt động ngày 30/6/2025 nên hạn các nhiệm vụ là "
            "30/6/2025."
        )
    return text


def _q4_span(year: int) -> tuple[datetime.date, datetime.date]:
    return (
        Q4_SIGNED if year == 2022 else D(year, 1, 1),
        Q4_ENDED if year == 2025 else D(year, 12, 31),
    )


def _q4(
    task: str,
    title: str,
    start: datetime.date,
    orgs: tuple[str, ...],
    *,
    end: datetime.date | None = None,
    value: tuple[str, int] | None = None,
    participants: int | None = None,
    author: str = Q4_OFFICER,
    outcome: str = ST.APPROVED,
    place: str = Q4_PLACE,
) -> ActivitySpec:
    return ActivitySpec(
        task,
        title,
        start,
        orgs,
        author,
        Q4_FIGURES,
        end=end,
        place=place,
        participants=participants,
        values=(value,) if value else (),
        outcome=outcome,
    )


BTG = ("chqs_q4", "btg_q4")
BDV = ("chqs_q4", "bdv_q4")
CHQS = ("chqs_q4",)

# (sessions, articles, people trained) per year
Q4_BTG_TARGETS = {2022: (4, 6, 100), 2023: (12, 24, 300), 2024: (12, 24, 300), 2025: (6, 12, 150)}

Q4_BTG_ACTIVITIES: dict[int, tuple[ActivitySpec, ...]] = {
    2022: (
        _q4(
            "a1",
            "Tuyên truyền kỷ niệm 78 năm Ngày thành lập Quân đội nhân dân Việt Nam",
            D(2022, 12, 1),
            BTG,
            end=D(2022, 12, 20),
            value=(Q4_SESSIONS, 4),
            participants=360,
            author=Q4_BTG,
        ),
        _q4(
            "a2",
            "Đăng tin bài tuyên truyền về quân sự, quốc phòng quý IV/2022",
            D(2022, 10, 1),
            BTG,
            end=D(2022, 12, 31),
            value=(Q4_ARTICLES, 6),
            author=Q4_BTG,
        ),
        _q4(
            "a3",
            "Giới thiệu gương cán bộ, chiến sĩ tiêu biểu trong lực lượng vũ trang quận",
            D(2022, 12, 22),
            BTG,
        ),
        _q4(
            "a4",
            "Bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4 năm 2022",
            D(2022, 11, 14),
            CHQS,
            end=D(2022, 11, 18),
            value=(Q4_TRAINED, 110),
            participants=110,
        ),
    ),
    2023: (
        _q4(
            "a1",
            "Tuyên truyền Luật Nghĩa vụ quân sự, Ngày hội tòng quân năm 2023",
            D(2023, 1, 9),
            BTG,
            end=D(2023, 2, 20),
            value=(Q4_SESSIONS, 3),
            participants=420,
        ),
        _q4(
            "a1",
            "Tuyên truyền về chủ quyền biển, đảo Việt Nam cho đoàn viên, hội viên",
            D(2023, 5, 8),
            BTG,
            end=D(2023, 6, 16),
            value=(Q4_SESSIONS, 3),
            participants=300,
            author=Q4_BTG,
        ),
        _q4(
            "a1",
            "Tuyên truyền kỷ niệm 76 năm Ngày Thương binh - Liệt sĩ",
            D(2023, 7, 17),
            BTG,
            end=D(2023, 7, 27),
            value=(Q4_SESSIONS, 3),
            participants=280,
        ),
        _q4(
            "a1",
            "Tuyên truyền kỷ niệm 79 năm Ngày thành lập Quân đội nhân dân Việt Nam và 34 "
            "năm Ngày hội Quốc phòng toàn dân",
            D(2023, 12, 4),
            BTG,
            end=D(2023, 12, 20),
            value=(Q4_SESSIONS, 3),
            participants=350,
            author=Q4_BTG,
        ),
        _q4(
            "a2",
            "Đăng tin bài về quân sự, quốc phòng 6 tháng đầu năm 2023",
            D(2023, 1, 1),
            BTG,
            end=D(2023, 6, 30),
            value=(Q4_ARTICLES, 12),
            author=Q4_BTG,
        ),
        _q4(
            "a2",
            "Đăng tin bài về quân sự, quốc phòng 6 tháng cuối năm 2023",
            D(2023, 7, 1),
            BTG,
            end=D(2023, 12, 31),
            value=(Q4_ARTICLES, 13),
            author=Q4_BTG,
        ),
        _q4(
            "a3",
            "Biểu dương mô hình “Dân quân tự vệ tham gia giữ gìn trật tự đô thị”",
            D(2023, 10, 12),
            BTG,
        ),
        _q4(
            "a4",
            "Bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4 đợt 1 năm 2023",
            D(2023, 4, 10),
            CHQS,
            end=D(2023, 4, 14),
            value=(Q4_TRAINED, 180),
            participants=180,
        ),
        _q4(
            "a4",
            "Bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4 đợt 2 năm 2023",
            D(2023, 9, 11),
            CHQS,
            end=D(2023, 9, 15),
            value=(Q4_TRAINED, 140),
            participants=140,
        ),
    ),
    2024: (
        _q4(
            "a1",
            "Tuyên truyền Luật Nghĩa vụ quân sự, công tác tuyển quân năm 2024",
            D(2024, 1, 8),
            BTG,
            end=D(2024, 2, 23),
            value=(Q4_SESSIONS, 3),
            participants=400,
        ),
        _q4(
            "a1",
            "Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ",
            D(2024, 4, 22),
            BTG,
            end=D(2024, 5, 7),
            value=(Q4_SESSIONS, 3),
            participants=380,
            author=Q4_BTG,
        ),
        _q4(
            "a1",
            "Tuyên truyền Luật Dân quân tự vệ, Luật Lực lượng dự bị động viên",
            D(2024, 8, 12),
            BTG,
            end=D(2024, 9, 20),
            value=(Q4_SESSIONS, 2),
            participants=240,
        ),
        _q4(
            "a1",
            "Tuyên truyền kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam",
            D(2024, 12, 2),
            BTG,
            end=D(2024, 12, 20),
            value=(Q4_SESSIONS, 3),
            participants=450,
            author=Q4_BTG,
        ),
        _q4(
            "a2",
            "Đăng tin bài về quân sự, quốc phòng 6 tháng đầu năm 2024",
            D(2024, 1, 1),
            BTG,
            end=D(2024, 6, 30),
            value=(Q4_ARTICLES, 12),
            author=Q4_BTG,
        ),
        _q4(
            "a2",
            "Đăng tin bài về quân sự, quốc phòng 6 tháng cuối năm 2024",
            D(2024, 7, 1),
            BTG,
            end=D(2024, 12, 31),
            value=(Q4_ARTICLES, 12),
            author=Q4_BTG,
        ),
        _q4(
            "a3",
            "Tuyên truyền gương tập thể, cá nhân tiêu biểu nhân dịp 80 năm Ngày thành lập Quân đội",
            D(2024, 12, 18),
            BTG,
            author=Q4_BTG,
        ),
        _q4(
            "a4",
            "Bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4 đợt 1 năm 2024",
            D(2024, 4, 15),
            CHQS,
            end=D(2024, 4, 19),
            value=(Q4_TRAINED, 160),
            participants=160,
        ),
        _q4(
            "a4",
            "Bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4 đợt 2 năm 2024",
            D(2024, 9, 9),
            CHQS,
            end=D(2024, 9, 13),
            value=(Q4_TRAINED, 120),
            participants=120,
        ),
    ),
    2025: (
        _q4(
            "a1",
            "Tuyên truyền Luật Nghĩa vụ quân sự, Lễ giao nhận quân năm 2025",
            D(2025, 1, 6),
            BTG,
            end=D(2025, 2, 28),
            value=(Q4_SESSIONS, 3),
            participants=380,
        ),
        _q4(
            "a1",
            "Tuyên truyền kỷ niệm 50 năm Giải phóng miền Nam, thống nhất đất nước",
            D(2025, 4, 1),
            BTG,
            end=D(2025, 4, 29),
            value=(Q4_SESSIONS, 3),
            participants=520,
            author=Q4_BTG,
        ),
        _q4(
            "a2",
            "Đăng tin bài về quân sự, quốc phòng 6 tháng đầu năm 2025",
            D(2025, 1, 1),
            BTG,
            end=D(2025, 6, 30),
            value=(Q4_ARTICLES, 12),
            author=Q4_BTG,
        ),
        _q4(
            "a4",
            "Bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4 đợt 1 năm 2025",
            D(2025, 3, 17),
            CHQS,
            end=D(2025, 3, 21),
            value=(Q4_TRAINED, 90),
            participants=90,
        ),
        _q4(
            "a4",
            "Bồi dưỡng kiến thức quốc phòng và an ninh cho cán bộ khu phố đợt 2 năm 2025",
            D(2025, 6, 9),
            CHQS,
            end=D(2025, 6, 13),
            value=(Q4_TRAINED, 60),
            participants=60,
            outcome=ST.SUBMITTED,
        ),
    ),
}

# (campaigns, cadres trained, briefings) per year; 2022 trains no cadres
Q4_BDV_TARGETS = {2022: (2, 0, 1), 2023: (6, 80, 4), 2024: (6, 80, 4), 2025: (3, 40, 2)}

Q4_BDV_ACTIVITIES: dict[int, tuple[ActivitySpec, ...]] = {
    2022: (
        _q4(
            "a1",
            "Phối hợp tham mưu Quận ủy về công tác dân vận trong thực hiện nhiệm vụ quân "
            "sự, quốc phòng quý IV/2022",
            D(2022, 11, 7),
            BDV,
        ),
        _q4(
            "a3",
            "Ra quân làm công tác dân vận, hỗ trợ hộ nghèo, hộ cận nghèo",
            D(2022, 10, 16),
            BDV,
            end=D(2022, 12, 11),
            value=(Q4_CAMPAIGNS, 2),
            participants=120,
            place="Các khu phố trên địa bàn quận",
        ),
        _q4(
            "a5",
            "Giao ban trao đổi thông tin quý IV/2022",
            D(2022, 12, 27),
            BDV,
            value=(Q4_BRIEFINGS, 1),
        ),
    ),
    2023: (
        _q4(
            "a1",
            "Phối hợp tham mưu Quận ủy về công tác dân vận trong thực hiện nhiệm vụ quân "
            "sự, quốc phòng năm 2023",
            D(2023, 3, 6),
            BDV,
        ),
        _q4(
            "a2",
            "Phối hợp diễn tập phòng, chống thiên tai, tìm kiếm cứu nạn năm 2023",
            D(2023, 8, 17),
            BDV,
            participants=150,
        ),
        _q4(
            "a3",
            "Ra quân làm công tác dân vận đợt 1 năm 2023",
            D(2023, 3, 19),
            BDV,
            end=D(2023, 4, 16),
            value=(Q4_CAMPAIGNS, 3),
            participants=140,
            place="Các khu phố trên địa bàn quận",
        ),
        _q4(
            "a3",
            "Ra quân làm công tác dân vận đợt 2 năm 2023",
            D(2023, 9, 10),
            BDV,
            end=D(2023, 10, 8),
            value=(Q4_CAMPAIGNS, 3),
            participants=130,
            place="Các khu phố trên địa bàn quận",
        ),
        _q4(
            "a4",
            "Bồi dưỡng công tác dân vận cho cán bộ, chiến sĩ lực lượng vũ trang quận năm 2023",
            D(2023, 6, 5),
            BDV,
            end=D(2023, 6, 7),
            value=(Q4_CADRES, 85),
            participants=85,
        ),
        _q4(
            "a5",
            "Giao ban trao đổi thông tin 6 tháng đầu năm 2023",
            D(2023, 6, 27),
            BDV,
            value=(Q4_BRIEFINGS, 2),
        ),
        _q4(
            "a5",
            "Giao ban trao đổi thông tin 6 tháng cuối năm 2023",
            D(2023, 12, 26),
            BDV,
            value=(Q4_BRIEFINGS, 2),
        ),
    ),
    2024: (
        _q4(
            "a1",
            "Phối hợp tham mưu Quận ủy về công tác dân vận trong thực hiện nhiệm vụ quân "
            "sự, quốc phòng năm 2024",
            D(2024, 3, 4),
            BDV,
        ),
        _q4(
            "a2",
            "Phối hợp diễn tập phòng, chống thiên tai, tìm kiếm cứu nạn năm 2024",
            D(2024, 8, 22),
            BDV,
            participants=160,
        ),
        _q4(
            "a3",
            "Ra quân làm công tác dân vận đợt 1 năm 2024",
            D(2024, 3, 17),
            BDV,
            end=D(2024, 4, 14),
            value=(Q4_CAMPAIGNS, 3),
            participants=150,
            place="Các khu phố trên địa bàn quận",
        ),
        _q4(
            "a3",
            "Ra quân làm công tác dân vận đợt 2 năm 2024",
            D(2024, 9, 8),
            BDV,
            end=D(2024, 10, 6),
            value=(Q4_CAMPAIGNS, 3),
            participants=140,
            place="Các khu phố trên địa bàn quận",
        ),
        _q4(
            "a4",
            "Bồi dưỡng công tác dân vận cho cán bộ, chiến sĩ lực lượng vũ trang quận năm 2024",
            D(2024, 6, 10),
            BDV,
            end=D(2024, 6, 12),
            value=(Q4_CADRES, 85),
            participants=85,
        ),
        _q4(
            "a5",
            "Giao ban trao đổi thông tin 6 tháng đầu năm 2024",
            D(2024, 6, 25),
            BDV,
            value=(Q4_BRIEFINGS, 2),
        ),
        _q4(
            "a5",
            "Giao ban trao đổi thông tin quý III/2024",
            D(2024, 9, 26),
            BDV,
            value=(Q4_BRIEFINGS, 1),
        ),
    ),
    2025: (
        _q4(
            "a1",
            "Phối hợp tham mưu về công tác dân vận khi sắp xếp tổ chức bộ máy năm 2025",
            D(2025, 3, 10),
            BDV,
        ),
        _q4(
            "a2",
            "Phối hợp tham gia phòng, chống triều cường, ngập úng đầu năm 2025",
            D(2025, 2, 12),
            BDV,
            participants=90,
        ),
        _q4(
            "a3",
            "Ra quân làm công tác dân vận năm 2025",
            D(2025, 3, 16),
            BDV,
            end=D(2025, 4, 13),
            value=(Q4_CAMPAIGNS, 3),
            participants=150,
            place="Các khu phố trên địa bàn quận",
        ),
        _q4(
            "a4",
            "Bồi dưỡng công tác dân vận cho cán bộ, chiến sĩ lực lượng vũ trang quận năm 2025",
            D(2025, 5, 12),
            BDV,
            end=D(2025, 5, 13),
            value=(Q4_CADRES, 45),
            participants=45,
        ),
        _q4(
            "a5",
            "Giao ban trao đổi thông tin quý I/2025",
            D(2025, 3, 27),
            BDV,
            value=(Q4_BRIEFINGS, 1),
        ),
        _q4(
            "a5",
            "Giao ban trao đổi thông tin quý II/2025",
            D(2025, 6, 24),
            BDV,
            value=(Q4_BRIEFINGS, 1),
            outcome=ST.SUBMITTED,
        ),
    ),
}


def _sessions(target: int) -> str:
    """The indicator as officers word it: "12 buổi tuyên truyền ..." a year."""
    return f"{target} {Q4_SESSIONS[0].lower()}{Q4_SESSIONS[1:]}"


def _q4_btg(year: int) -> PlanSpec:
    start, due = _q4_span(year)
    sessions, articles, trained = Q4_BTG_TARGETS[year]
    done = {a.task for a in Q4_BTG_ACTIVITIES[year] if a.outcome == ST.APPROVED}
    return PlanSpec(
        agreement="q4_btg",
        year=year,
        author=Q4_OFFICER,
        approver=Q4_LEADER,
        notes=_q4_notes(year),
        status=PS.IN_FORCE if year == 2025 else PS.CLOSED,
        tasks=(
            TaskSpec(
                1,
                start=start,
                due=due,
                indicators=(IndicatorSpec(_sessions(sessions), U.SESSION, sessions),),
            ),
            TaskSpec(
                2,
                start=start,
                due=due,
                indicators=(IndicatorSpec(Q4_ARTICLES, U.ARTICLE, articles),),
            ),
            TaskSpec(3, start=start, due=due, completed="a3" in done),
            TaskSpec(
                4,
                start=start,
                due=due,
                indicators=(IndicatorSpec(Q4_TRAINED, U.PERSON_TIME, trained),),
            ),
        ),
        activities=tuple(
            replace(
                a,
                values=tuple(
                    (_sessions(sessions) if n == Q4_SESSIONS else n, v) for n, v in a.values
                ),
            )
            for a in Q4_BTG_ACTIVITIES[year]
        ),
    )


def _q4_bdv(year: int) -> PlanSpec:
    start, due = _q4_span(year)
    campaigns, cadres, briefings = Q4_BDV_TARGETS[year]
    done = {a.task for a in Q4_BDV_ACTIVITIES[year] if a.outcome == ST.APPROVED}
    return PlanSpec(
        agreement="q4_bdv",
        year=year,
        author=Q4_OFFICER,
        approver=Q4_LEADER,
        # 2023 continues 2022's unfinished tasks (the plan's "carry over" mode), then adds the rest.
        from_previous=year == 2023,
        notes=_q4_notes(year)
        + (
            " Lập bằng cách chuyển tiếp các nhiệm vụ chưa hoàn thành năm 2022."
            if year == 2023
            else ""
        ),
        status=PS.IN_FORCE if year == 2025 else PS.CLOSED,
        tasks=(
            TaskSpec(1, start=start, due=due, completed="a1" in done),
            TaskSpec(2, start=start, due=due, completed="a2" in done),
            TaskSpec(
                3,
                start=start,
                due=due,
                indicators=(IndicatorSpec(Q4_CAMPAIGNS, U.SESSION, campaigns),),
            ),
            TaskSpec(
                4,
                start=start,
                due=due,
                indicators=(IndicatorSpec(Q4_CADRES, U.PERSON_TIME, cadres),) if cadres else (),
            ),
            TaskSpec(
                5,
                start=start,
                due=due,
                indicators=(IndicatorSpec(Q4_BRIEFINGS, U.SESSION, briefings),),
            ),
        ),
        activities=Q4_BDV_ACTIVITIES[year],
    )


# --- seed 003: Móng Cái, 2022 -----------------------------------------------------------------

MC_ADMIN = "btg.mongcai.quantri"
MC = ("btg_mc", "chqs_mc")
MC_SESSIONS = "Buổi tuyên truyền, bồi dưỡng kiến thức quốc phòng"
MC_ARTICLES = "Tin bài tuyên truyền trên hệ thống truyền thông thành phố"
MC_FIGURES = f"{DEMO}: bài viết chỉ đưa tin lễ ký kết; hoạt động, ngày và số liệu ghi để minh họa."

MC_2022 = PlanSpec(
    agreement="mc_ctr",
    year=2022,
    author=MC_ADMIN,
    approver=MC_ADMIN,
    notes="Kế hoạch năm 2022 của chương trình giai đoạn 2021-2025. Kế hoạch phối hợp năm "
    "2021-2022 ký cùng ngày 18/11/2021 được ghi thành văn bản riêng. "
    f"{DEMO}: nhiệm vụ, chỉ tiêu và hoạt động năm 2022 ghi để minh họa.",
    tasks=(
        TaskSpec(1, indicators=(IndicatorSpec(MC_ARTICLES, U.ARTICLE, 24),)),
        TaskSpec(2),
        TaskSpec(3, indicators=(IndicatorSpec(MC_SESSIONS, U.SESSION, 8),)),
        TaskSpec(4, completed=True),
        TaskSpec(5),
        TaskSpec(6),
        TaskSpec(7, completed=True),
        TaskSpec(8),
    ),
    activities=(
        ActivitySpec(
            "a1",
            "Đăng tin bài tuyên truyền về quốc phòng, bảo vệ Tổ quốc năm 2022",
            D(2022, 1, 1),
            MC,
            MC_ADMIN,
            MC_FIGURES,
            end=D(2022, 12, 31),
            values=((MC_ARTICLES, 26),),
        ),
        ActivitySpec(
            "a3",
            "Bồi dưỡng kiến thức quốc phòng và an ninh cho cán bộ, đảng viên các phường, xã",
            D(2022, 5, 16),
            MC,
            MC_ADMIN,
            MC_FIGURES,
            end=D(2022, 5, 20),
            place="Trung tâm Chính trị thành phố Móng Cái",
            participants=150,
            values=((MC_SESSIONS, 5),),
        ),
        ActivitySpec(
            "a4",
            "Tuyên truyền kỷ niệm 78 năm Ngày thành lập Quân đội nhân dân Việt Nam",
            D(2022, 12, 12),
            MC,
            MC_ADMIN,
            MC_FIGURES,
            end=D(2022, 12, 22),
            participants=300,
        ),
        ActivitySpec(
            "a7",
            "Tuyên truyền, tham gia diễn tập phòng thủ dân sự tại các xã biên giới",
            D(2022, 9, 19),
            MC,
            MC_ADMIN,
            MC_FIGURES,
            end=D(2022, 9, 23),
            participants=200,
        ),
    ),
)

PLANS: tuple[PlanSpec, ...] = (
    HY_2022,
    *(_q4_btg(y) for y in (2022, 2023, 2024, 2025)),
    *(_q4_bdv(y) for y in (2022, 2023, 2024, 2025)),
    MC_2022,
)


# --- loader -----------------------------------------------------------------------------------


def _tasks(
    spec: PlanSpec, plan: AnnualPlan, actor: User, orgs: dict[str, Organization]
) -> dict[str, Task]:
    agreement = plan.agreement
    areas = {a.number: a for a in agreement.content_areas.all()}
    by_area: dict[int, Task] = {}
    for t in plan.tasks.active().select_related("content_area").order_by("number", "id"):
        if t.content_area is not None:
            by_area.setdefault(t.content_area.number, t)
    tasks: dict[str, Task] = {}
    for ts in spec.tasks:
        task = by_area.get(ts.area) if ts.number is None and ts.area is not None else None
        area = areas.get(ts.area) if ts.area is not None else None
        if task is None and ts.number is None and area is None:
            continue
        if ts.lead:
            lead = orgs[ts.lead]
        elif task is not None:
            lead = task.lead_organization
        else:
            lead = next(p.organization for p in agreement.parties.all() if p.role == "lead")
        if ts.supporting is not None:
            supporting = [orgs[k] for k in ts.supporting]
        elif task is not None:
            supporting = list(task.supporting_organizations.all())
        else:
            assert area is not None  # a new task without a number comes from its content area
            supporting = [o for o in area.responsible.all() if o.pk != lead.pk]
        fields = {
            "number": task.number if task is not None else ts.number,
            "title": ts.title or (task.title if task is not None else area.title),  # type: ignore[union-attr]
            "content_area": area,
            "lead_organization": lead,
            "responsible_officer": None,
            "start": ts.start or (task.start if task is not None else D(spec.year, 1, 1)),
            "due": ts.due or (task.due if task is not None else D(spec.year, 12, 31)),
            "notes": f"{DEMO}.",
        }
        if task is None:
            task = task_create(actor=actor, plan=plan, fields=fields, supporting=supporting)
        else:
            task = task_update(actor=actor, task=task, fields=fields, supporting=supporting)
        existing = {i.name: i for i in task.indicators.active()}
        for ind in ts.indicators:
            indicator_set(
                actor=actor,
                owner=task,
                name=ind.name,
                unit=ind.unit,
                target=ind.target,
                aggregation=ind.aggregation,
                indicator=existing.get(clean(ind.name)),
            )
        tasks[ts.ref] = task
    return tasks


def _activity(
    spec: ActivitySpec,
    task: Task,
    users: dict[str, Any],
    approver: Any,
    orgs: dict[str, Organization],
) -> Activity:
    author = users[spec.author]
    indicators = {i.name: i for i in task.indicators.active()}
    with acting_as(author):
        activity = activity_create(
            actor=author,
            task=task,
            fields={
                "title": spec.title,
                "start_date": spec.start,
                "end_date": spec.end or spec.start,
                "place_text": spec.place,
                "description": spec.description,
                "participants": spec.participants,
            },
            organizations=[orgs[k] for k in spec.orgs],
            values={indicators[clean(name)]: Decimal(value) for name, value in spec.values},
        )
        if spec.outcome != ST.DRAFT:
            activity_submit(actor=author, activity=activity)
    with acting_as(approver):
        if spec.outcome == ST.APPROVED:
            activity_approve(actor=approver, activity=activity)
        elif spec.outcome == ST.RETURNED:
            activity_return(actor=approver, activity=activity, note=spec.note)
    return activity


def _plan(
    spec: PlanSpec,
    agreement: Agreement,
    users: dict[str, Any],
    orgs: dict[str, Organization],
    result: DemoResult,
) -> AnnualPlan:
    author, approver = users[spec.author], users[spec.approver]
    with acting_as(author):
        plan = plan_create(
            actor=author,
            agreement=agreement,
            year=spec.year,
            from_previous=spec.from_previous,
            notes=spec.notes,
        )
        tasks = _tasks(spec, plan, author, orgs)
    for a in spec.activities:
        _activity(a, tasks[a.task], users, approver, orgs)
        result.created["activities"] += 1
    with acting_as(author):
        for ts in spec.tasks:
            if ts.completed and ts.ref in tasks:
                task = tasks[ts.ref]
                task_complete(actor=author, task=task, on=task.due)
        plan_set_status(actor=author, plan=plan, status=spec.status)
    result.created["annual_plans"] += 1
    result.created["tasks"] += plan.tasks.count()
    result.created["indicators"] += Indicator.objects.filter(task__plan=plan).count()
    return plan


def plans_load(
    *,
    orgs: dict[str, Organization],
    agreements: dict[str, Agreement],
    result: DemoResult,
) -> None:
    """Load the demo plans, or leave each plan as it is where it is already there."""
    names = {n for s in PLANS for n in (s.author, s.approver, *(a.author for a in s.activities))}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    for spec in PLANS:
        agreement = agreements[spec.agreement]
        if AnnualPlan.objects.filter(agreement=agreement, year=spec.year).exists():
            result.kept["annual_plans"] += 1
            continue
        _plan(spec, agreement, users, orgs, result)
