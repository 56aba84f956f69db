"""Demo emulation movements, commendations and one signed-off review.

Seed 004 (Hưng Yên, review conference of 06/01/2023) names the movements and campaigns the
parties carried out and the good practices of the Veterans, Farmers, Women and Youth put forward
in their contributions; those become movements and praise (biểu dương) recorded as illustrative
data: the article names no decision, so none is invented. Seeds 001 and 002 name the movements
"Dân vận khéo" and "Đơn vị dân vận tốt" pushed by the HCMC Mass-Mobilisation programs.

Seed 004's review conference of 06/01/2023 is recorded as the signed-off interim review of 2022,
its sections in the article's words (100 % of the 2022 conscription quota) and, where the article
says nothing, saying so. A signed-off 2023 interim review of the Quận 4 program with Ban Tuyên
giáo shows the finished state; its figures come from the demo plans, its narrative from the
drafts the system writes, and it says so. Both are signed by invented leaders, whose names say
"(minh họa)" (see demo/articles.py).

Idempotent: a movement is found by name, a commendation by organisation, movement and reason,
the review by agreement, kind and period.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_noop

from phoihop.demo.base import DemoResult, acting_as
from phoihop.reviews.models import Commendation, Movement, Review
from phoihop.vn.text import clean

LABELS = {
    "movements": gettext_noop("phong trào thi đua"),
    "commendations": gettext_noop("khen thưởng"),
    "reviews": gettext_noop("sơ kết, tổng kết"),
    "contributions": gettext_noop("tham luận"),
}

D = datetime.date
DEMO = "Dữ liệu mẫu minh họa"
HY_NOTE = (
    f"{DEMO}: bài sơ kết ngày 06/01/2023 (seed 004) nêu phong trào, cuộc vận động này trong kết "
    "quả phối hợp năm 2022."
)

# (key, name, organiser key or None, organiser text, start, end, description)
MOVEMENTS: tuple[tuple[str, str, str | None, str, int | None, int | None, str], ...] = (
    (
        "an_ninh",
        "Toàn dân bảo vệ an ninh Tổ quốc",
        None,
        "Bộ Công an",
        None,
        None,
        HY_NOTE,
    ),
    (
        "bo_doi_cu_ho",
        "Phát huy truyền thống, cống hiến tài năng, xứng danh Bộ đội Cụ Hồ",
        "chqs_hy",
        "",
        2022,
        2022,
        HY_NOTE + " Bài viết gọi là cuộc vận động “của LLVT thành phố”; ghi Ban CHQS thành phố "
        "là cơ quan phát động ở địa phương.",
    ),
    (
        "ntm",
        "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        None,
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        None,
        None,
        HY_NOTE,
    ),
    (
        "den_on",
        "Đền ơn đáp nghĩa",
        None,
        "Các cấp, các ngành (cuộc vận động toàn quốc)",
        None,
        None,
        HY_NOTE,
    ),
    (
        "dvk",
        "Dân vận khéo",
        "bdv_tu_hcm",
        "",
        2022,
        2026,
        "Chương trình phối hợp giữa Ban Dân vận Thành ủy với Bộ Tư lệnh TP Hồ Chí Minh (seed 002) "
        "đẩy mạnh phong trào thi đua “Dân vận khéo”. Giai đoạn ghi theo giai đoạn của chương trình.",
    ),
    (
        "dvt",
        "Đơn vị dân vận tốt",
        "bdv_tu_hcm",
        "",
        2022,
        2026,
        "Chương trình phối hợp giữa Ban Dân vận Thành ủy với Bộ Tư lệnh TP Hồ Chí Minh (seed 002) "
        "đẩy mạnh phong trào thi đua “Đơn vị dân vận tốt”. Giai đoạn ghi theo giai đoạn của chương "
        "trình.",
    ),
)

PRAISE_NOTE = (
    f"{DEMO}: bài sơ kết ngày 06/01/2023 nêu các tham luận trình bày “nhiều cách làm hay, sáng tạo, "
    "có hiệu quả của Hội CCB, Hội Nông dân, Hội Phụ nữ, Đoàn thanh niên”; việc ghi thành biểu "
    "dương của Ban CHQS thành phố và cách làm gắn với từng hội là để minh họa. Bài không nêu quyết "
    "định khen thưởng nào nên không ghi số quyết định."
)

# (organisation key, movement key, reason)
PRAISES: tuple[tuple[str, str | None, str], ...] = (
    ("ccb_hy", "bo_doi_cu_ho", "Cách làm hay trong giáo dục truyền thống cách mạng cho thế hệ trẻ"),
    ("nd_hy", "ntm", "Cách làm hay trong phong trào xây dựng nông thôn mới"),
    (
        "pn_hy",
        None,
        "Cách làm hay trong tuyên truyền, vận động thanh niên và gia đình có thanh niên trong diện "
        "nhập ngũ chấp hành pháp luật về nghĩa vụ quân sự",
    ),
    (
        "dtn_hy",
        "bo_doi_cu_ho",
        "Cách làm hay trong tuyên truyền, giáo dục đoàn viên thanh niên thực hiện nghiêm Luật Nghĩa "
        "vụ quân sự",
    ),
)

Q4_OFFICER, Q4_LEADER, Q4_BTG = "chqs.q4.canbo", "chqs.q4.lanhdao", "btg.q4.canbo"


def _movements(orgs: dict[str, Any], admin: Any, result: DemoResult) -> dict[str, Movement]:
    found: dict[str, Movement] = {}
    for key, name, organizer, organizer_text, start, end, description in MOVEMENTS:
        movement = Movement.objects.filter(name=clean(name)).order_by("pk").first()
        if movement is not None:
            result.kept["movements"] += 1
        else:
            movement = Movement.objects.create(
                name=clean(name),
                organizer=orgs.get(organizer) if organizer else None,
                organizer_text=organizer_text,
                start_year=start,
                end_year=end,
                description=description,
                created_by=admin,
            )
            result.created["movements"] += 1
        found[key] = movement
    return found


def _praises(orgs: dict[str, Any], movements: dict[str, Movement], admin: Any, result: DemoResult) -> None:
    for org_key, movement_key, reason in PRAISES:
        org = orgs[org_key]
        if Commendation.objects.filter(organization=org, reason=reason).exists():
            result.kept["commendations"] += 1
            continue
        Commendation.objects.create(
            awardee_kind=Commendation.AwardeeKind.COLLECTIVE,
            organization=org,
            form=Commendation.Form.PRAISE,
            authority=orgs["chqs_hy"].name,
            reason=reason,
            movement=movements[movement_key] if movement_key else None,
            year=2023,
            status=Commendation.Status.DECIDED,
            decision_date=D(2023, 1, 6),
            note=PRAISE_NOTE,
            proposed_by=admin,
            decided_by=admin,
        )
        result.created["commendations"] += 1


def _q4_review(orgs: dict[str, Any], agreements: dict[str, Any], result: DemoResult) -> None:
    from phoihop.reviews import services
    from phoihop.reviews.drafts import narrative_drafts
    from phoihop.reviews.selectors import review_figures

    agreement = agreements["q4_btg"]
    if Review.objects.filter(agreement=agreement, kind=Review.Kind.INTERIM, period_start=D(2023, 1, 1)).exists():
        result.kept["reviews"] += 1
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[Q4_OFFICER, Q4_LEADER, Q4_BTG])}
    if len(users) < 3:
        return
    officer, leader, btg = users[Q4_OFFICER], users[Q4_LEADER], users[Q4_BTG]
    with acting_as(officer):
        review = services.review_create(
            actor=officer,
            agreement=agreement,
            kind=Review.Kind.INTERIM,
            period_start=D(2023, 1, 1),
            period_end=D(2023, 12, 31),
        )
        drafts = narrative_drafts(review, review_figures(review, today=D(2024, 1, 10)))
        # Written as the lead party would (the record leaves these to people); a line that starts
        # with the demo's marker is a note and never prints, so the prose stands on its own.
        drafts["causes"] = (
            "Các bên duy trì giao ban định kỳ và trao đổi thông tin kịp thời; một số đơn vị chưa bố "
            "trí đủ cán bộ theo dõi, cập nhật kết quả hoạt động."
        )
        drafts["lessons"] = (
            "Duy trì giao ban, trao đổi thông tin thường xuyên giữa hai cơ quan; phân công rõ cơ "
            f"quan chủ trì từng nội dung.\n{DEMO}."
        )
        # Sign-off needs every section written: what the figures leave empty is written here.
        drafts["shortcomings"] = drafts["shortcomings"] or (
            "Việc trao đổi thông tin giữa hai cơ quan có lúc chưa kịp thời; một số hoạt động chưa ghi số người tham gia."
        )
        drafts["proposals"] = drafts["proposals"] or (
            "Đề nghị Chỉ huy trưởng Ban CHQS Quận 4 khen thưởng tập thể có thành tích trong phối hợp năm 2023."
        )
        services.review_update(
            actor=officer,
            review=review,
            fields={
                **drafts,
                "report_date": D(2024, 1, 10),
                "signer_position": "Chỉ huy trưởng",
            },
        )
        services.contribution_save(
            actor=officer,
            review=review,
            organization=orgs["chqs_q4"],
            title="Phối hợp tuyên truyền về quân sự, quốc phòng năm 2023",
            body=f"{DEMO}: tham luận của Ban CHQS Quận 4 về kết quả phối hợp tuyên truyền năm 2023.",
        )
        result.created["contributions"] += 1
        services.commendation_propose(
            actor=officer,
            review=review,
            fields={
                "organization": orgs["btg_q4"],
                "form": Commendation.Form.CERTIFICATE,
                "authority": "Chỉ huy trưởng Ban CHQS Quận 4",
                "reason": f"Phối hợp tốt trong tuyên truyền về quân sự, quốc phòng năm 2023 ({DEMO}).",
            },
        )
        result.created["commendations"] += 1
    with acting_as(btg):
        services.contribution_save(
            actor=btg,
            review=review,
            organization=orgs["btg_q4"],
            title="Định hướng tư tưởng, tuyên truyền trên trang thông tin điện tử của quận",
            body=f"{DEMO}: tham luận của Ban Tuyên giáo Quận ủy Quận 4.",
        )
        result.created["contributions"] += 1
    with acting_as(leader):
        services.review_sign_off(
            actor=leader,
            review=review,
            on=datetime.datetime(2024, 1, 12, 9, 0, tzinfo=timezone.get_current_timezone()),
        )
    result.created["reviews"] += 1


HY_OFFICER, HY_LEADER = "chqs.hy.canbo", "chqs.hy.lanhdao"
NOT_IN_ARTICLE = "Bài báo đưa tin hội nghị ngày 06/01/2023 không nêu phần này."
HY_SECTIONS = {
    "situation": "Năm 2022, hoạt động phối hợp được triển khai, tổ chức thực hiện đảm bảo các nội dung "
    "chương trình đã ký kết.",
    "results": "Hoạt động phối hợp góp phần hoàn thành 100% chỉ tiêu giao quân năm 2022.",
    "strengths": "Phát biểu tham luận tại Hội nghị, các đại biểu đã nêu lên nhiều cách làm hay, sáng tạo, "
    "có hiệu quả của Hội CCB, Hội Nông dân, Hội Phụ nữ, Đoàn thanh niên trong thực hiện chương trình "
    "phối hợp.",
    "shortcomings": NOT_IN_ARTICLE,
    "causes": NOT_IN_ARTICLE,
    "lessons": NOT_IN_ARTICLE,
    "directions": "Năm 2023 tập trung phối hợp tuyên truyền các ngày Lễ, kỷ niệm, các sự kiện chính trị quan "
    "trọng; thực hiện tốt công tác chính sách hậu phương quân đội, các hoạt động đền ơn đáp nghĩa, nhân "
    "đạo từ thiện.",
    "proposals": NOT_IN_ARTICLE,
}


def _hy_review(agreements: dict[str, Any], orgs: dict[str, Any], result: DemoResult) -> None:
    """The one real review in the articles: Ban CHQS thành phố Hưng Yên's review of 2022, held on
    06/01/2023 (seed 004), linked to its conference."""
    from phoihop.events.models import Event
    from phoihop.reviews import services

    agreement = agreements.get("hy_2022")
    if agreement is None:
        return
    if Review.objects.filter(agreement=agreement, kind=Review.Kind.INTERIM, period_start=D(2022, 1, 1)).exists():
        result.kept["reviews"] += 1
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[HY_OFFICER, HY_LEADER])}
    if len(users) < 2:
        return
    conference = Event.objects.filter(
        kind=Event.Kind.INTERIM_REVIEW, date=D(2023, 1, 6), host=orgs["chqs_hy"]
    ).first()
    officer, leader = users[HY_OFFICER], users[HY_LEADER]
    with acting_as(officer):
        review = services.review_create(
            actor=officer, agreement=agreement, kind=Review.Kind.INTERIM,
            period_start=D(2022, 1, 1), period_end=D(2022, 12, 31), event=conference,
        )
        services.review_update(
            actor=officer,
            review=review,
            fields={
                **HY_SECTIONS,
                "report_date": D(2023, 1, 6),
                "signer_position": "Chỉ huy trưởng",
            },
        )
    with acting_as(leader):
        services.review_sign_off(
            actor=leader, review=review,
            on=datetime.datetime(2023, 1, 6, 17, 0, tzinfo=timezone.get_current_timezone()),
        )
    result.created["reviews"] += 1


def load(*, orgs: dict[str, Any], agreements: dict[str, Any], result: DemoResult, today: datetime.date) -> None:
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    with acting_as(admin):
        movements = _movements(orgs, admin, result)
        _praises(orgs, movements, admin, result)
    _hy_review(agreements, orgs, result)
    _q4_review(orgs, agreements, result)
