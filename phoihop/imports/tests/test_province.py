"""A whole province's registry and a province program's year plan come in from the templates:
every row created in one confirmation, the tree as written, and the same files again change
nothing. Sizes as at one province (about 800 organisations; a plan of 40 tasks)."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from phoihop.imports.models import ImportBatch
from phoihop.imports.services import import_confirm, import_upload
from phoihop.imports.tests.test_plan import plan, send  # noqa: F401 (the plan fixture)
from phoihop.imports.tests.workbook_files import filled, upload
from phoihop.orgs.models import Organization
from phoihop.vn.text import fold

PROVINCE = "Tỉnh, thành phố"
COMMUNE = "Xã, phường, đặc khu"
# (name, short name, kind) of the province's bodies; the commune's bodies mirror six of them.
PROVINCE_BODIES = [
    ("Tỉnh ủy Hưng Yên", "TU", "Cấp ủy Đảng", ""),
    (
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên",
        "BTGDV",
        "Ban của cấp ủy Đảng",
        "Tỉnh ủy Hưng Yên",
    ),
    ("Ban Nội chính Tỉnh ủy Hưng Yên", "BNC", "Ban của cấp ủy Đảng", "Tỉnh ủy Hưng Yên"),
    ("Bộ Chỉ huy Quân sự tỉnh Hưng Yên", "BCHQS", "Cơ quan quân sự", ""),
    ("Công an tỉnh Hưng Yên", "CA", "Công an", ""),
    ("Ủy ban nhân dân tỉnh Hưng Yên", "UBND", "Ủy ban nhân dân", ""),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên", "MTTQ", "Mặt trận Tổ quốc", ""),
    ("Hội Cựu chiến binh tỉnh Hưng Yên", "CCB", "Hội Cựu chiến binh", ""),
    ("Hội Liên hiệp Phụ nữ tỉnh Hưng Yên", "HLHPN", "Hội Liên hiệp Phụ nữ", ""),
    ("Tỉnh đoàn Hưng Yên", "TĐ", "Đoàn Thanh niên", ""),
    ("Hội Nông dân tỉnh Hưng Yên", "HND", "Hội Nông dân", ""),
]
COMMUNE_BODIES = [
    ("Đảng ủy xã {}", "Cấp ủy Đảng", "Tỉnh ủy Hưng Yên"),
    ("Ban Chỉ huy Quân sự xã {}", "Cơ quan quân sự", "Bộ Chỉ huy Quân sự tỉnh Hưng Yên"),
    ("Hội Cựu chiến binh xã {}", "Hội Cựu chiến binh", "Hội Cựu chiến binh tỉnh Hưng Yên"),
    ("Hội Liên hiệp Phụ nữ xã {}", "Hội Liên hiệp Phụ nữ", "Hội Liên hiệp Phụ nữ tỉnh Hưng Yên"),
    ("Đoàn Thanh niên xã {}", "Đoàn Thanh niên", "Tỉnh đoàn Hưng Yên"),
    ("Hội Nông dân xã {}", "Hội Nông dân", "Hội Nông dân tỉnh Hưng Yên"),
]
SYLLABLES = ["An", "Bình", "Tân", "Phú", "Hòa", "Long", "Thạnh", "Mỹ", "Đông", "Tây", "Nam", "Bắc"]


def province_rows() -> list[list[Any]]:
    communes = [f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b]  # 132 communes
    rows = [
        [name, short, kind, PROVINCE, parent, "01/07/2025", None]
        for name, short, kind, parent in PROVINCE_BODIES
    ]
    for commune in communes:
        for pattern, kind, parent in COMMUNE_BODIES:
            rows.append([pattern.format(commune), "", kind, COMMUNE, parent, "01/07/2025", None])
    # Children before their parents in places, as a file put together by hand may be.
    random.Random(7).shuffle(rows)
    return rows


def test_it_brings_in_a_provinces_registry_in_one_confirmation(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    rows = province_rows()
    assert len(rows) == 11 + 132 * 6
    before = Organization.objects.count()
    batch = import_upload(
        actor=users["staff"], kind="registry", target=None, upload=upload(filled(rows))
    )
    assert batch.status == ImportBatch.Status.CHECKED
    assert batch.counts == {"create": 803, "update": 0, "unchanged": 0, "error": 0}
    assert Organization.objects.count() == before  # the preview saved nothing
    import_confirm(actor=users["staff"], batch=batch)
    assert Organization.objects.count() == before + 803
    commune = Organization.objects.get(name="Ban Chỉ huy Quân sự xã Hòa Bình")
    assert commune.parent is not None and commune.parent.name == "Bộ Chỉ huy Quân sự tỉnh Hưng Yên"
    assert commune.path.startswith(commune.parent.path) and commune.level == "commune"
    board = Organization.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên")
    assert board.parent is not None and board.parent.name == "Tỉnh ủy Hưng Yên"
    assert Organization.objects.filter(path__startswith=board.parent.path).count() == 3 + 132
    # The same file, folded and typed again by hand, finds every row as it is.
    retyped = [[fold(r[0]).title(), *r[1:4], fold(r[4]).upper(), *r[5:]] for r in rows]
    again = import_upload(
        actor=users["staff"], kind="registry", target=None, upload=upload(filled(retyped))
    )
    assert again.counts == {"create": 0, "update": 0, "unchanged": 803, "error": 0}


def test_it_brings_in_a_year_plan_of_forty_tasks(
    users: dict[str, Any],
    plan: Any,  # noqa: F811
) -> None:
    tasks = [
        [
            n,
            f"Nhiệm vụ phối hợp số {n}",
            "1",
            "Ban CHQS Quận 4",
            "BTG Quận ủy Quận 4",
            "01/02/2024",
            "30/11/2024",
        ]
        for n in range(1, 41)
    ]
    indicators = [
        [n, name, unit, target, ""]
        for n in range(1, 41)
        for name, unit, target in (
            ("Số buổi tuyên truyền", "buổi", n),
            ("Số lượt người dự", "lượt người", 100 * n),
        )
    ]
    drafted = plan.tasks.count()  # the plan starts with a task per content area, renamed here
    assert 0 < drafted < 40
    batch = send(users["alice"], plan, tasks, indicators)
    assert batch.counts == {"create": 120 - drafted, "update": drafted, "unchanged": 0, "error": 0}
    import_confirm(actor=users["alice"], batch=batch)
    assert plan.tasks.count() == 40
    task = plan.tasks.get(number=40)
    assert [(i.name, i.target) for i in task.indicators.order_by("name")] == [
        ("Số buổi tuyên truyền", Decimal(40)),
        ("Số lượt người dự", Decimal(4000)),
    ]
    assert send(users["alice"], plan, tasks, indicators).counts["unchanged"] == 120
