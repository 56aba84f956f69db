"""Demo: the District 4 programs flagged for review after the 2025 reorganisation.

Both parties of the 2022-2025 programs (Ban CHQS Quận 4, Ban Tuyên giáo / Ban Dân vận Quận ủy
Quận 4) ended on 30/06/2025, and the period is over: the programs are flagged so that the lead
party's successor reviews them and renews them for the next period ("Gia hạn cho giai đoạn tiếp
theo" on the agreement page then drafts the new program with today's bodies). Nothing else is
changed: the signed programs keep their parties as signed.

Idempotent: an agreement that has ever been flagged (its history says so) is left as it is, so a
flag an editor has cleared is not raised again.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_noop

from phoihop.agreements.models import Agreement
from phoihop.agreements.services import agreement_flag_review, renewal_of
from phoihop.orgs.selectors import current_successors

LABELS = {"review_flags": gettext_noop("văn bản cần rà soát sau sắp xếp tổ chức")}

FLAGGED = ("q4_btg", "q4_bdv")


def load(*, orgs: dict[str, Any], agreements: dict[str, Agreement], result: Any, today: datetime.date) -> None:
    for key in FLAGGED:
        agreement = agreements.get(key)
        if agreement is None or renewal_of(agreement) is not None:
            continue  # renewed already (demo/current.py): nothing left to review
        if Agreement.history.filter(id=agreement.pk, needs_review=True).exists():
            result.kept["review_flags"] += 1
            continue
        changes = []
        for party in agreement.parties.select_related("organization").order_by("order", "id"):
            bodies = current_successors(party.organization)
            if [b.pk for b in bodies] != [party.organization_id]:
                now = ", ".join(b.name for b in bodies) or "không có đơn vị kế thừa"
                changes.append(f"{party.name_as_signed} → {now}")
        if not changes:
            continue
        agreement_flag_review(
            agreement=agreement,
            note=(
                "Sắp xếp tổ chức năm 2025: các bên ký kết kết thúc hoạt động từ 01/07/2025 ("
                + "; ".join(changes)
                + "). Văn bản đã hết giai đoạn; xem xét gia hạn với đơn vị kế thừa. (Dữ liệu mẫu)"
            ),
        )
        result.created["review_flags"] += 1
