"""Demo data: the facts of the five real articles in the corpus, and demo users of each role.

Everything goes through the same services users go through (organisations, successions,
agreements, signatories), acting as the demo system administrator, so the change history
records who made each row. Conferences are written as rows directly, their attendees linked
to officials with the title they held that day.

Loading is idempotent: every record is looked up by its natural key first (an organisation
by name, an agreement by kind and title, a conference by kind, date and host, a user by
username) and left exactly as it is when found, so a second run writes nothing.

Where an article leaves a fact open (a year, which document bound which parties), the
choice made is written down in the record itself ("Ghi chú dữ liệu mẫu: …").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ImproperlyConfigured

from phoihop.agreements.models import Agreement, Party
from phoihop.agreements.services import ContentAreaInput, PartyInput, agreement_create
from phoihop.demo.base import ADMIN_USERNAME, DEMO_PASSWORD, DemoResult, Login
from phoihop.events.models import Attendee, Event
from phoihop.orgs.localities import communes_of
from phoihop.orgs.models import Membership, Organization, Succession
from phoihop.orgs.services import organization_create, person_for_signatory, succession_record
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ADMIN_NAME = ("Quản trị", "hệ thống")  # (last name, first name): shown "Quản trị hệ thống", a role, not a person

D = datetime.date
ENDED = D(2025, 6, 30)  # last day of the district level (NQ 203/2025/QH15)
REFORM = D(2025, 7, 1)  # two-level local government in operation
HCM, QUANG_NINH, HUNG_YEN = 79, 22, 33

K = Organization.Kind
L = Organization.Level
LEAD, COOP = Party.Role.LEAD, Party.Role.COOPERATING

ORG_NOTE = "Dữ liệu mẫu, nạp từ các bài báo đã đăng về ký kết, sơ kết chương trình phối hợp."
DATA_NOTE = "Ghi chú dữ liệu mẫu: "
THANHUY_SITE = "Thanhuytphcm.vn (dữ liệu mẫu theo bài đã đăng)"


# --- specifications ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    short_name: str
    symbol: str
    kind: str
    level: str
    parent: str | None = None
    province_code: int | None = None
    commune: str = ""  # official name of the commune or ward, resolved to its code
    locality_text: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    note: str = ""


@dataclass(frozen=True)
class SuccessionSpec:
    kind: str
    effective_date: datetime.date
    predecessors: tuple[str, ...]
    successors: tuple[str, ...] = ()
    decided_on: datetime.date | None = None
    decision_number: str = ""
    decision_issuer: str = ""
    decision_title: str = ""
    note: str = ""


@dataclass(frozen=True)
class PartySpec:
    org: str
    role: str
    signatory_name: str = ""
    signatory_rank: str = ""
    signatory_position: str = ""


@dataclass(frozen=True)
class AreaSpec:
    title: str
    text: str
    responsible: tuple[str, ...] = ()  # empty: every party


@dataclass(frozen=True)
class AgreementSpec:
    key: str
    kind: str
    title: str
    parties: tuple[PartySpec, ...]
    areas: tuple[AreaSpec, ...] = ()
    period: tuple[int, int] | None = None
    signed_on: datetime.date | None = None
    legal_bases: tuple[str, ...] = ()
    purpose: str = ""
    note: str = ""
    parent: str | None = None
    # Used when the article states no period: the status as of the loading day.
    status_without_period: str = Agreement.Status.IN_FORCE


@dataclass(frozen=True)
class AttendeeSpec:
    full_name: str
    position: str
    org: str
    rank: str = ""


@dataclass(frozen=True)
class EventSpec:
    kind: str
    title: str
    date: datetime.date
    host: str
    summary: str
    source: str
    time_of_day: str = ""
    organizations: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    attendees: tuple[AttendeeSpec, ...] = ()


@dataclass(frozen=True)
class UserSpec:
    username: str
    last_name: str
    first_name: str
    org: str
    role: str


# --- organisations ----------------------------------------------------------------------------

Q4_TEXT = "Quận 4, TP Hồ Chí Minh"
Q10_TEXT = "Quận 10, TP Hồ Chí Minh"
MONG_CAI_TEXT = "TP Móng Cái, tỉnh Quảng Ninh"
HUNG_YEN_CITY_TEXT = "TP Hưng Yên, tỉnh Hưng Yên"
HUNG_YEN_CITY_NOTE = (
    "Bài viết (seed 004) không nêu tên thành phố, chỉ ghi “thành phố” và nguồn “VNPT Hưng Yên”; "
    "dữ liệu mẫu ghi là thành phố Hưng Yên (thành phố thuộc tỉnh Hưng Yên khi đó). "
    "Đơn vị cấp huyện kết thúc hoạt động từ 01/7/2025."
)
MERGED_PROVINCE_NOTE = (
    "Từ 01/7/2025 thuộc {province} mới (NQ 202/2025/QH15); việc tổ chức lại sau hợp nhất "
    "chưa được đối chiếu nên sổ đăng ký ghi là một đơn vị liên tục."
)

ORGANIZATIONS: tuple[OrgSpec, ...] = (
    # TP Hồ Chí Minh
    OrgSpec("qk7", "Quân khu 7", "Quân khu 7", "QK7", K.MILITARY, L.MILITARY_REGION),
    OrgSpec(
        "tu_hcm",
        "Thành ủy Thành phố Hồ Chí Minh",
        "Thành ủy TP Hồ Chí Minh",
        "TU",
        K.PARTY_COMMITTEE,
        L.PROVINCE,
        province_code=HCM,
        note=MERGED_PROVINCE_NOTE.format(
            province="TP Hồ Chí Minh (cùng Bình Dương, Bà Rịa - Vũng Tàu)"
        ),
    ),
    OrgSpec(
        "btg_tu_hcm",
        "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh",
        "Ban Tuyên giáo Thành ủy TP Hồ Chí Minh",
        "BTGTU",
        K.PARTY_BOARD,
        L.PROVINCE,
        parent="tu_hcm",
        locality_text="TP Hồ Chí Minh",
        valid_to=D(2025, 2, 2),
    ),
    OrgSpec(
        "bdv_tu_hcm",
        "Ban Dân vận Thành ủy Thành phố Hồ Chí Minh",
        "Ban Dân vận Thành ủy TP Hồ Chí Minh",
        "BDVTU",
        K.PARTY_BOARD,
        L.PROVINCE,
        parent="tu_hcm",
        locality_text="TP Hồ Chí Minh",
        valid_to=D(2025, 2, 2),
    ),
    OrgSpec(
        "btgdv_tu_hcm",
        "Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh",
        "Ban TG&DV Thành ủy TP Hồ Chí Minh",
        "BTGDVTU",
        K.PARTY_BOARD,
        L.PROVINCE,
        parent="tu_hcm",
        province_code=HCM,
        valid_from=D(2025, 2, 3),
    ),
    OrgSpec(
        "bnc_tu_hcm",
        "Ban Nội chính Thành ủy Thành phố Hồ Chí Minh",
        "Ban Nội chính Thành ủy TP Hồ Chí Minh",
        "BNCTU",
        K.PARTY_BOARD,
        L.PROVINCE,
        parent="tu_hcm",
        province_code=HCM,
    ),
    OrgSpec(
        "ubnd_hcm",
        "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        "UBND TP Hồ Chí Minh",
        "UBND",
        K.PEOPLES_COMMITTEE,
        L.PROVINCE,
        province_code=HCM,
    ),
    OrgSpec(
        "btl_hcm",
        "Bộ Tư lệnh Thành phố Hồ Chí Minh",
        "Bộ Tư lệnh TP Hồ Chí Minh",
        "BTL",
        K.MILITARY,
        L.PROVINCE,
        parent="qk7",
        province_code=HCM,
        note=MERGED_PROVINCE_NOTE.format(province="TP Hồ Chí Minh"),
    ),
    OrgSpec(
        "duqs_hcm",
        "Đảng ủy Quân sự Thành phố Hồ Chí Minh",
        "Đảng ủy Quân sự TP Hồ Chí Minh",
        "ĐUQS",
        K.PARTY_COMMITTEE,
        L.PROVINCE,
        parent="btl_hcm",
        province_code=HCM,
        note="Đảng ủy của Bộ Tư lệnh TP (“Đảng ủy, Bộ Tư lệnh TPHCM”); xếp dưới Bộ Tư lệnh "
        "trong cây đơn vị để cán bộ Bộ Tư lệnh theo dõi được văn bản do Đảng ủy ký.",
    ),
    # Quận 4
    OrgSpec(
        "qu_q4",
        "Quận ủy Quận 4",
        "Quận ủy Quận 4",
        "QU",
        K.PARTY_COMMITTEE,
        L.DISTRICT,
        parent="tu_hcm",
        locality_text=Q4_TEXT,
        valid_to=ENDED,
    ),
    OrgSpec(
        "btg_q4",
        "Ban Tuyên giáo Quận ủy Quận 4",
        "Ban Tuyên giáo Quận ủy Quận 4",
        "BTGQU",
        K.PARTY_BOARD,
        L.DISTRICT,
        parent="qu_q4",
        locality_text=Q4_TEXT,
        valid_to=ENDED,
    ),
    OrgSpec(
        "bdv_q4",
        "Ban Dân vận Quận ủy Quận 4",
        "Ban Dân vận Quận ủy Quận 4",
        "BDVQU",
        K.PARTY_BOARD,
        L.DISTRICT,
        parent="qu_q4",
        locality_text=Q4_TEXT,
        valid_to=ENDED,
    ),
    OrgSpec(
        "chqs_q4",
        "Ban Chỉ huy Quân sự Quận 4",
        "Ban CHQS Quận 4",
        "BCHQS",
        K.MILITARY,
        L.DISTRICT,
        parent="btl_hcm",
        locality_text=Q4_TEXT,
        valid_to=ENDED,
    ),
    OrgSpec(
        "ubnd_q4",
        "Ủy ban nhân dân Quận 4",
        "UBND Quận 4",
        "UBND",
        K.PEOPLES_COMMITTEE,
        L.DISTRICT,
        parent="ubnd_hcm",
        locality_text=Q4_TEXT,
        valid_to=ENDED,
    ),
    # Quận 10
    OrgSpec(
        "qu_q10",
        "Quận ủy Quận 10",
        "Quận ủy Quận 10",
        "QU",
        K.PARTY_COMMITTEE,
        L.DISTRICT,
        parent="tu_hcm",
        locality_text=Q10_TEXT,
        valid_to=ENDED,
    ),
    OrgSpec(
        "btg_q10",
        "Ban Tuyên giáo Quận ủy Quận 10",
        "Ban Tuyên giáo Quận ủy Quận 10",
        "BTGQU",
        K.PARTY_BOARD,
        L.DISTRICT,
        parent="qu_q10",
        locality_text=Q10_TEXT,
        valid_to=ENDED,
    ),
    OrgSpec(
        "bdv_q10",
        "Ban Dân vận Quận ủy Quận 10",
        "Ban Dân vận Quận ủy Quận 10",
        "BDVQU",
        K.PARTY_BOARD,
        L.DISTRICT,
        parent="qu_q10",
        locality_text=Q10_TEXT,
        valid_to=ENDED,
    ),
    OrgSpec(
        "chqs_q10",
        "Ban Chỉ huy Quân sự Quận 10",
        "Ban CHQS Quận 10",
        "BCHQS",
        K.MILITARY,
        L.DISTRICT,
        parent="btl_hcm",
        locality_text=Q10_TEXT,
        valid_to=ENDED,
    ),
    OrgSpec(
        "duqs_q10",
        "Đảng ủy Quân sự Quận 10",
        "Đảng ủy Quân sự Quận 10",
        "ĐUQS",
        K.PARTY_COMMITTEE,
        L.DISTRICT,
        parent="chqs_q10",
        locality_text=Q10_TEXT,
        valid_to=ENDED,
        note="Bài viết (seed 001) ghi “Đảng ủy”: hiểu là Đảng ủy Quân sự Quận 10, đảng ủy "
        "của Ban CHQS Quận 10.",
    ),
    OrgSpec(
        "ubnd_q10",
        "Ủy ban nhân dân Quận 10",
        "UBND Quận 10",
        "UBND",
        K.PEOPLES_COMMITTEE,
        L.DISTRICT,
        parent="ubnd_hcm",
        locality_text=Q10_TEXT,
        valid_to=ENDED,
    ),
    # The ward Party committees that took over the two districts' territory on 01/07/2025.
    *(
        OrgSpec(
            f"du_{key}",
            f"Đảng ủy phường {name}",
            f"Đảng ủy phường {name}",
            "ĐU",
            K.PARTY_COMMITTEE,
            L.COMMUNE,
            parent="tu_hcm",
            province_code=HCM,
            commune=f"Phường {name}",
            valid_from=REFORM,
            note=f"Địa bàn gồm một phần {district} cũ.",
        )
        for key, name, district in (
            ("vinh_hoi", "Vĩnh Hội", "Quận 4"),
            ("khanh_hoi", "Khánh Hội", "Quận 4"),
            ("xom_chieu", "Xóm Chiếu", "Quận 4"),
            ("dien_hong", "Diên Hồng", "Quận 10"),
            ("vuon_lai", "Vườn Lài", "Quận 10"),
            ("hoa_hung", "Hòa Hưng", "Quận 10"),
        )
    ),
    # Quảng Ninh, Móng Cái
    OrgSpec(
        "tu_qn",
        "Tỉnh ủy Quảng Ninh",
        "Tỉnh ủy Quảng Ninh",
        "TU",
        K.PARTY_COMMITTEE,
        L.PROVINCE,
        province_code=QUANG_NINH,
    ),
    OrgSpec(
        "btgdv_tu_qn",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh",
        "Ban TG&DV Tỉnh ủy Quảng Ninh",
        "BTGDVTU",
        K.PARTY_BOARD,
        L.PROVINCE,
        parent="tu_qn",
        province_code=QUANG_NINH,
        note="Lập năm 2025 khi hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy (ngày của tỉnh "
        "chưa được đối chiếu nên chưa ghi ngày bắt đầu).",
    ),
    OrgSpec(
        "tu_mc",
        "Thành ủy Móng Cái",
        "Thành ủy Móng Cái",
        "TU",
        K.PARTY_COMMITTEE,
        L.DISTRICT,
        parent="tu_qn",
        locality_text=MONG_CAI_TEXT,
        valid_to=ENDED,
    ),
    OrgSpec(
        "btg_mc",
        "Ban Tuyên giáo Thành ủy Móng Cái",
        "Ban Tuyên giáo Thành ủy Móng Cái",
        "BTGTU",
        K.PARTY_BOARD,
        L.DISTRICT,
        parent="tu_mc",
        locality_text=MONG_CAI_TEXT,
        valid_to=ENDED,
    ),
    OrgSpec(
        "bchqs_qn",
        "Bộ Chỉ huy Quân sự tỉnh Quảng Ninh",
        "Bộ CHQS tỉnh Quảng Ninh",
        "BCH",
        K.MILITARY,
        L.PROVINCE,
        province_code=QUANG_NINH,
    ),
    OrgSpec(
        "chqs_mc",
        "Ban Chỉ huy Quân sự thành phố Móng Cái",
        "Ban CHQS TP Móng Cái",
        "BCHQS",
        K.MILITARY,
        L.DISTRICT,
        parent="bchqs_qn",
        locality_text=MONG_CAI_TEXT,
        valid_to=ENDED,
    ),
    *(
        OrgSpec(
            f"du_mc{n}",
            f"Đảng ủy phường Móng Cái {n}",
            f"Đảng ủy phường Móng Cái {n}",
            "ĐU",
            K.PARTY_COMMITTEE,
            L.COMMUNE,
            parent="tu_qn",
            province_code=QUANG_NINH,
            commune=f"Phường Móng Cái {n}",
            valid_from=REFORM,
            note="Địa bàn gồm một phần TP Móng Cái cũ."
            + (
                " Phường Móng Cái 1 gồm các phường, xã cũ Trần Phú, Hải Hòa, Hải Xuân, "
                "Bình Ngọc, Trà Cổ (theo Báo Quảng Ninh)."
                if n == 1
                else ""
            ),
        )
        for n in (1, 2, 3)
    ),
    # Hưng Yên
    OrgSpec(
        "bchqs_hy",
        "Bộ Chỉ huy Quân sự tỉnh Hưng Yên",
        "Bộ CHQS tỉnh Hưng Yên",
        "BCH",
        K.MILITARY,
        L.PROVINCE,
        province_code=HUNG_YEN,
        note=MERGED_PROVINCE_NOTE.format(province="tỉnh Hưng Yên (cùng Thái Bình)"),
    ),
    OrgSpec(
        "chqs_hy",
        "Ban Chỉ huy Quân sự thành phố Hưng Yên",
        "Ban CHQS TP Hưng Yên",
        "BCHQS",
        K.MILITARY,
        L.DISTRICT,
        parent="bchqs_hy",
        locality_text=HUNG_YEN_CITY_TEXT,
        valid_to=ENDED,
        note=HUNG_YEN_CITY_NOTE,
    ),
    *(
        OrgSpec(
            key,
            name,
            short,
            symbol,
            kind,
            L.DISTRICT,
            locality_text=HUNG_YEN_CITY_TEXT,
            valid_to=ENDED,
            note=HUNG_YEN_CITY_NOTE,
        )
        for key, name, short, symbol, kind in (
            (
                "ccb_hy",
                "Hội Cựu chiến binh thành phố Hưng Yên",
                "Hội CCB TP Hưng Yên",
                "HCCB",
                K.VETERANS,
            ),
            (
                "nd_hy",
                "Hội Nông dân thành phố Hưng Yên",
                "Hội Nông dân TP Hưng Yên",
                "HND",
                K.FARMERS,
            ),
            (
                "pn_hy",
                "Hội Liên hiệp Phụ nữ thành phố Hưng Yên",
                "Hội Phụ nữ TP Hưng Yên",
                "HLHPN",
                K.WOMEN,
            ),
            (
                "dtn_hy",
                "Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố Hưng Yên",
                "Thành đoàn Hưng Yên",
                "ĐTN",
                K.YOUTH,
            ),
            (
                "ctd_hy",
                "Hội Chữ thập đỏ thành phố Hưng Yên",
                "Hội Chữ thập đỏ TP Hưng Yên",
                "HCTĐ",
                K.RED_CROSS,
            ),
        )
    ),
)

# --- the 2025 reorganisation ------------------------------------------------------------------

S = Succession.Kind
class Decision(TypedDict, total=False):
    """The decision behind a succession, spread into SuccessionSpec(...)."""

    decided_on: datetime.date
    decision_number: str
    decision_issuer: str
    decision_title: str


HD31: Decision = {
    "decided_on": D(2025, 4, 23),
    "decision_number": "31-HD/BTCTW",
    "decision_issuer": "Ban Tổ chức Trung ương",
}
QD2786: Decision = {
    "decided_on": D(2025, 6, 14),
    "decision_number": "2786/QĐ-BQP",
    "decision_issuer": "Bộ Quốc phòng",
}
KL121: Decision = {
    "decided_on": D(2025, 1, 24),
    "decision_number": "121-KL/TW",
    "decision_issuer": "Ban Chấp hành Trung ương Đảng",
    "decision_title": "Tổng kết Nghị quyết số 18-NQ/TW",
}
NQ203: Decision = {
    "decided_on": D(2025, 6, 16),
    "decision_number": "203/2025/QH15",
    "decision_issuer": "Quốc hội",
    "decision_title": "Sửa đổi, bổ sung một số điều của Hiến pháp năm 2013",
}
PARTY_COMMITTEE_END = (
    "Quận ủy (cấp huyện) kết thúc hoạt động cùng lúc các Đảng ủy phường mới bắt đầu hoạt "
    "động, trực thuộc {superior} (Hướng dẫn 31-HD/BTCTW). Số hiệu quyết định thành lập các "
    "Đảng ủy phường chưa được đối chiếu."
)
WARD_PLAN = (
    "Danh sách phường theo phương án sắp xếp trình HĐND TP ngày 18/4/2025, được Ủy ban "
    "Thường vụ Quốc hội quyết định tại Nghị quyết 1685/NQ-UBTVQH15 (theo tin báo chí)."
)
DISTRICT_BOARDS_END = (
    "Kết thúc cùng Quận ủy. Chọn đơn vị kế thừa ở cấp thành phố: Ban Tuyên giáo và Dân vận "
    "Thành ủy, đối tác tương ứng của Bộ Tư lệnh TP (đơn vị kế thừa của Ban CHQS quận). Ở cơ sở, "
    "công tác tuyên giáo, dân vận nay do Ban Xây dựng Đảng của Đảng ủy các phường {wards} "
    "đảm nhận (Quy định 298-QĐ/TW). Việc Ban Tuyên giáo và Ban Dân vận cấp huyện đã hợp nhất "
    "trước 01/7/2025 hay chưa chưa được kiểm chứng nên không ghi."
)
NO_PTKV_TABLE = (
    "QĐ 2786/QĐ-BQP giải thể Ban CHQS cấp huyện và lập các Ban Chỉ huy Phòng thủ khu vực "
    "(Ban CHPTKV) trực thuộc {superior}. Chưa có bảng đối chiếu huyện → Ban CHPTKV của "
    "tỉnh, thành phố này nên ghi đơn vị kế thừa là {superior}; một phần nhiệm vụ chuyển cho "
    "Ban CHQS các xã, phường mới{wards}."
)

SUCCESSIONS: tuple[SuccessionSpec, ...] = (
    SuccessionSpec(
        S.MERGE,
        D(2025, 2, 3),
        ("btg_tu_hcm", "bdv_tu_hcm"),
        ("btgdv_tu_hcm",),
        note="Hợp nhất Ban Tuyên giáo Thành ủy và Ban Dân vận Thành ủy kể từ ngày 3/2/2025 "
        "(tin của Hội Nhà báo TP Hồ Chí Minh), theo chủ trương hợp nhất các ban của Kết luận "
        "121-KL/TW; số hiệu quyết định của Ban Thường vụ Thành ủy chưa được đối chiếu nên văn "
        "bản quyết định ghi là Kết luận 121-KL/TW. "
        "Từ 01/7/2025 ban này tiếp nhận thêm các ban tương ứng của Bình Dương và Bà Rịa - "
        "Vũng Tàu khi hợp nhất tỉnh; hai ban đó nằm ngoài các bài báo nên chưa ghi.",
        **KL121,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("qu_q4",),
        ("du_vinh_hoi", "du_khanh_hoi", "du_xom_chieu"),
        note=PARTY_COMMITTEE_END.format(superior="Thành ủy TP Hồ Chí Minh") + " " + WARD_PLAN,
        **HD31,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("qu_q10",),
        ("du_dien_hong", "du_vuon_lai", "du_hoa_hung"),
        note=PARTY_COMMITTEE_END.format(superior="Thành ủy TP Hồ Chí Minh") + " " + WARD_PLAN,
        **HD31,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("btg_q4", "bdv_q4"),
        ("btgdv_tu_hcm",),
        note=DISTRICT_BOARDS_END.format(wards="Vĩnh Hội, Khánh Hội, Xóm Chiếu"),
        **HD31,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("btg_q10", "bdv_q10"),
        ("btgdv_tu_hcm",),
        note=DISTRICT_BOARDS_END.format(wards="Diên Hồng, Vườn Lài, Hòa Hưng"),
        **HD31,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("chqs_q4", "chqs_q10"),
        ("btl_hcm",),
        note=NO_PTKV_TABLE.format(
            superior="Bộ Tư lệnh TP Hồ Chí Minh",
            wards=" (Vĩnh Hội, Khánh Hội, Xóm Chiếu; Diên Hồng, Vườn Lài, Hòa Hưng)",
        ),
        **QD2786,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("duqs_q10",),
        ("duqs_hcm",),
        note="Kết thúc cùng Ban CHQS Quận 10 khi Ban CHQS cấp huyện giải thể theo QĐ "
        "2786/QĐ-BQP, nên văn bản quyết định ghi là quyết định đó; ghi đơn vị kế thừa là đảng "
        "ủy quân sự cấp trên. Văn bản riêng của cấp ủy về việc này chưa được đối chiếu.",
        **QD2786,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("ubnd_q4", "ubnd_q10"),
        ("ubnd_hcm",),
        note="UBND cấp huyện kết thúc hoạt động từ 01/7/2025. Chức năng chuyển cho các sở thuộc "
        "UBND TP và UBND các phường mới (Vĩnh Hội, Khánh Hội, Xóm Chiếu; Diên Hồng, Vườn "
        "Lài, Hòa Hưng); UBND các phường chưa được ghi thành đơn vị riêng.",
        **NQ203,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("tu_mc",),
        ("du_mc1", "du_mc2", "du_mc3"),
        note=PARTY_COMMITTEE_END.format(superior="Tỉnh ủy Quảng Ninh").replace(
            "Quận ủy", "Thành ủy thuộc tỉnh"
        )
        + " Chỉ ghi ba phường mang tên Móng Cái; các xã khác nhận một phần địa bàn TP Móng "
        "Cái cũ chưa được đối chiếu Nghị quyết của Ủy ban Thường vụ Quốc hội nên chưa ghi.",
        **HD31,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("btg_mc",),
        ("btgdv_tu_qn",),
        note="Kết thúc cùng Thành ủy Móng Cái. Chọn đơn vị kế thừa ở cấp tỉnh: Ban Tuyên giáo "
        "và Dân vận Tỉnh ủy Quảng Ninh; ở cơ sở, công tác tuyên giáo do Ban Xây dựng Đảng của "
        "các Đảng ủy phường, xã mới đảm nhận (Quy định 298-QĐ/TW).",
        **HD31,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("chqs_mc",),
        ("bchqs_qn",),
        note=NO_PTKV_TABLE.format(
            superior="Bộ CHQS tỉnh Quảng Ninh", wards=" (Móng Cái 1, 2, 3 và các xã lân cận)"
        ),
        **QD2786,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("chqs_hy",),
        ("bchqs_hy",),
        note=NO_PTKV_TABLE.format(superior="Bộ CHQS tỉnh Hưng Yên", wards=""),
        **QD2786,
    ),
    SuccessionSpec(
        S.DISSOLVE,
        REFORM,
        ("ccb_hy", "nd_hy", "pn_hy", "dtn_hy", "ctd_hy"),
        note="Hội, đoàn thể cấp huyện kết thúc hoạt động khi bỏ cấp huyện; Mặt trận Tổ quốc và "
        "các đoàn thể được sắp xếp lại theo Hướng dẫn 31-HD/BTCTW. Đơn vị kế thừa cụ thể chưa "
        "được đối chiếu nên chưa ghi.",
        **HD31,
    ),
)

# --- agreements -------------------------------------------------------------------------------

DE_AN_05 = (
    "Đề án 05-ĐA/TU của Ban Thường vụ Thành ủy về “Tuyên truyền, lan tỏa thông tin tích cực, "
    "đấu tranh phản bác các quan điểm sai trái, thù địch trên internet, mạng xã hội tại TP”"
)
NQ_03_QN = (
    "Nghị quyết 03-NQ/TU ngày 23/3/2021 của Ban Thường vụ Tỉnh ủy về lãnh đạo công tác quốc "
    "phòng quân sự địa phương giai đoạn 2021 - 2025"
)
YEAR_2022_FROM_PERIOD = (
    "bài chỉ ghi “{day}”, không ghi năm; năm 2022 được suy ra từ giai đoạn {period} (dòng thứ, "
    "ngày ở đầu bản lưu là ngày trang hiển thị khi lưu, không phải ngày hội nghị)."
)
Q4_NOTE = (
    "Bài viết đưa tin một hội nghị ký hai chương trình (ảnh: Ban Tuyên giáo Quận ủy, rồi Ban Dân "
    "vận Quận ủy, ký với Ban CHQS Quận 4), nên ghi thành hai văn bản. Bên chủ trì ghi theo đơn "
    "vị tổ chức hội nghị. Bài không nêu số, ký hiệu, người ký; "
    + YEAR_2022_FROM_PERIOD.format(day="Sáng 15/9", period="2022 – 2025")
)
Q10_NOTE = (
    "Bài viết chỉ nói hội nghị ký “quy chế, chương trình phối hợp” mà không nói văn bản nào "
    "giữa những bên nào; dữ liệu mẫu ghi phần nội dung của Ban Tuyên giáo Quận ủy là quy chế, "
    "phần của Ban Dân vận Quận ủy là chương trình. “Đảng ủy” trong bài hiểu là Đảng ủy Quân sự "
    "Quận 10. Bài không nêu giai đoạn, số, ký hiệu, người ký; trạng thái ghi “hết hiệu lực” vì "
    "các bên kết thúc hoạt động từ 01/7/2025. Bài chỉ ghi “Ngày 15/9”; năm 2022 được suy ra "
    "từ hội nghị cùng nội dung của Thành ủy ngày 12/8/2022 và ngày ký của Quận 4."
)
HCM_PURPOSE = (
    "Việc ký kết quy chế, chương trình phối hợp nhằm tiếp tục nâng cao hơn nữa chất lượng nắm, "
    "đánh giá, dự báo tình hình, tham mưu, đề xuất Thành ủy, UBND TP trong việc triển khai kế "
    "hoạch phát triển kinh tế – xã hội, thực hiện nhiệm vụ quân sự, quốc phòng địa phương. Đồng "
    "thời nâng cao hiệu quả công tác phối hợp tuyên truyền, vận động cán bộ, chiến sĩ và Nhân "
    "dân chấp hành nghiêm đường lối, chủ trương của Đảng, chính sách, pháp luật Nhà nước, xây "
    "dựng nền quốc phòng toàn dân, thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân "
    "dân vững mạnh, khu vực phòng thủ vững chắc; góp phần thực hiện tốt các mục tiêu, nhiệm vụ, "
    "giải pháp Nghị quyết Đại hội Đảng các cấp đề ra."
)
HCM_NOTE = (
    "Bài không nêu số, ký hiệu, người ký; các bên cùng tổ chức hội nghị nên đều ghi là chủ trì. "
    + YEAR_2022_FROM_PERIOD.format(day="Chiều 12/8", period="2022 – 2025 và 2022 – 2026")
)
MONG_CAI_PURPOSE = (
    "Việc ký kết phối hợp giữa Ban Tuyên giáo với BCH Quân sự nhằm tăng cường hơn nữa mối quan "
    "hệ phối hợp giữa ngành Tuyên giáo của Đảng với lực lượng vũ trang, góp phần nâng cao hiệu "
    "quả công tác tuyên giáo và công tác quốc phòng, quân sự địa phương, tạo sự chủ động trong "
    "công tác và thống nhất cao trong chỉ đạo, triển khai các nội dung liên quan trực tiếp đến "
    "hai cơ quan và hệ thống ngành dọc của hai cơ quan."
)

# Shared sentences of the Ho Chi Minh City texts (seed 001 repeats seed 002 almost word for word).
TUYEN_TRUYEN_KT_QP = (
    "Tuyên truyền, định hướng tư tưởng khi triển khai thực hiện các chủ trương, chính sách, "
    "chiến lược, quy hoạch, kế hoạch, chương trình, dự án phát triển kinh tế – văn hóa – xã hội "
    "gắn với củng cố quốc phòng, an ninh; củng cố quốc phòng, an ninh gắn với phát triển kinh tế "
    "– văn hóa – xã hội, đảm bảo xây dựng thế trận quốc phòng toàn dân, gắn với thế trận an ninh "
    "nhân dân vững chắc."
)
NHAN_TO_MOI = (
    "Phát hiện, tuyên truyền, nhân rộng những nhân tố mới, mô hình, cách làm hay, sáng tạo, hiệu "
    "quả và đề xuất việc biểu dương, khen thưởng, tôn vinh điển hình tiên tiến, gương người tốt, "
    "việc tốt đối với các tập thể, cá nhân có thành tích xuất sắc trong triển khai các chương "
    "trình, dự án, giải quyết các vụ việc, vụ án có tính chất phức tạp, nhạy cảm liên quan đến "
    "lĩnh vực quân sự, quốc phòng được dư luận quan tâm."
)
DINH_HUONG = (
    "định hướng tư tưởng và chỉ đạo, hướng dẫn tuyên truyền cho cán bộ, đảng viên, chiến sĩ và "
    "Nhân dân về những chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về quân "
    "sự, quốc phòng, nhất là các chiến lược, nghị quyết, kết luận, đề án quan trọng về quân sự, "
    "quốc phòng trong tình hình mới."
)
BOI_DUONG_DAN_VAN = (
    "Phối hợp bồi dưỡng, đào tạo đội ngũ cán bộ làm công tác dân vận, nhất là đối với cán bộ, "
    "đảng viên, chiến sĩ đảm nhận chuyên trách, kiêm nhiệm công tác dân vận và lực lượng trực "
    "tiếp, thường xuyên làm việc, tiếp xúc với Nhân dân{where}, nhằm nâng cao nhận thức, trách "
    "nhiệm, phương pháp, kỹ năng tiến hành của cán bộ, đảng viên làm nhiệm vụ công tác dân vận "
    "trong tình hình mới."
)
DOI_MOI_THONG_TIN = (
    "Nghiên cứu đổi mới phương thức trong tổng hợp, trao đổi thông tin về tình hình Nhân dân, về "
    "công tác dân vận; sơ kết, tổng kết các Chương trình phối hợp phù hợp với thực tiễn của xã hội."
)
DAN_VAN_KHEO = (
    "Tổ chức kiểm tra, giám sát, đánh giá, kịp thời biểu dương, khen thưởng, nhân rộng các tập "
    "thể, cá nhân có thành tích xuất sắc trong thực hiện công tác dân vận, đẩy mạnh thực hiện "
    "phong trào thi đua “Dân vận khéo”, “Đơn vị dân vận tốt” toàn diện và hiệu quả."
)
DAN_VAN_AREAS_TITLES = (
    "Bồi dưỡng, đào tạo đội ngũ cán bộ làm công tác dân vận",
    "Đổi mới phương thức tổng hợp, trao đổi thông tin; sơ kết, tổng kết",
    "Kiểm tra, giám sát, biểu dương, khen thưởng; phong trào “Dân vận khéo”, “Đơn vị dân vận tốt”",
)

AGREEMENTS: tuple[AgreementSpec, ...] = (
    # seed 000: Quận 4, 15/9/2022
    AgreementSpec(
        "q4_btg",
        Agreement.Kind.PROGRAM,
        "Chương trình phối hợp giữa Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4 "
        "giai đoạn 2022-2025",
        parties=(PartySpec("chqs_q4", LEAD), PartySpec("btg_q4", COOP)),
        period=(2022, 2025),
        signed_on=D(2022, 9, 15),
        note=Q4_NOTE,
        areas=(
            AreaSpec(
                "Định hướng tư tưởng, tuyên truyền về quân sự, quốc phòng",
                "Ban Tuyên giáo Quận ủy và Ban Chỉ huy Quân sự Quận 4 sẽ phối hợp định hướng tư "
                "tưởng, tuyên truyền cho cán bộ, đảng viên, chiến sĩ và Nhân dân về những chủ "
                "trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về quân sự, quốc "
                "phòng; các tình huống phức tạp liên quan đến bảo vệ chủ quyền lãnh thổ, biên "
                "giới, biển đảo của Tổ quốc; giải quyết các vấn đề có tính chất phức tạp, nhạy "
                "cảm liên quan đến lĩnh vực quân sự, quốc phòng.",
            ),
            AreaSpec(
                "Đấu tranh phản bác các quan điểm sai trái, thù địch, thông tin sai sự thật",
                "Ban Tuyên giáo Quận ủy và Ban Chỉ huy Quân sự Quận 4 sẽ tích cực đấu tranh phản "
                "bác các quan điểm sai trái, thù địch, thông tin giả, sai sự thật về chức năng, "
                "nhiệm vụ, truyền thống của Quân đội nhân dân Việt Nam, các vấn đề có liên quan "
                "đến quốc phòng, an ninh.",
            ),
            AreaSpec(
                "Tuyên truyền, nhân rộng nhân tố mới, mô hình, cách làm hay",
                "Tuyên truyền, nhân rộng nhân tố mới, mô hình, cách làm hay, sáng tạo, các tập "
                "thể, cá nhân có thành tích xuất sắc trong giải quyết các vụ việc, vụ án có tính "
                "chất phức tạp, nhạy cảm liên quan đến lĩnh vực quân sự, quốc phòng.",
            ),
            AreaSpec(
                "Bồi dưỡng, giáo dục kiến thức quân sự, quốc phòng, an ninh",
                "Phối hợp bồi dưỡng, giáo dục nâng cao nhận thức, kiến thức về lĩnh vực quân sự, "
                "quốc phòng, an ninh cho các đối tượng theo yêu cầu nhiệm vụ…",
            ),
        ),
    ),
    AgreementSpec(
        "q4_bdv",
        Agreement.Kind.PROGRAM,
        "Chương trình phối hợp giữa Ban Chỉ huy Quân sự Quận 4 và Ban Dân vận Quận ủy Quận 4 "
        "giai đoạn 2022-2025",
        parties=(PartySpec("chqs_q4", LEAD), PartySpec("bdv_q4", COOP)),
        period=(2022, 2025),
        signed_on=D(2022, 9, 15),
        note=Q4_NOTE,
        areas=(
            AreaSpec(
                "Tham mưu Quận ủy, UBND quận về công tác dân vận, nhiệm vụ quân sự, quốc phòng, "
                "an ninh",
                "Ban Dân vận Quận ủy và Ban Chỉ huy Quân sự Quận 4 sẽ phối hợp tham mưu Quận ủy, "
                "UBND quận những chủ trương, giải pháp thực hiện có hiệu quả công tác dân vận, "
                "nhiệm vụ quân sự, quốc phòng, an ninh trong tình hình mới nhằm phát huy sức mạnh "
                "tổng hợp của các cấp, các ngành, hệ thống chính trị, các tầng lớp Nhân dân trong "
                "sự nghiệp xây dựng và bảo vệ Tổ quốc.",
            ),
            AreaSpec(
                "Khắc phục hậu quả thiên tai, dịch bệnh; đối phó các thách thức an ninh phi "
                "truyền thống",
                "Hai đơn vị phối hợp tham gia khắc phục hậu quả thiên tai, dịch bệnh và đối phó "
                "với các thách thức an ninh phi truyền thống khác.",
            ),
            AreaSpec(
                "Đối ngoại nhân dân; mô hình “Dân vận khéo”, “Đơn vị dân vận tốt”; các cuộc vận "
                "động, phong trào",
                "Tăng cường hoạt động đối ngoại nhân dân, chú trọng xây dựng các mô hình, điển "
                "hình về “Dân vận khéo”, “Đơn vị dân vận tốt”; tăng cường phối hợp triển khai "
                "thực hiện hiệu quả các cuộc vận động, phong trào.",
            ),
            AreaSpec(
                "Bồi dưỡng, đào tạo cán bộ, chiến sĩ làm công tác dân vận",
                "Bồi dưỡng, đào tạo đội ngũ cán bộ, chiến sĩ đảm nhận công tác dân vận nhằm nâng "
                "cao nhận thức, tầm quan trọng công tác dân vận trong tình hình mới.",
            ),
            AreaSpec(
                "Đổi mới phương thức tổng hợp, trao đổi thông tin",
                "Đổi mới phương thức trong tổng hợp, trao đổi thông tin về tình hình Nhân dân…",
            ),
        ),
    ),
    # seed 001: Quận 10, 15/9/2022
    AgreementSpec(
        "q10_qc",
        Agreement.Kind.REGULATION,
        "Quy chế phối hợp giữa Ban Tuyên giáo Quận ủy Quận 10 với Đảng ủy Quân sự, Ban Chỉ huy "
        "Quân sự Quận 10",
        parties=(
            PartySpec("btg_q10", LEAD),
            PartySpec("duqs_q10", COOP),
            PartySpec("chqs_q10", COOP),
        ),
        signed_on=D(2022, 9, 15),
        legal_bases=(DE_AN_05,),
        note=Q10_NOTE,
        status_without_period=Agreement.Status.EXPIRED,
        areas=(
            AreaSpec(
                "Định hướng tư tưởng, chỉ đạo, hướng dẫn tuyên truyền về quân sự, quốc phòng",
                "Ban Tuyên giáo Quận ủy phối hợp Đảng ủy, Ban Chỉ huy Quân sự về " + DINH_HUONG,
            ),
            AreaSpec(
                "Triển khai Đề án 05-ĐA/TU; đấu tranh phản bác các quan điểm sai trái, thù địch",
                "Phối hợp trong triển khai thực hiện " + DE_AN_05 + ", đấu tranh phản bác các "
                "quan điểm sai trái, thù địch, thông tin giả, sai sự thật về chức năng, nhiệm vụ, "
                "truyền thống của Quân đội, Quân khu 7, lực lượng vũ trang TP, lực lượng vũ trang "
                "quận và các vấn đề có liên quan đến quốc phòng - an ninh, hệ thống chính trị TP...",
            ),
            AreaSpec(
                "Tuyên truyền gắn phát triển kinh tế - văn hóa - xã hội với củng cố quốc phòng, "
                "an ninh",
                TUYEN_TRUYEN_KT_QP,
            ),
            AreaSpec(
                "Phát hiện, nhân rộng nhân tố mới; đề xuất biểu dương, khen thưởng", NHAN_TO_MOI
            ),
        ),
    ),
    AgreementSpec(
        "q10_ctr",
        Agreement.Kind.PROGRAM,
        "Chương trình phối hợp giữa Ban Dân vận Quận ủy Quận 10 với Đảng ủy Quân sự, Ban Chỉ "
        "huy Quân sự Quận 10",
        parties=(
            PartySpec("bdv_q10", LEAD),
            PartySpec("duqs_q10", COOP),
            PartySpec("chqs_q10", COOP),
        ),
        signed_on=D(2022, 9, 15),
        note=Q10_NOTE,
        status_without_period=Agreement.Status.EXPIRED,
        areas=(
            AreaSpec(
                "Tham mưu Quận ủy, UBND quận về công tác dân vận, nhiệm vụ quân sự, quốc phòng, "
                "an ninh",
                "Ban Dân vận Quận ủy phối hợp tham mưu Quận ủy, UBND quận những chủ trương, giải "
                "pháp thực hiện có hiệu quả công tác dân vận, nhiệm vụ quân sự, quốc phòng, an "
                "ninh trong tình hình mới.",
            ),
            AreaSpec(DAN_VAN_AREAS_TITLES[0], BOI_DUONG_DAN_VAN.format(where=" trên địa bàn")),
            AreaSpec(DAN_VAN_AREAS_TITLES[1], DOI_MOI_THONG_TIN),
            AreaSpec(DAN_VAN_AREAS_TITLES[2], DAN_VAN_KHEO),
        ),
    ),
    # seed 002: TP Hồ Chí Minh, 12/8/2022
    AgreementSpec(
        "hcm_qc",
        Agreement.Kind.REGULATION,
        "Quy chế phối hợp giữa Đảng ủy Quân sự Thành phố với Ban Nội chính Thành ủy Thành phố "
        "Hồ Chí Minh",
        parties=(PartySpec("duqs_hcm", LEAD), PartySpec("bnc_tu_hcm", LEAD)),
        signed_on=D(2022, 8, 12),
        purpose=HCM_PURPOSE,
        note=HCM_NOTE,
        areas=(
            AreaSpec(
                "Nghiên cứu, tham mưu, đề xuất về an ninh nội chính, phòng, chống tham nhũng, "
                "tiêu cực và quân sự, quốc phòng địa phương",
                "Hai bên sẽ phối hợp nâng cao chất lượng nghiên cứu, tham mưu, đề xuất Ban Thường "
                "vụ Thành ủy, Thường trực Thành ủy về đường lối, chủ trương của Đảng, chính sách "
                "pháp luật của Nhà nước về công tác an ninh nội chính; phòng, chống tham nhũng, "
                "tiêu cực; công tác quân sự, quốc phòng địa phương và kiểm tra, giám sát thực hiện "
                "theo quy định.",
            ),
            AreaSpec(
                "Tham mưu, đề xuất giải pháp về quan điểm, chủ trương, chính sách",
                "Phối hợp nghiên cứu, tham mưu, đề xuất các giải pháp về quan điểm, chủ trương, "
                "chính sách, định hướng lớn của Đảng, Nhà nước.",
            ),
            AreaSpec(
                "Xây dựng, thẩm định đề án về tổ chức, hoạt động của các cơ quan thanh tra, pháp "
                "chế thuộc Bộ Tư lệnh TP",
                "Nghiên cứu xây dựng, thẩm định các đề án về tổ chức, hoạt động của các cơ quan "
                "có chức năng thanh tra, pháp chế thuộc Bộ Tư lệnh TP.",
            ),
            AreaSpec(
                "Trao đổi thông tin về công tác nội chính, quân sự, quốc phòng địa phương và "
                "phòng, chống tham nhũng, tiêu cực",
                "Phối hợp trao đổi thông tin về công tác nội chính, quân sự, quốc phòng địa "
                "phương và phòng, chống tham nhũng, tiêu cực có liên quan đến chức năng, nhiệm "
                "vụ, quyền hạn của hai cơ quan.",
            ),
        ),
    ),
    AgreementSpec(
        "hcm_btg",
        Agreement.Kind.PROGRAM,
        "Chương trình phối hợp giữa Ban Tuyên giáo Thành ủy với Bộ Tư lệnh Thành phố Hồ Chí "
        "Minh giai đoạn 2022-2025",
        parties=(PartySpec("btg_tu_hcm", LEAD), PartySpec("btl_hcm", LEAD)),
        period=(2022, 2025),
        signed_on=D(2022, 8, 12),
        legal_bases=(DE_AN_05,),
        purpose=HCM_PURPOSE,
        note=HCM_NOTE,
        areas=(
            AreaSpec(
                "Định hướng tư tưởng, chỉ đạo, hướng dẫn tuyên truyền về quân sự, quốc phòng",
                "Hai đơn vị phối hợp " + DINH_HUONG,
            ),
            AreaSpec(
                "Triển khai thực hiện Đề án 05-ĐA/TU",
                "Hai đơn vị cũng phối hợp trong triển khai thực hiện Đề án 05-ĐA/TU của Ban "
                "Thường vụ Thành ủy.",
            ),
            AreaSpec(
                "Tuyên truyền gắn phát triển kinh tế - văn hóa - xã hội với củng cố quốc phòng, "
                "an ninh",
                TUYEN_TRUYEN_KT_QP,
            ),
            AreaSpec(
                "Phát hiện, nhân rộng nhân tố mới; đề xuất biểu dương, khen thưởng", NHAN_TO_MOI
            ),
            AreaSpec(
                "Bồi dưỡng, giáo dục kiến thức quân sự, quốc phòng",
                "Bồi dưỡng, giáo dục nâng cao nhận thức, kiến thức về lĩnh vực quân sự, quốc "
                "phòng, củng cố, tăng cường quốc phòng, an ninh trong tình hình mới cho các đối "
                "tượng theo yêu cầu nhiệm vụ.",
            ),
        ),
    ),
    AgreementSpec(
        "hcm_bdv",
        Agreement.Kind.PROGRAM,
        "Chương trình phối hợp giữa Ban Dân vận Thành ủy với Bộ Tư lệnh Thành phố Hồ Chí Minh "
        "giai đoạn 2022-2026",
        parties=(PartySpec("bdv_tu_hcm", LEAD), PartySpec("btl_hcm", LEAD)),
        period=(2022, 2026),
        signed_on=D(2022, 8, 12),
        purpose=HCM_PURPOSE,
        note=HCM_NOTE + " Ban Dân vận Thành ủy đã hợp nhất vào Ban Tuyên giáo và Dân vận Thành "
        "ủy từ 03/02/2025; chương trình còn trong giai đoạn nên ghi “đang có hiệu lực”, phần "
        "việc của Ban Dân vận do đơn vị kế thừa đảm nhận.",
        areas=(
            AreaSpec(
                "Tham mưu Thành ủy, UBND TP về công tác dân vận, nhiệm vụ quân sự, quốc phòng, "
                "an ninh",
                "Hai đơn vị sẽ phối hợp tham mưu Thành ủy, UBND TP những chủ trương, giải pháp "
                "thực hiện có hiệu quả công tác dân vận, nhiệm vụ quân sự, quốc phòng, an ninh "
                "trong tình hình mới.",
            ),
            AreaSpec(DAN_VAN_AREAS_TITLES[0], BOI_DUONG_DAN_VAN.format(where="")),
            AreaSpec(DAN_VAN_AREAS_TITLES[1], DOI_MOI_THONG_TIN),
            AreaSpec(DAN_VAN_AREAS_TITLES[2], DAN_VAN_KHEO),
        ),
    ),
    # seed 003: Móng Cái, 18/11/2021
    AgreementSpec(
        "mc_ctr",
        Agreement.Kind.PROGRAM,
        "Chương trình phối hợp công tác giữa Ban Tuyên giáo Thành ủy Móng Cái và Ban Chỉ huy "
        "Quân sự thành phố Móng Cái giai đoạn 2021-2025",
        parties=(
            PartySpec(
                "btg_mc",
                LEAD,
                "Bùi Thị Lệ Hằng",
                "",
                "Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tuyên giáo Thành ủy",
            ),
            PartySpec(
                "chqs_mc",
                LEAD,
                "Mai Xuân Thắng",
                "Thượng tá",
                "Chính trị viên Ban CHQS TP Móng Cái",
            ),
        ),
        period=(2021, 2025),
        signed_on=D(2021, 11, 18),
        legal_bases=(NQ_03_QN,),
        purpose=MONG_CAI_PURPOSE,
        note="Hai bên cùng tổ chức lễ ký nên đều ghi là chủ trì. Nội dung phối hợp lấy từ đoạn "
        "“Trong năm 2021 - 2022 và giai đoạn đến năm 2021 …” của bài (có lẽ là “đến năm "
        "2025”), áp dụng chung cho chương trình và kế hoạch năm 2021 - 2022. Bài không nêu số, "
        "ký hiệu.",
        areas=(
            AreaSpec(
                "Tuyên truyền chủ trương, đường lối của Đảng, pháp luật của Nhà nước về công tác "
                "quốc phòng, bảo vệ Tổ quốc",
                "Tuyên truyền chủ trương, đường lối của Đảng, pháp luật của nhà nước về công tác "
                "quốc phòng, bảo vệ Tổ quốc.",
            ),
            AreaSpec(
                "Tham mưu cho Thành ủy, HĐND, UBND thành phố thực hiện các nghị quyết về quốc "
                "phòng, quân sự địa phương",
                "Phối hợp chặt chẽ, thường xuyên giữa các đơn vị trong việc tham mưu cho Thành ủy, "
                "HĐND, UBND thành phố triển khai, tổ chức thực hiện thắng lợi các Nghị quyết của "
                "Đảng các cấp, " + NQ_03_QN + ".",
            ),
            AreaSpec(
                "Tuyên truyền nâng cao nhận thức về quốc phòng, quân sự địa phương; bồi dưỡng lý "
                "luận chính trị, kiến thức quốc phòng an ninh",
                "Phối hợp tuyên truyền nâng cao nhận thức của các tầng lớp nhân dân về công tác "
                "quốc phòng, quân sự địa phương, bồi dưỡng lý luận chính trị, kiến thức quốc phòng "
                "an ninh cho các đối tượng.",
            ),
            AreaSpec(
                "Tuyên truyền các sự kiện chính trị, truyền thống, điển hình trong các phong trào "
                "thi đua",
                "Phối hợp tuyên truyền các sự kiện chính trị của đất nước, truyền thống vẻ vang "
                "của Đảng, dân tộc, Quân đội, lực lượng vũ trang, những thành tích, cách làm hay, "
                "mô hình sáng tạo, hiệu quả trong thực hiện các phong trào thi đua.",
            ),
            AreaSpec(
                "Bảo vệ nền tảng tư tưởng của Đảng",
                "Phối hợp thực hiện nhiệm vụ bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản "
                "bác các quan điểm sai trái, thù địch trong tình hình mới.",
            ),
            AreaSpec(
                "Nắm bắt tình hình tư tưởng, dư luận xã hội và định hướng tư tưởng",
                "Phối hợp nắm bắt tình hình tư tưởng, dư luận xã hội và định hướng tư tưởng phục "
                "vụ hiệu quả nhiệm vụ phát triển kinh tế, văn hoá xã hội.",
            ),
            AreaSpec(
                "Diễn tập phòng thủ, phòng thủ dân sự, bảo vệ chủ quyền lãnh thổ, an ninh biên "
                "giới, phòng chống dịch",
                "Đẩy mạnh tham gia các hoạt động diễn tập phòng thủ, phòng thủ dân sự, phong trào "
                "toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia trong "
                "tình hình mới, phòng chống dịch bệnh COVID-19.",
            ),
            AreaSpec(
                "Học tập, quán triệt nghị quyết; xây dựng cơ sở chính trị; các phong trào thi đua",
                "Tổ chức học tập, quán triệt và triển khai các nghị quyết, chỉ thị; tích cực tham "
                "gia xây dựng cơ sở chính trị vững mạnh, các phong trào, mô hình giúp dân phát "
                "triển kinh tế, xây dựng NTM, thi đua quyết thắng trong LLVT và phong trào “sản "
                "xuất giỏi, chiến đấu cao”, biểu dương các điển hình tiên tiến....",
            ),
        ),
    ),
    AgreementSpec(
        "mc_kh",
        Agreement.Kind.PLAN,
        "Kế hoạch phối hợp năm 2021-2022 giữa Ban Tuyên giáo Thành ủy Móng Cái và Ban Chỉ huy "
        "Quân sự thành phố Móng Cái",
        parties=(PartySpec("btg_mc", LEAD), PartySpec("chqs_mc", LEAD)),
        period=(2021, 2022),
        signed_on=D(2021, 11, 18),
        legal_bases=(NQ_03_QN,),
        parent="mc_ctr",
        purpose=MONG_CAI_PURPOSE,
        note="Bài viết không nêu riêng nội dung và người ký kế hoạch; xem các nội dung phối hợp "
        "của chương trình giai đoạn 2021 - 2025.",
    ),
    # seed 004: thành phố (Hưng Yên), program for 2022, reviewed on 06/01/2023
    AgreementSpec(
        "hy_2022",
        Agreement.Kind.PROGRAM,
        "Chương trình phối hợp hoạt động giữa Ban Chỉ huy Quân sự thành phố với các tổ chức "
        "chính trị - xã hội, tổ chức xã hội nhân đạo của thành phố năm 2022",
        parties=(
            PartySpec("chqs_hy", LEAD),
            PartySpec("ccb_hy", COOP),
            PartySpec("nd_hy", COOP),
            PartySpec("pn_hy", COOP),
            PartySpec("dtn_hy", COOP),
            PartySpec("ctd_hy", COOP),
        ),
        period=(2022, 2022),
        note="Bài viết không đăng toàn văn chương trình; nội dung phối hợp tổng hợp từ kết quả "
        "năm 2022 và phương hướng năm 2023 nêu tại hội nghị. Bài không nêu tên thành phố, ngày "
        "ký, số, ký hiệu, người ký. “Các tổ chức chính trị - xã hội” ghi theo các hội, đoàn thể "
        "có tham luận (Hội CCB, Hội Nông dân, Hội Phụ nữ, Đoàn thanh niên); “tổ chức xã hội "
        "nhân đạo” ghi là Hội Chữ thập đỏ.",
        areas=(
            AreaSpec(
                "Tuyên truyền, giáo dục, vận động thực hiện chủ trương, đường lối của Đảng, chính "
                "sách, pháp luật của Nhà nước",
                "Ban CHQS và các tổ chức chính trị xã hội, tổ chức xã hội nhân đạo của thành phố "
                "đã tích cực phối hợp tuyên truyền, giáo dục, vận động cán bộ, chiến sĩ LLVT, cán "
                "bộ, hội viên, đoàn viên các hội, đoàn thể và nhân dân thực hiện tốt chủ trương, "
                "đường lối của Đảng, chính sách, pháp luật của Nhà nước, trọng tâm là Nghị quyết "
                "Đại hội XIII của Đảng, Nghị quyết Đại hội Đảng bộ các cấp, nhiệm vụ phát triển "
                "kinh tế, xã hội của thành phố, nhiệm vụ phòng, chống Covid-19, công tác tuyển "
                "chọn, gọi công dân nhập ngũ năm 2022, kết quả thực hiện nhiệm vụ QP - QSĐP, diễn "
                "tập khu vực phòng thủ Thành Phố năm 2022.",
            ),
            AreaSpec(
                "Giáo dục truyền thống; đấu tranh với các quan điểm sai trái, thù địch",
                "Đẩy mạnh các hoạt động tuyên truyền, giáo dục truyền thống cách mạng của Đảng, "
                "dân tộc, Quân đội Nhân dân Việt Nam; xây dựng tinh thần tự lực, tự cường, nâng "
                "cao ý thức cảnh giác cách mạng, phòng, chống có hiệu quả âm mưu, thủ đoạn “Diễn "
                "biến hòa bình”, bạo loạn lật đổ của các thế lực thù địch; kịp thời phát hiện và "
                "kiên quyết đấu tranh với những quan điểm sai trái, cơ hội, phản động, thù địch, "
                "lợi dụng vấn đề dân tộc, tôn giáo, dân chủ, nhân quyền để chia rẽ khối đại đoàn "
                "kết toàn dân tộc, chia rẽ mối quan hệ đoàn kết máu thịt giữa Quân đội với nhân dân.",
            ),
            AreaSpec(
                "Xây dựng cơ sở chính trị vững mạnh, củng cố quốc phòng, an ninh, khu vực phòng thủ",
                "Phối hợp tham gia xây dựng cơ sở chính trị vững mạnh, củng cố QPAN; xây dựng khu "
                "vực phòng thủ thành phố vững chắc; giữ vững an ninh chính trị, trật tự an toàn "
                "xã hội.",
            ),
            AreaSpec(
                "Tuyển chọn, gọi công dân nhập ngũ",
                "Trong công tác tuyển chọn gọi công dân nhập ngũ hàng năm, Ban CHQS Thành Phố "
                "phối hợp với các tổ chức chính trị - xã hội, xã hội nhân đạo thành phố tuyên "
                "truyền, vận động thanh niên và gia đình có thanh niên trong diện nhập ngũ chấp "
                "hành tốt pháp luật nhà nước trong việc thực hiện nghĩa vụ quân sự; vận động các "
                "ban ngành đoàn thể địa phương quan tâm, thăm hỏi, tặng quà thanh niên lên đường "
                "nhập ngũ góp phần đảm bảo hoàn thành 100% chỉ tiêu giao quân năm 2022.",
            ),
            AreaSpec(
                "Các phong trào thi đua, cuộc vận động",
                "Ban CHQS thành phố và các tổ chức chính trị - xã hội còn phối hợp tuyên truyền "
                "vận động nhân dân, cán bộ, chiến sỹ, hội viên, đoàn viên tham gia thực hiện có "
                "hiệu quả các phong trào, các cuộc vận động do Đảng, Nhà nước, Mặt trận Tổ quốc, "
                "quân đội và các hội, đoàn thể phát động.",
            ),
            AreaSpec(
                "Chính sách hậu phương quân đội, đền ơn đáp nghĩa, nhân đạo từ thiện",
                "Phối hợp tổ chức tốt công tác tuyên truyền các ngày Lễ, kỷ niệm, các sự kiện chính "
                "trị quan trọng của Đảng, Nhà nước, Quân đội, của địa phương, của từng ngành; phối "
                "hợp thực hiện tốt công tác chính sách hậu phương quân đội, các hoạt động đền ơn "
                "đáp nghĩa, nhân đạo từ thiện, xây dựng cơ sở vững mạnh, toàn diện, tích cực phát "
                "triển kinh tế và hoàn thành nhiệm vụ quốc phòng, quân sự địa phương.",
            ),
        ),
    ),
)

# --- conferences ------------------------------------------------------------------------------

E = Event.Kind

EVENTS: tuple[EventSpec, ...] = (
    EventSpec(
        E.SIGNING,
        "Hội nghị ký kết chương trình phối hợp giai đoạn 2022-2025 giữa Ban Chỉ huy Quân sự "
        "Quận 4 với Ban Tuyên giáo Quận ủy, Ban Dân vận Quận ủy Quận 4",
        D(2022, 9, 15),
        "chqs_q4",
        time_of_day="Sáng",
        organizations=("btg_q4", "bdv_q4", "qu_q4", "btl_hcm"),
        agreements=("q4_btg", "q4_bdv"),
        attendees=(
            AttendeeSpec(
                "Nguyễn Tuấn Bảo", "Phó Chính ủy Bộ Tư lệnh Thành phố", "btl_hcm", "Đại tá"
            ),
            AttendeeSpec("Nguyễn Quốc Thái", "Bí thư Quận ủy Quận 4", "qu_q4"),
        ),
        source=THANHUY_SITE,
        summary="Sáng 15/9, Ban Chỉ huy Quân sự Quận 4 phối hợp Ban Tuyên giáo Quận ủy, Ban Dân "
        "vận Quận ủy Quận 4 tổ chức Hội nghị ký kết chương trình phối hợp giai đoạn 2022 – 2025. "
        "Dự hội nghị có các đồng chí: Đại tá Nguyễn Tuấn Bảo, Phó Chính ủy Bộ Tư lệnh Thành phố; "
        "Nguyễn Quốc Thái, Bí thư Quận ủy Quận 4.\n\n"
        "Phát biểu chỉ đạo tại hội nghị, Đại tá Nguyễn Tuấn Bảo đề nghị 3 đơn vị thường xuyên làm "
        "tốt công tác trao đổi, thông tin, nhất là về tình hình có liên quan đến công tác quốc "
        "phòng, an ninh để kịp thời tham mưu Quận ủy, UBND quận lãnh đạo, chỉ đạo giải quyết hiệu "
        "quả, không để xảy ra điểm nóng, bị động, bất ngờ trong mọi tình huống. Công tác phối hợp "
        "giữa lực lượng vũ trang với các đoàn thể, tổ chức chính trị - xã hội trên địa bàn cần "
        "được tăng cường hơn nữa; tăng cường đoàn kết quân – dân, góp phần xây dựng thế trận lòng "
        "dân vững chắc.\n\n"
        + DATA_NOTE
        + YEAR_2022_FROM_PERIOD.format(day="Sáng 15/9", period="2022 – 2025"),
    ),
    EventSpec(
        E.SIGNING,
        "Hội nghị ký kết quy chế, chương trình phối hợp giữa Ban Tuyên giáo Quận ủy Quận 10 với "
        "Đảng ủy Quân sự, Ban Chỉ huy Quân sự và Ban Dân vận Quận ủy Quận 10",
        D(2022, 9, 15),
        "btg_q10",
        organizations=("duqs_q10", "chqs_q10", "bdv_q10", "qu_q10"),
        agreements=("q10_qc", "q10_ctr"),
        attendees=(AttendeeSpec("Lê Văn Minh", "Thành ủy viên, Bí thư Quận ủy Quận 10", "qu_q10"),),
        source=THANHUY_SITE,
        summary="Ngày 15/9, Ban Tuyên giáo Quận ủy Quận 10 phối hợp Đảng ủy, Ban Chỉ huy Quân sự "
        "và Ban Dân vận Quận ủy Quận 10 tổ chức hội nghị ký kết quy chế, chương trình phối hợp. "
        "Đến dự có Thành ủy viên, Bí thư Quận ủy Quận 10 Lê Văn Minh.\n\n"
        "Theo đó, Ban Tuyên giáo Quận ủy phối hợp Đảng ủy, Ban Chỉ huy Quân sự về định hướng tư "
        "tưởng và chỉ đạo, hướng dẫn tuyên truyền về quân sự, quốc phòng; phát hiện, tuyên "
        "truyền, nhân rộng những nhân tố mới, mô hình, cách làm hay, sáng tạo, hiệu quả. Ban Dân "
        "vận Quận ủy phối hợp tham mưu Quận ủy, UBND quận những chủ trương, giải pháp thực hiện "
        "có hiệu quả công tác dân vận, nhiệm vụ quân sự, quốc phòng, an ninh trong tình hình mới.\n\n"
        + DATA_NOTE
        + YEAR_2022_FROM_PERIOD.format(
            day="Ngày 15/9",
            period="2022 – 2025 của các hội nghị cùng nội dung ở Thành phố và Quận 4",
        ),
    ),
    EventSpec(
        E.SIGNING,
        "Hội nghị ký kết quy chế, chương trình phối hợp giữa Đảng ủy, Bộ Tư lệnh Thành phố Hồ "
        "Chí Minh với Ban Nội chính, Ban Tuyên giáo, Ban Dân vận Thành ủy",
        D(2022, 8, 12),
        "btl_hcm",
        time_of_day="Chiều",
        organizations=(
            "duqs_hcm",
            "bnc_tu_hcm",
            "btg_tu_hcm",
            "bdv_tu_hcm",
            "tu_hcm",
            "ubnd_hcm",
            "qk7",
        ),
        agreements=("hcm_qc", "hcm_btg", "hcm_bdv"),
        attendees=(
            AttendeeSpec(
                "Phan Văn Mãi",
                "Ủy viên Trung ương Đảng, Phó Bí thư Thường trực Thành ủy, Chủ tịch UBND TPHCM",
                "tu_hcm",
            ),
            AttendeeSpec(
                "Nguyễn Văn Hiếu",
                "Ủy viên Dự khuyết Trung ương Đảng, Phó Bí thư Thành ủy TPHCM",
                "tu_hcm",
            ),
            AttendeeSpec(
                "Hoàng Đình Chung", "Chủ nhiệm Chính trị Quân khu 7", "qk7", "Thiếu tướng"
            ),
            AttendeeSpec(
                "Lê Thanh Liêm",
                "Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Nội chính Thành ủy",
                "bnc_tu_hcm",
            ),
            AttendeeSpec(
                "Nguyễn Văn Nam",
                "Ủy viên Ban Thường vụ Thành ủy, Tư lệnh Bộ Tư lệnh TP",
                "btl_hcm",
                "Trung tướng",
            ),
            AttendeeSpec(
                "Lê Hồng Sơn",
                "Thành ủy viên, Phó trưởng Ban Thường trực Ban Tuyên giáo Thành ủy",
                "btg_tu_hcm",
            ),
            AttendeeSpec(
                "Nguyễn Thị Bạch Mai",
                "Thành ủy viên, Phó trưởng Ban Thường trực Ban Dân vận Thành ủy",
                "bdv_tu_hcm",
            ),
            AttendeeSpec("Phan Văn Xựng", "Thành ủy viên, Chính ủy Bộ Tư lệnh TP", "btl_hcm"),
        ),
        source="Báo điện tử, bản lưu không ghi tên trang (dữ liệu mẫu theo bài đã đăng)",
        summary="Chiều 12/8, Đảng ủy, Bộ Tư lệnh TPHCM, Ban Tuyên giáo Thành ủy, Ban Nội chính "
        "Thành ủy, Ban Dân vận Thành ủy TPHCM đã tổ chức Hội nghị ký kết quy chế, chương trình "
        "phối hợp giữa Đảng ủy, Bộ Tư lệnh TP với Ban Nội chính Thành ủy, Ban Tuyên giáo Thành "
        "ủy, Ban Dân vận Thành ủy TPHCM.\n\n"
        "Phát biểu tại hội nghị, Phó Bí thư Thành ủy TPHCM Nguyễn Văn Hiếu nhấn mạnh, thông qua "
        "việc phối hợp giữa Bộ Tư lệnh TP với các cơ quan tham mưu, giúp việc của Thành ủy góp "
        "phần nâng cao chất lượng tham mưu, đề xuất, vừa tạo điều kiện để hỗ trợ lẫn nhau hoàn "
        "thành tốt chức năng, nhiệm vụ được giao của các cơ quan, đơn vị. Đồng chí yêu cầu các "
        "đơn vị quán triệt, triển khai thực hiện Quy chế, Chương trình kịp thời, chặt chẽ, cụ "
        "thể; thường xuyên kiểm tra, chấn chỉnh; tổ chức tốt việc sơ kết, tổng kết, rút kinh "
        "nghiệm, bổ sung các nội dung phối hợp sát thực tiễn để đem lại hiệu quả tốt nhất.\n\n"
        + DATA_NOTE
        + YEAR_2022_FROM_PERIOD.format(
            day="Chiều 12/8", period="2022 – 2025, 2022 – 2026 và chức danh của các đại biểu"
        ),
    ),
    EventSpec(
        E.SIGNING,
        "Lễ ký kết chương trình phối hợp công tác giai đoạn 2021-2025 và kế hoạch phối hợp năm "
        "2021-2022 giữa Ban Tuyên giáo Thành ủy và Ban Chỉ huy Quân sự thành phố Móng Cái",
        D(2021, 11, 18),
        "btg_mc",
        time_of_day="Chiều",
        organizations=("chqs_mc",),
        agreements=("mc_ctr", "mc_kh"),
        attendees=(
            AttendeeSpec(
                "Bùi Thị Lệ Hằng",
                "Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tuyên giáo Thành ủy",
                "btg_mc",
            ),
            AttendeeSpec(
                "Mai Xuân Thắng", "Chính trị viên Ban CHQS TP Móng Cái", "chqs_mc", "Thượng tá"
            ),
        ),
        source="Trung tâm TTVH thành phố Móng Cái (dữ liệu mẫu theo bài đã đăng)",
        summary="Chiều ngày 18/11/2021, Ban Tuyên giáo Thành ủy Móng Cái và Ban chỉ huy quân sự "
        "TP Móng Cái tổ chức ký kết chương trình phối hợp công tác giai đoạn 2021 - 2025 và kế "
        "hoạch phối hợp năm 2021 - 2022.\n\n"
        + MONG_CAI_PURPOSE
        + " Đồng chí Bùi Thị Lệ Hằng, ủy viên BTV Thành ủy, Trưởng Ban Tuyên "
        "giáo Thành ủy và Thượng tá Mai Xuân Thắng, Chính trị viên Ban CHQS TP Móng Cái ký kết "
        "chương trình phối hợp.",
    ),
    EventSpec(
        E.INTERIM_REVIEW,
        "Hội nghị sơ kết chương trình phối hợp giữa Ban Chỉ huy Quân sự thành phố với các tổ "
        "chức chính trị - xã hội, tổ chức xã hội nhân đạo năm 2022",
        D(2023, 1, 6),
        "chqs_hy",
        time_of_day="Chiều",
        organizations=("ccb_hy", "nd_hy", "pn_hy", "dtn_hy", "ctd_hy"),
        agreements=("hy_2022",),
        source="Trung tâm Văn hóa và Truyền thanh thành phố, cổng thông tin © VNPT Hưng Yên "
        "(dữ liệu mẫu theo bài đã đăng)",
        summary="Chiều ngày 06/01, Ban Chỉ huy quân sự (CHQS) thành phố tổ chức tổng kết thực "
        "hiện Chương trình phối hợp hoạt động giữa Ban CHQS với các tổ chức chính trị xã hội, tổ "
        "chức xã hội nhân đạo của thành phố năm 2022, triển khai phương hướng, nhiệm vụ năm 2023.\n\n"
        "Năm 2022, hoạt động phối hợp được triển khai, tổ chức thực hiện đảm bảo các nội dung "
        "chương trình đã ký kết; góp phần hoàn thành 100% chỉ tiêu giao quân năm 2022. Phát biểu "
        "tham luận tại Hội nghị, các đại biểu đã nêu lên nhiều cách làm hay, sáng tạo, có hiệu quả "
        "của Hội CCB, Hội Nông dân, Hội Phụ nữ, Đoàn thanh niên trong thực hiện chương trình phối "
        "hợp. Năm 2023 tập trung phối hợp tuyên truyền các ngày Lễ, kỷ niệm, các sự kiện chính trị "
        "quan trọng; thực hiện tốt công tác chính sách hậu phương quân đội, các hoạt động đền ơn "
        "đáp nghĩa, nhân đạo từ thiện.\n\n"
        + DATA_NOTE
        + "tiêu đề bài gọi là “sơ kết”, thân bài gọi là “tổng kết” năm 2022 của "
        "chương trình hằng năm; ghi là hội nghị sơ kết. Bài không nêu tên thành phố (xem ghi chú "
        "của Ban CHQS thành phố Hưng Yên).",
    ),
)

# --- demo users -------------------------------------------------------------------------------

R = Membership.Role

# Every demo account is an invented person: its name carries ILLUSTRATIVE after the given name,
# so that every page, history line and signed document that names it says so ("Trần Minh Khoa
# (minh họa)" in Vietnamese order). The real officials in the articles never carry it.
ILLUSTRATIVE = "(minh họa)"

USERS: tuple[UserSpec, ...] = (
    UserSpec("chqs.q4.canbo", "Trần", "Minh Khoa", "chqs_q4", R.OFFICER),
    UserSpec("chqs.q4.lanhdao", "Phạm", "Đức Thịnh", "chqs_q4", R.LEADER),
    UserSpec("chqs.q4.xem", "Võ", "Thị Thu Trang", "chqs_q4", R.VIEWER),
    UserSpec("btg.q4.canbo", "Nguyễn", "Thị Ngọc Lan", "btg_q4", R.OFFICER),
    UserSpec("chqs.hy.canbo", "Đỗ", "Văn Tuấn", "chqs_hy", R.OFFICER),
    UserSpec("chqs.hy.lanhdao", "Vũ", "Mạnh Cường", "chqs_hy", R.LEADER),
    UserSpec("phunu.hy.canbo", "Đặng", "Thị Hồng Nhung", "pn_hy", R.OFFICER),
    UserSpec("btl.hcm.xem", "Huỳnh", "Thanh Tùng", "btl_hcm", R.VIEWER),
    UserSpec("btg.mongcai.quantri", "Lương", "Thị Mai Anh", "btg_mc", R.ADMIN),
    # The successor bodies of the 2025 reorganisation, at work today (demo/current.py).
    UserSpec("btl.hcm.canbo", "Lê", "Quốc Bảo", "btl_hcm", R.OFFICER),
    UserSpec("btl.hcm.lanhdao", "Ngô", "Văn Hải", "btl_hcm", R.LEADER),
    UserSpec("btgdv.hcm.canbo", "Phan", "Thị Thu Hà", "btgdv_tu_hcm", R.OFFICER),
    UserSpec("btgdv.hcm.lanhdao", "Hoàng", "Minh Tâm", "btgdv_tu_hcm", R.LEADER),
    UserSpec("btgdv.hcm.quantri", "Trương", "Thị Bích Ngọc", "btgdv_tu_hcm", R.ADMIN),
    UserSpec("tu.hcm.lanhdao", "Đinh", "Công Minh", "tu_hcm", R.LEADER),
)


# --- loader -----------------------------------------------------------------------------------


class Passwords:
    """The demo password hashed once for every account created in a run, and each stored hash
    checked once: a password hash costs about a second by design, and there are 16 accounts."""

    def __init__(self) -> None:
        self._hash = ""
        self._checked: dict[str, bool] = {}

    def hashed(self) -> str:
        if not self._hash:
            self._hash = make_password(DEMO_PASSWORD)
            self._checked[self._hash] = True
        return self._hash

    def is_demo(self, user: User) -> bool:
        if user.password not in self._checked:
            self._checked[user.password] = check_password(DEMO_PASSWORD, user.password)
        return self._checked[user.password]


def load_admin(result: DemoResult, passwords: Passwords) -> Any:
    User = get_user_model()
    admin = User.objects.filter(username=ADMIN_USERNAME).first()
    if admin is None:
        admin = User.objects.create(
            username=ADMIN_USERNAME,
            password=passwords.hashed(),
            email="",
            first_name=ADMIN_NAME[1],
            last_name=ADMIN_NAME[0],
            is_staff=True,
            is_superuser=True,
        )
        result.created["users"] += 1
    else:
        if not (admin.is_active and admin.is_staff and admin.is_superuser):
            raise ImproperlyConfigured(
                f"Tài khoản {ADMIN_USERNAME} đã có nhưng không phải quản trị hệ thống."
            )
        if (admin.first_name, admin.last_name) == ("Quản trị", "Hệ thống"):
            # Named before names were shown family name first, which read "Hệ thống Quản trị".
            admin.last_name, admin.first_name = ADMIN_NAME
            admin.save(update_fields=["first_name", "last_name"])
        result.kept["users"] += 1
    return admin


def _commune_code(province_code: int, name: str) -> int:
    for code, commune in communes_of(province_code):
        if commune == name:
            return code
    raise ImproperlyConfigured(f"Không tìm thấy {name} trong danh mục đơn vị hành chính.")


def _organizations(admin: Any, result: DemoResult) -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for spec in ORGANIZATIONS:
        found = Organization.objects.filter(name=clean(spec.name)).order_by("pk").first()
        if found is not None:
            orgs[spec.key] = found
            result.kept["organizations"] += 1
            continue
        fields: dict[str, Any] = {
            "name": spec.name,
            "short_name": spec.short_name,
            "symbol": spec.symbol,
            "kind": spec.kind,
            "level": spec.level,
            "parent": orgs[spec.parent] if spec.parent else None,
            "province_code": spec.province_code,
            "commune_code": (
                _commune_code(spec.province_code, spec.commune)
                if spec.commune and spec.province_code
                else None
            ),
            "locality_text": spec.locality_text,
            "valid_from": spec.valid_from,
            "valid_to": spec.valid_to,
            "notes": " ".join(p for p in (ORG_NOTE, spec.note) if p),
        }
        orgs[spec.key] = organization_create(actor=admin, fields=fields)
        result.created["organizations"] += 1
    return orgs


def _successions(admin: Any, orgs: dict[str, Organization], result: DemoResult) -> None:
    for spec in SUCCESSIONS:
        first = orgs[spec.predecessors[0]]
        found = Succession.objects.filter(
            kind=spec.kind, effective_date=spec.effective_date, predecessors=first
        ).first()
        if found is not None and not found.decision_number and spec.decision_number:
            # Loaded before every succession named its deciding document: add the document.
            found.decided_on = spec.decided_on
            found.decision_number = spec.decision_number
            found.decision_issuer = spec.decision_issuer
            found.decision_title = spec.decision_title
            found.note = ORG_NOTE + " " + spec.note
            found.save()
            result.created["succession_documents"] += 1
            continue
        if found is not None:
            result.kept["successions"] += 1
            continue
        succession_record(
            actor=admin,
            kind=spec.kind,
            effective_date=spec.effective_date,
            predecessors=[orgs[k] for k in spec.predecessors],
            successors=[orgs[k] for k in spec.successors],
            decided_on=spec.decided_on,
            decision_number=spec.decision_number,
            decision_issuer=spec.decision_issuer,
            decision_title=spec.decision_title,
            note=ORG_NOTE + " " + spec.note,
        )
        result.created["successions"] += 1


def _status(spec: AgreementSpec, today: datetime.date) -> str:
    if spec.period is None:
        return spec.status_without_period
    return Agreement.Status.EXPIRED if spec.period[1] < today.year else Agreement.Status.IN_FORCE


def _agreements(
    admin: Any, orgs: dict[str, Organization], today: datetime.date, result: DemoResult
) -> dict[str, Agreement]:
    agreements: dict[str, Agreement] = {}
    for spec in AGREEMENTS:
        found = (
            Agreement.objects.filter(kind=spec.kind, title=clean(spec.title)).order_by("pk").first()
        )
        if found is not None:
            agreements[spec.key] = found
            result.kept["agreements"] += 1
            continue
        purpose = "\n\n".join(
            p for p in (spec.purpose, DATA_NOTE + spec.note if spec.note else "") if p
        )
        party_orgs = [orgs[p.org] for p in spec.parties]
        agreements[spec.key] = agreement_create(
            actor=admin,
            fields={
                "kind": spec.kind,
                "number_symbol": "",  # no article gives one; never invent it
                "title": spec.title,
                "legal_bases": "\n".join(spec.legal_bases),
                "purpose": purpose,
                "period_start": spec.period[0] if spec.period else None,
                "period_end": spec.period[1] if spec.period else None,
                "signed_on": spec.signed_on,
                "status": _status(spec, today),
                "parent": agreements[spec.parent] if spec.parent else None,
            },
            parties=[
                PartyInput(
                    organization=orgs[p.org],
                    role=p.role,
                    name_as_signed=orgs[p.org].name,
                    signatory_name=p.signatory_name,
                    signatory_rank=p.signatory_rank,
                    signatory_position=p.signatory_position,
                )
                for p in spec.parties
            ],
            content_areas=[
                ContentAreaInput(
                    number=number,
                    title=area.title,
                    text=area.text,
                    responsible=[orgs[k] for k in area.responsible] or party_orgs,
                )
                for number, area in enumerate(spec.areas, start=1)
            ],
        )
        result.created["agreements"] += 1
    return agreements


def _events(
    admin: Any,
    orgs: dict[str, Organization],
    agreements: dict[str, Agreement],
    result: DemoResult,
) -> None:
    for spec in EVENTS:
        host = orgs[spec.host]
        if Event.objects.filter(kind=spec.kind, date=spec.date, host=host).exists():
            result.kept["events"] += 1
            continue
        event = Event.objects.create(
            kind=spec.kind,
            title=clean(spec.title),
            date=spec.date,
            time_of_day=spec.time_of_day,
            host=host,
            summary=spec.summary.strip(),
            source=spec.source,
            created_by=admin,
        )
        event.organizations.set([orgs[k] for k in spec.organizations])
        event.agreements.set([agreements[k] for k in spec.agreements])
        for order, a in enumerate(spec.attendees):
            organization = orgs[a.org]
            person = person_for_signatory(
                actor=admin,
                full_name=a.full_name,
                organization=organization,
                rank=a.rank,
                position=a.position,
                on=spec.date,
            )
            Attendee.objects.create(
                event=event,
                person=person,
                full_name=a.full_name,
                rank=a.rank,
                position=a.position,
                organization=organization,
                order=order,
            )
        result.created["events"] += 1


def _users(orgs: dict[str, Organization], result: DemoResult, passwords: Passwords) -> None:
    User = get_user_model()
    for spec in USERS:
        user = User.objects.filter(username=spec.username).first()
        marked = f"{spec.first_name} {ILLUSTRATIVE}"
        if user is None:
            user = User.objects.create(
                username=spec.username,
                password=passwords.hashed(),
                first_name=marked,
                last_name=spec.last_name,
            )
            result.created["users"] += 1
        elif (user.last_name, user.first_name) == (spec.last_name, spec.first_name):
            # Loaded before invented people were marked, and the name left as the demo gave it.
            user.first_name = marked
            user.save(update_fields=["first_name"])
            result.created["illustrative_marks"] += 1
        else:
            result.kept["users"] += 1
        membership, created = Membership.objects.get_or_create(
            user=user, organization=orgs[spec.org], defaults={"role": spec.role}
        )
        (result.created if created else result.kept)["memberships"] += 1
        result.logins.append(
            Login(
                username=spec.username,
                password=DEMO_PASSWORD if passwords.is_demo(user) else "",
                organization=orgs[spec.org].name,
                role=membership.get_role_display(),
            )
        )


def load(
    *, admin: Any, today: datetime.date, result: DemoResult, passwords: Passwords
) -> tuple[dict[str, Organization], dict[str, Agreement]]:
    """The articles' organisations, successions, agreements and conferences, and the demo users."""
    orgs = _organizations(admin, result)
    _successions(admin, orgs, result)
    agreements = _agreements(admin, orgs, today, result)
    _events(admin, orgs, agreements, result)
    _users(orgs, result, passwords)
    return orgs, agreements
