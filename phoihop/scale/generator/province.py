"""One province's records, phase by phase: organisations and people, users, agreements, plans and
tasks, activities, periodic reports, inspections, reviews and commendations, notifications and the
audit trail.

Rows are queued on a ``Writer`` that writes them in batches; what later phases need is kept in
small per-province structures (organisations, agreements, tasks), never the activities, so memory
stays bounded by one province whatever the number of provinces."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from phoihop.activities.models import Activity, IndicatorValue
from phoihop.agreements.models import Agreement, ContentArea, Party
from phoihop.audit.models import AuditEvent
from phoihop.events.models import Attendee, Event
from phoihop.exchange.models import (
    FollowUp,
    Inspection,
    PeriodicReport,
    Recommendation,
    ReportingSchedule,
    ReportRead,
)
from phoihop.exchange.periods import label_for, periods_overlapping
from phoihop.notifications.models import Notification
from phoihop.orgs.localities import communes_of, provinces
from phoihop.orgs.models import Membership, Organization, Person, PersonTitle, Succession
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.reviews.models import Commendation, Contribution, Movement, Review
from phoihop.scale.generator import vocab
from phoihop.scale.generator.vocab import Area, Body
from phoihop.scale.generator.writer import Writer, search_text
from phoihop.vn.collation import filing_name

D = datetime.date
DAY = datetime.timedelta(days=1)
REFORM = D(2025, 7, 1)  # two-level local government (NQ 203/2025/QH15)
DISTRICT_END = D(2025, 6, 30)
POLICE_END = D(2025, 2, 28)  # district police ended on 01/03/2025
BOARDS_MERGED = D(2025, 3, 1)  # the Party's propaganda and mass-mobilisation boards merged
L = Organization.Level
AS = Activity.Status
KIND_CODES = {"program": "CTr", "regulation": "QC", "plan": "KH"}
COMMUNES_PER_DISTRICT = 12


@dataclass(eq=False)
class Org:
    id: int
    body: Body
    name: str
    short: str
    level: str
    place: str  # "xã Mỹ Hòa Hưng", "tỉnh An Giang"
    commune_code: int | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    head_id: int = 0
    head_name: str = ""
    head_rank: str = ""
    head_position: str = ""
    officer: int | None = None
    leader: int | None = None
    leader_name: str = ""
    group: int = -1  # index of the district it belonged to (communes and district bodies)


@dataclass(eq=False)
class Agr:
    id: int
    kind: str
    lead: Org
    parties: list[Org]
    period: tuple[int, int]
    signed_on: datetime.date | None
    status: str
    title: str
    areas: list[tuple[int, Area]] = field(default_factory=list)
    rhythm: str | None = None
    reporters: list[Org] = field(default_factory=list)

    @property
    def active_until(self) -> datetime.date:
        """The last day the parties could act under it (a party's end cuts it short)."""
        end = D(self.period[1], 12, 31)
        for org in self.parties:
            if org.valid_to is not None and org.valid_to < end:
                end = org.valid_to
        return end


@dataclass(eq=False)
class TaskRow:
    id: int
    year: int
    agr: Agr
    lead: Org
    supporting: list[Org]
    start: datetime.date
    due: datetime.date
    area: Area
    indicators: list[tuple[int, str, int]]  # (id, aggregation, target)


def _at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_default_timezone())


def _place_name(province: str) -> tuple[str, str, bool]:
    """(short name, locality phrase, is a city) of a province: ("Hà Nội", "thành phố Hà Nội", True)."""
    if province.startswith("Thành phố "):
        short = province.removeprefix("Thành phố ")
        return short, f"thành phố {short}", True
    return province, f"tỉnh {province}", False


def _commune_phrase(name: str) -> str:
    """ "Xã Mỹ Hòa Hưng" -> "xã Mỹ Hòa Hưng" (the kind in lower case inside a body's name)."""
    for kind in ("Xã ", "Phường ", "Đặc khu "):
        if name.startswith(kind):
            return kind.lower() + name[len(kind):]
    return name


class ProvinceBuilder:
    """Builds one province. Phases run in order; each is one transaction in the caller."""

    def __init__(
        self, *, writer: Writer, seed: int, index: int, province_code: int, units: int | None,
        today: datetime.date, password_hash: str,
    ) -> None:
        self.w = writer
        self.seed = seed
        self.index = index
        self.code = province_code
        self.today = today
        self.password_hash = password_hash
        self.province = provinces()[province_code]
        self.short, self.locality, self.is_city = _place_name(self.province)
        all_communes = communes_of(province_code)
        self.communes = all_communes[:units] if units is not None else all_communes
        self.district_count = max(1, -(-len(self.communes) // COMMUNES_PER_DISTRICT))
        self.orgs: list[Org] = []
        self.province_orgs: dict[str, Org] = {}
        self.district_orgs: list[dict[str, Org]] = []
        self.commune_orgs: list[dict[str, Org]] = []
        self.agreements: list[Agr] = []
        self.tasks: list[TaskRow] = []
        self.submitted: list[tuple[int, Org, str]] = []  # (activity id, org, title) awaiting approval
        self.returned: list[tuple[int, Org, str]] = []
        self.reviews_of: dict[int, list[int]] = {}
        self.bench: dict[str, int] = {}
        self.user_ids: list[tuple[int, Org, str]] = []  # (user id, org, username)

    def rng(self, phase: str) -> random.Random:
        # One stream per (seed, province, phase): a phase's data does not shift when another changes.
        return random.Random(f"{self.seed}:{self.index}:{phase}")  # noqa: S311 - test data, not secrets

    # --- organisations ------------------------------------------------------------------------

    def phase_orgs(self) -> int:
        rng = self.rng("orgs")
        committee = "Thành ủy" if self.is_city else "Tỉnh ủy"
        youth = "Thành đoàn" if self.is_city else "Tỉnh đoàn"
        for body in vocab.PROVINCE_BODIES:
            valid_from = valid_to = None
            if body.key in ("btg", "bdv"):
                valid_to = BOARDS_MERGED - DAY
            elif body.key == "btgdv":
                valid_from = BOARDS_MERGED
            fmt = {"committee": committee, "short": self.short, "loc": self.locality, "youth": youth}
            name = body.name.format(**fmt)
            if body.key == "bchqs" and self.short in ("Hà Nội", "Hồ Chí Minh"):
                name = f"Bộ Tư lệnh {'Thủ đô' if self.short == 'Hà Nội' else 'Thành phố'} {self.short}"
            org = self._org(rng, body, name, body.short.format(**fmt), L.PROVINCE, self.locality,
                            parent=self.province_orgs.get(body.parent), valid_from=valid_from, valid_to=valid_to)
            self.province_orgs[body.key] = org
        self.w.progress.advance()
        # Districts: each groups the communes that took over its territory.
        for d in range(self.district_count):
            first = self.communes[d * COMMUNES_PER_DISTRICT][1] if self.communes else f"Số {d + 1}"
            base = first.split(" ", 1)[1] if " " in first else first
            town = d == 0 and not self.is_city
            dname = f"{'thị xã' if town else 'huyện'} {base}" if not self.is_city else f"quận {base}"
            dcommittee = "Thị ủy" if town else ("Quận ủy" if self.is_city else "Huyện ủy")
            dyouth = "Thị đoàn" if town else ("Quận đoàn" if self.is_city else "Huyện đoàn")
            fmt = {"dcommittee": dcommittee, "short": base, "loc": dname, "dyouth": dyouth}
            group: dict[str, Org] = {}
            for body in vocab.DISTRICT_BODIES:
                parent = group.get(body.parent) or self.province_orgs[body.parent]
                end = POLICE_END if body.key == "ca" else DISTRICT_END
                org = self._org(rng, body, body.name.format(**fmt), body.short.format(**fmt), L.DISTRICT,
                                dname, parent=parent, valid_to=end, group=d,
                                locality_text=f"{dname[:1].upper()}{dname[1:]}, {self.province}")
                group[body.key] = org
            self.district_orgs.append(group)
        self.w.progress.advance()
        for c, (code, cname) in enumerate(self.communes):
            loc = _commune_phrase(cname)
            group = {}
            for body in vocab.COMMUNE_BODIES:
                group[body.key] = self._org(
                    rng, body, body.name.format(loc=loc), body.short.format(loc=loc), L.COMMUNE, loc,
                    parent=self.province_orgs[body.parent], commune_code=code,
                    group=c // COMMUNES_PER_DISTRICT,
                )
            self.commune_orgs.append(group)
            self.w.progress.advance()
        self._successions()
        return len(self.orgs)

    def _org(
        self, rng: random.Random, body: Body, name: str, short: str, level: str, place: str, *,
        parent: Org | None, valid_from: datetime.date | None = None, valid_to: datetime.date | None = None,
        commune_code: int | None = None, group: int = -1, locality_text: str = "",
    ) -> Org:
        oid = self.w.next_id(Organization)
        org = Org(oid, body, name, short, level, place, commune_code, valid_from, valid_to, group=group)
        self.w.row(
            Organization, id=oid, name=name, sort_name=filing_name(name), short_name=short, symbol=body.symbol, kind=body.kind, level=level,
            parent_id=parent.id if parent else None,
            province_code=self.code if level != L.DISTRICT else None, commune_code=commune_code,
            locality_text=locality_text, valid_from=valid_from, valid_to=valid_to,
            notes="Dữ liệu tạo tự động để thử tải (quy mô tỉnh).",
            created_at=_at(D(2020, 1, 2)), search_text=search_text(name, short, body.symbol),
        )
        # The head and a deputy, with the title each holds.
        for n, position in enumerate((body.head, body.deputy)):
            woman = body.kind == Organization.Kind.WOMEN or rng.random() < 0.25
            full = self._person_name(rng, woman=woman)
            rank = body.ranks[n] if body.ranks else ""
            title = f"{position} {short}" if level != L.PROVINCE or body.key != "tu" else f"{position} {name}"
            pid = self.w.row(
                Person, full_name=full, organization_id=oid, rank=rank, position=title,
                created_at=_at(D(2020, 1, 2)), search_text=search_text(full, title),
            )
            self.w.row(PersonTitle, person_id=pid, organization_id=oid, rank=rank, position=title,
                       valid_from=valid_from or D(2020, 1, 1))
            if n == 0:
                org.head_id, org.head_name, org.head_rank, org.head_position = pid, full, rank, title
        self.orgs.append(org)
        return org

    def _person_name(self, rng: random.Random, *, woman: bool) -> str:
        middle = rng.choice(vocab.MIDDLE_WOMEN if woman else vocab.MIDDLE_MEN)
        given = rng.choice(vocab.GIVEN_WOMEN if woman else vocab.GIVEN_MEN)
        return f"{rng.choice(vocab.SURNAMES)} {middle} {given}"

    def _successions(self) -> None:
        p = self.province_orgs
        self._succession(Succession.Kind.MERGE, BOARDS_MERGED, [p["btg"], p["bdv"]], [p["btgdv"]],
                         "Hợp nhất Ban Tuyên giáo và Ban Dân vận thành Ban Tuyên giáo và Dân vận.", "")
        for d, group in enumerate(self.district_orgs):
            communes = [c["du"] for c in self.commune_orgs[d * COMMUNES_PER_DISTRICT:(d + 1) * COMMUNES_PER_DISTRICT]]
            hd31 = "31-HD/BTCTW"
            self._succession(Succession.Kind.DISSOLVE, REFORM, [group["hu"]], communes,
                             "Cấp ủy cấp huyện kết thúc hoạt động; các Đảng ủy xã, phường tiếp nhận địa bàn.", hd31)
            self._succession(Succession.Kind.DISSOLVE, REFORM, [group["btg"], group["bdv"]], [p["btgdv"]],
                             "Kết thúc cùng cấp ủy cấp huyện.", hd31)
            self._succession(Succession.Kind.DISSOLVE, REFORM, [group["chqs"]], [p["bchqs"]],
                             "Giải thể Ban CHQS cấp huyện.", "2786/QĐ-BQP")
            self._succession(Succession.Kind.DISSOLVE, BOARDS_MERGED, [group["ca"]], [p["ca"]],
                             "Không tổ chức Công an cấp huyện.", "")
            for key in ("mttq", "ccb", "pn", "dtn", "nd"):
                self._succession(Succession.Kind.DISSOLVE, REFORM, [group[key]], [p[key]],
                                 "Tổ chức cấp huyện kết thúc hoạt động khi bỏ cấp huyện.", hd31)

    def _succession(self, kind: str, when: datetime.date, before: list[Org], after: list[Org], note: str,
                    number: str) -> None:
        sid = self.w.row(Succession, kind=kind, effective_date=when, decided_on=when - 20 * DAY,
                         decision_number=number, note=note, created_at=_at(when))
        for org in before:
            self.w.link(Succession.predecessors.through, succession_id=sid, organization_id=org.id)
        for org in after:
            self.w.link(Succession.successors.through, succession_id=sid, organization_id=org.id)

    # --- users --------------------------------------------------------------------------------

    def phase_users(self) -> int:
        rng = self.rng("users")
        User = get_user_model()
        joined = _at(D(2023, 1, 3))
        for n, org in enumerate(self.orgs):
            for role, suffix in ((Membership.Role.OFFICER, "canbo"), (Membership.Role.LEADER, "lanhdao")):
                woman = rng.random() < 0.4
                last = rng.choice(vocab.SURNAMES)
                first = self._person_name(rng, woman=woman).split(" ", 1)[1]
                username = f"p{self.index + 1:02d}.u{n + 1:04d}.{suffix}"
                uid = self._user(User, username, first, last, joined)
                self.w.row(Membership, user_id=uid, organization_id=org.id, role=role)
                self.user_ids.append((uid, org, username))
                if role == Membership.Role.OFFICER:
                    org.officer = uid
                else:
                    org.leader, org.leader_name = uid, username
            self.w.progress.advance()
        if self.index == 0:
            self._bench_users(User, joined)
        return len(self.user_ids)

    def _user(self, User: Any, username: str, first: str, last: str, joined: datetime.datetime, *,
              staff: bool = False) -> int:
        return self.w.row(
            User, username=username, password=self.password_hash, first_name=first, last_name=last,
            email="", is_active=True, is_staff=staff, is_superuser=staff, date_joined=joined,
        )

    def _bench_users(self, User: Any, joined: datetime.datetime) -> None:
        """The benchmark's three users, in the first province."""
        unit = self.commune_orgs[0]["chqs"] if self.commune_orgs else self.province_orgs["bchqs"]
        officer = self._user(User, "bench_officer", "Cán bộ", "Đơn vị", joined)
        self.w.row(Membership, user_id=officer, organization_id=unit.id, role=Membership.Role.OFFICER)
        root = self.province_orgs["tu"]
        leader = self._user(User, "bench_leader", "Lãnh đạo", "Tỉnh", joined)
        self.w.row(Membership, user_id=leader, organization_id=root.id, role=Membership.Role.LEADER)
        # No membership: a system administrator sees everything through staff rights.
        admin = self._user(User, "bench_admin", "Quản trị", "Hệ thống", joined, staff=True)
        # The administrator of one body, whose members and audit log the benchmark opens.
        orgadmin = self._user(User, "bench_orgadmin", "Quản trị", "Đơn vị", joined)
        self.w.row(Membership, user_id=orgadmin, organization_id=unit.id, role=Membership.Role.ADMIN)
        self.bench = {"officer": officer, "leader": leader, "admin": admin, "unit": unit.id, "root": root.id}

    # --- agreements ---------------------------------------------------------------------------

    def phase_agreements(self) -> int:
        rng = self.rng("agreements")
        p = self.province_orgs
        counter = {"n": 0}
        # Province: the boards' programs 2021–2025 (24), renewed by the merged board for 2025–2030.
        province_old: list[Agr] = []
        signed = D(2021, 3, 15)
        for board in ("btg", "bdv"):
            for partner in vocab.PROVINCE_BOARD_PARTNERS:
                province_old.append(self._agreement(rng, "program", p[board], [p[partner]], (2021, 2025), signed,
                                                    counter, superseded=board == "btg"))
        self._event(rng, Event.Kind.SIGNING, signed, p["btg"], province_old,
                    f"Hội nghị ký kết chương trình phối hợp giai đoạn 2021-2025 giữa Ban Tuyên giáo, Ban Dân "
                    f"vận {p['tu'].short} với các cơ quan, đoàn thể {self.locality}")
        renewed_on = D(2025, 9, 12)
        renewals: list[Agr] = []
        for old in province_old[: len(vocab.PROVINCE_BOARD_PARTNERS)]:
            new = self._agreement(rng, "program", p["btgdv"], old.parties[1:], (2025, 2030), renewed_on, counter,
                                  renews=old)
            renewals.append(new)
        self._event(rng, Event.Kind.SIGNING, renewed_on, p["btgdv"], renewals,
                    f"Hội nghị ký kết chương trình phối hợp giai đoạn 2025-2030 giữa Ban Tuyên giáo và Dân vận "
                    f"{p['tu'].short} với các cơ quan, đoàn thể {self.locality}")
        military: list[Agr] = []
        for partners in vocab.PROVINCE_MILITARY_PARTNERS:
            period = rng.choice(((2022, 2026), (2023, 2027), (2024, 2028), (2025, 2030)))
            military.append(self._agreement(rng, rng.choice(("program", "regulation")), p["bchqs"],
                                            [p[k] for k in partners], period, D(period[0], 3, 20), counter))
        self.w.progress.advance()
        # Districts: 2022–2025 programs, ended with the district level.
        for group in self.district_orgs:
            batch = []
            signed = D(2022, rng.randint(8, 10), rng.randint(1, 28))
            for kind, lead, coop in vocab.DISTRICT_AGREEMENTS:
                start = rng.choice((2021, 2022))
                batch.append(self._agreement(rng, kind, group[lead], [group[k] for k in coop], (start, 2025),
                                             signed, counter))
            self._event(rng, Event.Kind.SIGNING, signed, group["chqs"], batch,
                        f"Hội nghị ký kết chương trình, quy chế phối hợp {group['chqs'].place}")
        self.w.progress.advance()
        # Communes: each pair and group of bodies for an earlier period, renewed for 2025–2030, and
        # joint plans year by year.
        for group in self.commune_orgs:
            old_signed = D(rng.choice((2020, 2021, 2022)), rng.randint(2, 11), rng.randint(1, 28))
            new_signed = D(2025, rng.randint(8, 11), rng.randint(1, 28))
            olds, news = [], []
            for kind, lead, coop in vocab.COMMUNE_AGREEMENTS:
                # Parties at one ceremony may sign different periods.
                old_start = old_signed.year if rng.random() < 0.7 else old_signed.year + 1
                renewed = rng.random() < 0.93
                draft = renewed and rng.random() < 0.04
                old = self._agreement(rng, kind, group[lead], [group[k] for k in coop],
                                      (min(old_start, 2025), 2025), old_signed, counter,
                                      superseded=renewed and not draft)
                olds.append(old)
                if renewed:
                    news.append(self._agreement(
                        rng, kind, group[lead], [group[k] for k in coop], (2025, 2030),
                        None if draft else new_signed, counter, renews=None if draft else old, draft=draft,
                    ))
            self._event(rng, Event.Kind.SIGNING, old_signed, group["du"], olds,
                        f"Hội nghị ký kết chương trình, quy chế phối hợp {group['du'].place} giai đoạn "
                        f"{old_signed.year}-2025")
            self._event(rng, Event.Kind.SIGNING, new_signed, group["du"], [a for a in news if a.signed_on],
                        f"Hội nghị ký kết chương trình, quy chế phối hợp {group['du'].place} giai đoạn 2025-2030")
            for year in range(2024, self.today.year + 2):
                lead, coop = vocab.COMMUNE_YEARLY[(year + len(olds)) % len(vocab.COMMUNE_YEARLY)]
                draft = year > self.today.year
                self._agreement(rng, "plan", group[lead], [group[k] for k in coop], (year, year),
                                None if draft else D(year - 1, 12, rng.randint(10, 28)) if year > 2024 else D(2024, 1, 15),
                                counter, draft=draft)
            # Joint events in the coming weeks: the calendar around the reference date has items.
            for k in range(2):
                day = self.today + rng.randint(-20, 45) * DAY
                self._event(rng, rng.choice((Event.Kind.JOINT_ACTIVITY, Event.Kind.TRAINING)), day, group["chqs"],
                            news[:2], f"{rng.choice(vocab.AREAS[k * 3].activities)} {group['chqs'].place}")
            self.w.progress.advance()
        return len(self.agreements)

    def _agreement(
        self, rng: random.Random, kind: str, lead: Org, coop: list[Org], period: tuple[int, int],
        signed_on: datetime.date | None, counter: dict[str, int], *, renews: Agr | None = None, draft: bool = False,
        superseded: bool = False,
    ) -> Agr:
        counter["n"] += 1
        parties = [lead, *coop]
        end = D(period[1], 12, 31)
        if draft:
            status = Agreement.Status.DRAFT
        elif superseded:
            status = Agreement.Status.SUPERSEDED
        elif end < self.today or any(o.valid_to and o.valid_to < self.today for o in parties):
            status = Agreement.Status.EXPIRED
        else:
            status = Agreement.Status.IN_FORCE
        label = dict(Agreement.Kind.choices)[kind]
        names = " và ".join([lead.name, ", ".join(o.name for o in coop)]) if len(coop) < 4 else (
            f"{lead.name} với các cơ quan, đoàn thể {lead.place}"
        )
        span = f"năm {period[0]}" if period[0] == period[1] else f"giai đoạn {period[0]}-{period[1]}"
        title = f"{label} giữa {names} {span}"[:500]
        symbols = "-".join(o.body.symbol for o in parties[:3])
        number = "" if draft else f"{counter['n'] % 97 + 1:02d}/{KIND_CODES[kind]}-{symbols}"
        bases = [b.format(province=self.province) for b in rng.sample(vocab.LEGAL_BASES[:6], 2)]
        bases.append(vocab.LEGAL_BASES[6 if period[0] < 2025 else 7].format(province=self.province))
        aid = self.w.next_id(Agreement)
        areas = rng.sample(vocab.AREAS, rng.randint(3, 8))
        agr = Agr(aid, kind, lead, parties, period, signed_on, status, title)
        legal = "\n".join(bases)
        self.w.row(
            Agreement, id=aid, kind=kind, number_symbol=number, title=title, legal_bases=legal,
            purpose="Nâng cao hiệu quả phối hợp giữa các bên trong thực hiện nhiệm vụ chính trị, quốc phòng, "
            "an ninh và công tác dân vận trên địa bàn.",
            period_start=period[0], period_end=period[1], signed_on=signed_on, status=status,
            reporting="Báo cáo 6 tháng, năm" if kind != "plan" else "Báo cáo kết quả khi kết thúc năm",
            renews_id=renews.id if renews else None, created_by_id=lead.officer,
            created_at=_at(signed_on or D(period[0], 1, 5)), search_text=search_text(title, number, legal),
        )
        for order, org in enumerate(parties):
            self.w.row(
                Party, agreement_id=aid, organization_id=org.id, role="lead" if org is lead else "cooperating",
                name_as_signed=org.name, signatory_id=org.head_id if signed_on else None,
                signatory_name=org.head_name if signed_on else "", signatory_rank=org.head_rank if signed_on else "",
                signatory_position=org.head_position if signed_on else "", signed_on=signed_on, order=order,
            )
        for number_, area in enumerate(areas, start=1):
            cid = self.w.row(ContentArea, agreement_id=aid, number=number_, title=area.title, text=area.text)
            agr.areas.append((cid, area))
            responsible = parties if rng.random() < 0.6 else [lead, rng.choice(coop)]
            for org in responsible:
                self.w.link(ContentArea.responsible.through, contentarea_id=cid, organization_id=org.id)
        # An indicator over the whole period on the first content area.
        first_id, first = agr.areas[0]
        if first.indicators and kind != "plan":
            name, unit, lo, hi, agg = first.indicators[0]
            years = period[1] - period[0] + 1
            self.w.row(Indicator, content_area_id=first_id, name=name, unit=unit,
                       target=Decimal(hi if agg != "sum" else hi * years), aggregation=agg, order=0,
                       created_at=_at(signed_on or D(period[0], 1, 5)))
        # Reporting: most signed programs and regulations fix a rhythm.
        if kind != "plan" and not draft and rng.random() < 0.75:
            long = period[1] - period[0] >= 3 and period[0] < 2025
            agr.rhythm = "yearly" if long else rng.choice(("half_yearly", "half_yearly", "quarterly"))
            agr.reporters = parties if len(parties) <= 3 else [lead]
            sid = self.w.row(ReportingSchedule, agreement_id=aid, rhythm=agr.rhythm, due_days=rng.choice((10, 15)))
            if len(parties) > 3:
                self.w.link(ReportingSchedule.reporters.through, reportingschedule_id=sid, organization_id=lead.id)
        self.agreements.append(agr)
        return agr

    def _event(self, rng: random.Random, kind: str, day: datetime.date, host: Org, agreements: list[Agr],
               title: str) -> int:
        place = f"{rng.choice(vocab.PLACES)} {host.place}"
        eid = self.w.row(
            Event, kind=kind, title=title[:500], date=day, time_of_day=rng.choice(("Sáng", "Chiều")), place=place,
            host_id=host.id, summary="", created_by_id=host.officer, created_at=_at(day),
            search_text=search_text(title[:500], place),
        )
        seen = {host.id}
        for agr in agreements:
            self.w.link(Event.agreements.through, event_id=eid, agreement_id=agr.id)
            for org in agr.parties:
                if org.id not in seen:
                    seen.add(org.id)
                    self.w.link(Event.organizations.through, event_id=eid, organization_id=org.id)
        if kind in (Event.Kind.SIGNING, Event.Kind.FINAL_REVIEW):
            self.w.row(Attendee, event_id=eid, person_id=host.head_id, full_name=host.head_name, rank=host.head_rank,
                       position=host.head_position, organization_id=host.id, order=0)
        return eid

    # --- plans and tasks ----------------------------------------------------------------------

    def phase_plans(self) -> int:
        rng = self.rng("plans")
        for agr in self.agreements:
            for year in self._plan_years(rng, agr):
                self._plan(rng, agr, year)
            self.w.progress.advance()
        return len(self.tasks)

    def _plan_years(self, rng: random.Random, agr: Agr) -> list[int]:
        if agr.status == Agreement.Status.DRAFT:
            return [agr.period[0]] if rng.random() < 0.5 else []
        first = max(agr.period[0], 2023, agr.signed_on.year if agr.signed_on else 0)
        if agr.period[0] >= 2025 and agr.period[0] != agr.period[1] and first == 2025 and rng.random() < 0.6:
            first = 2026  # most 2025–2030 programs signed late in 2025 plan from the next year
        last = min(agr.period[1], self.today.year + 1, agr.active_until.year)
        return list(range(first, last + 1))

    def _plan(self, rng: random.Random, agr: Agr, year: int) -> None:
        if year < self.today.year:
            status = AnnualPlan.Status.CLOSED
        elif year == self.today.year:
            status = AnnualPlan.Status.IN_FORCE
        else:
            status = AnnualPlan.Status.DRAFT
        if agr.status == Agreement.Status.DRAFT:
            status = AnnualPlan.Status.DRAFT
        made = D(year - 1, 12, 15) if year > agr.period[0] or not agr.signed_on else agr.signed_on
        pid = self.w.row(AnnualPlan, agreement_id=agr.id, year=year, status=status, created_by_id=agr.lead.officer,
                         notes="", created_at=_at(made))
        start = max(D(year, 1, 1), agr.signed_on or D(year, 1, 1))
        end = min(D(year, 12, 31), agr.active_until)
        if end < start:
            end = start
        # Not every content area has a task every year.
        areas = agr.areas if len(agr.areas) <= 3 else rng.sample(agr.areas, max(3, round(len(agr.areas) * 0.72)))
        areas.sort(key=lambda pair: pair[0])
        number = 0
        for cid, area in areas:
            number += 1
            lead = agr.lead if rng.random() < 0.7 else rng.choice(agr.parties)
            supporting = [o for o in agr.parties if o is not lead]
            if len(supporting) > 2 and rng.random() < 0.5:
                supporting = rng.sample(supporting, 2)
            t_start = start + rng.randint(0, max(0, (end - start).days // 3)) * DAY
            due = t_start + rng.randint(30, 330) * DAY
            if due > end:
                due = end
            done = due < self.today and rng.random() < 0.55
            title = f"{area.title} năm {year}"
            tid = self.w.row(
                Task, plan_id=pid, agreement_id=agr.id, number=number, title=title[:500], content_area_id=cid, lead_organization_id=lead.id,
                responsible_officer_id=lead.head_id if rng.random() < 0.5 else None, start=t_start, due=due,
                notes="", cancelled=rng.random() < 0.015, completed_on=due if done else None,
                created_at=_at(made),
            )
            for org in supporting:
                self.w.link(Task.supporting_organizations.through, task_id=tid, organization_id=org.id)
            indicators: list[tuple[int, str, int]] = []
            for order, (name, unit, lo, hi, agg) in enumerate(area.indicators):
                if order > 0 and rng.random() < 0.5:
                    continue
                target = rng.randint(lo, hi)
                iid = self.w.row(Indicator, task_id=tid, name=name, unit=unit, target=Decimal(target), aggregation=agg,
                                 order=order, created_at=_at(made))
                indicators.append((iid, agg, target))
            self.tasks.append(TaskRow(tid, year, agr, lead, supporting, t_start, due, area, indicators))

    # --- activities ---------------------------------------------------------------------------

    def phase_activities(self) -> int:
        rng = self.rng("activities")
        written = 0
        ct_activity = "activities.activity"
        for task in self.tasks:
            if task.agr.status == Agreement.Status.DRAFT:
                self.w.progress.advance()
                continue
            last = min(task.due, self.today + 40 * DAY)
            if task.start > last:
                self.w.progress.advance()
                continue
            count = rng.randint(3, 12) if task.year < self.today.year else rng.randint(3, 10)
            if task.year > self.today.year:
                count = rng.randint(0, 1)
            span = (last - task.start).days
            for _ in range(count):
                begin = task.start + rng.randint(0, span) * DAY
                finish = min(begin + rng.choice((0, 0, 0, 1, 2, 6)) * DAY, last)
                written += self._activity(rng, task, begin, finish, ct_activity)
            self.w.progress.advance()
        return written

    def _activity(self, rng: random.Random, task: TaskRow, begin: datetime.date, finish: datetime.date,
                  ct_activity: str) -> int:
        org = task.lead if rng.random() < 0.75 or not task.supporting else rng.choice(task.supporting)
        orgs = [org]
        if task.supporting and rng.random() < 0.2:
            other = task.lead if org is not task.lead else rng.choice(task.supporting)
            orgs.append(other)
        recent = finish > self.today - 60 * DAY
        roll = rng.random()
        if finish > self.today:
            status = AS.DRAFT
        elif recent:
            status = AS.APPROVED if roll < 0.62 else AS.SUBMITTED if roll < 0.82 else AS.RETURNED if roll < 0.9 else AS.DRAFT
        else:
            status = AS.APPROVED if roll < 0.915 else AS.SUBMITTED if roll < 0.94 else AS.RETURNED if roll < 0.96 else AS.DRAFT
        title = f"{rng.choice(task.area.activities)} {org.place}"[:500]
        place = rng.choice(vocab.PLACES)
        description = f"{task.area.text} Hoạt động do {org.short} tổ chức."
        author = org.officer
        sent = _at(finish + rng.randint(1, 6) * DAY, 15, rng.randint(0, 59))
        approved = sent + datetime.timedelta(days=rng.randint(0, 4), hours=rng.randint(1, 20))
        if approved.date() > self.today:
            approved = sent + datetime.timedelta(hours=2)
        has_sent = status in (AS.SUBMITTED, AS.APPROVED, AS.RETURNED)
        aid = self.w.row(
            Activity, task_id=task.id, agreement_id=task.agr.id, title=title, start_date=begin, end_date=finish,
            commune_code=org.commune_code, place_text=place, description=description,
            participants=rng.randint(10, 400), status=status,
            reviewer_note="Đề nghị bổ sung số liệu và hình ảnh hoạt động." if status == AS.RETURNED else "",
            revision=1, created_by_id=author, created_at=_at(finish, 10),
            submitted_by_id=author if has_sent else None, submitted_at=sent if has_sent else None,
            returned_by_id=org.leader if status == AS.RETURNED else None,
            returned_at=approved if status == AS.RETURNED else None,
            approved_by_id=org.leader if status == AS.APPROVED else None,
            approved_at=approved if status == AS.APPROVED else None,
            search_text=search_text(title, place, description),
        )
        for o in orgs:
            self.w.link(Activity.organizations.through, activity_id=aid, organization_id=o.id)
        for iid, agg, target in task.indicators:
            if rng.random() < 0.3:
                continue
            if agg == "sum":
                value = max(1, round(target / rng.randint(3, 8)))
            else:
                value = rng.randint(max(0, target - 25), target)
            self.w.row(IndicatorValue, activity_id=aid, indicator_id=iid, value=Decimal(value))
        if status == AS.APPROVED and org.leader is not None:
            self.w.row(AuditEvent, at=approved, action=AuditEvent.Action.ACTIVITY_APPROVE, actor_id=org.leader,
                       actor_label=org.leader_name, organization_id=org.id, organization_label=org.name[:255],
                       object_type=ct_activity, object_id=str(aid), object_repr=title[:255], ip_address="10.0.0.1")
        elif status == AS.SUBMITTED:
            self.submitted.append((aid, org, title))
        elif status == AS.RETURNED:
            self.returned.append((aid, org, title))
            self.w.row(AuditEvent, at=approved, action=AuditEvent.Action.ACTIVITY_RETURN, actor_id=org.leader,
                       actor_label=org.leader_name, organization_id=org.id, organization_label=org.name[:255],
                       object_type=ct_activity, object_id=str(aid), object_repr=title[:255], ip_address="10.0.0.1")
        return 1

    # --- periodic reports ---------------------------------------------------------------------

    def phase_reports(self) -> int:
        rng = self.rng("reports")
        written = 0
        horizon = self.today + 31 * DAY
        for agr in self.agreements:
            if agr.rhythm is None or agr.signed_on is None:
                self.w.progress.advance()
                continue
            lo = max(agr.signed_on, D(agr.period[0], 1, 1))
            hi = min(D(agr.period[1], 12, 31), horizon)
            for org in agr.reporters:
                for period in periods_overlapping(agr.rhythm, lo, hi):
                    if org.valid_to and period.start > org.valid_to:
                        continue
                    due = period.end + 15 * DAY
                    roll = rng.random()
                    if due >= self.today:
                        if roll < 0.3 and period.start <= self.today:
                            written += self._report(rng, agr, org, period, due, None)
                        continue
                    if roll < 0.07:
                        continue  # never sent
                    sent = due + rng.randint(1, 25) * DAY if roll < 0.17 else due - rng.randint(0, 12) * DAY
                    written += self._report(rng, agr, org, period, due, sent)
            self.w.progress.advance()
        return written

    def _report(self, rng: random.Random, agr: Agr, org: Org, period: Any, due: datetime.date,
                sent: datetime.date | None) -> int:
        label = label_for(agr.rhythm or "yearly", period.start)
        title = f"Báo cáo kết quả thực hiện chương trình phối hợp {label[:1].lower()}{label[1:]} của {org.short}"
        at = _at(sent, 16) if sent else None
        rid = self.w.row(
            PeriodicReport, agreement_id=agr.id, organization_id=org.id, rhythm=agr.rhythm, period_start=period.start,
            period_end=period.end, period_label=label, due_date=due, title=title[:500],
            body=f"Trong kỳ, {org.short} đã chủ động phối hợp thực hiện các nội dung của chương trình; hoàn "
            f"thành các nhiệm vụ theo kế hoạch năm {period.start.year}.",
            status=PeriodicReport.Status.SUBMITTED if sent else PeriodicReport.Status.DRAFT,
            created_by_id=org.officer, submitted_at=at, submitted_by_id=org.officer if sent else None,
            created_at=at - 2 * DAY if at else _at(self.today - 3 * DAY),
        )
        if at is not None and rng.random() < 0.5:
            readers = [o for o in agr.parties if o is not org and o.leader is not None]
            if readers:
                reader = rng.choice(readers)
                self.w.row(ReportRead, report_id=rid, user_id=reader.leader, organization_id=reader.id,
                           read_at=at + datetime.timedelta(days=rng.randint(1, 5)))
        return 1

    # --- inspections --------------------------------------------------------------------------

    def phase_inspections(self) -> int:
        rng = self.rng("inspections")
        written = 0
        for agr in self.agreements:
            if agr.signed_on is None or agr.kind == "plan" or rng.random() > 0.13:
                self.w.progress.advance()
                continue
            lo = agr.signed_on + 120 * DAY
            hi = min(agr.active_until, self.today - 10 * DAY)
            if hi <= lo:
                self.w.progress.advance()
                continue
            day = lo + rng.randint(0, (hi - lo).days) * DAY
            inspector = agr.lead
            inspected = [o for o in agr.parties if o is not inspector][:2]
            title = f"Kiểm tra việc thực hiện {dict(Agreement.Kind.choices)[agr.kind].lower()} năm {day.year}"
            iid = self.w.row(
                Inspection, agreement_id=agr.id, kind=rng.choice(("inspection", "supervision")), title=title, date=day,
                scope="Việc triển khai kế hoạch phối hợp, chế độ thông tin, báo cáo và kết quả thực hiện chỉ tiêu.",
                findings=rng.choice(vocab.FINDINGS), created_by_id=inspector.officer, created_at=_at(day, 17),
            )
            self.w.link(Inspection.inspecting.through, inspection_id=iid, organization_id=inspector.id)
            for org in inspected:
                self.w.link(Inspection.inspected.through, inspection_id=iid, organization_id=org.id)
            for order in range(rng.randint(1, 3)):
                org = rng.choice(inspected)
                roll = rng.random()
                status = "closed" if roll < 0.6 else "in_progress" if roll < 0.8 else "open"
                due = day + rng.randint(30, 120) * DAY
                closed = _at(min(due, self.today), 10) if status == "closed" else None
                rec = self.w.row(
                    Recommendation, inspection_id=iid, text=rng.choice(vocab.RECOMMENDATIONS), responsible_id=org.id,
                    due_date=due, status=status, closed_at=closed, closed_by_id=inspector.officer if closed else None,
                    order=order,
                )
                if status != "open":
                    self.w.row(FollowUp, recommendation_id=rec, date=min(due, self.today) - 5 * DAY,
                               note="Đã chấn chỉnh, bổ sung theo kiến nghị.", by_id=org.officer)
            written += 1
            self.w.progress.advance()
        return written

    # --- reviews and commendations ------------------------------------------------------------

    def phase_reviews(self) -> int:
        rng = self.rng("reviews")
        p = self.province_orgs
        written = 0
        movements = []
        for name, text in vocab.MOVEMENTS:
            movements.append(self.w.row(
                Movement, name=name, organizer_id=p["btgdv"].id, start_year=2021, end_year=2030, description=text,
                created_by_id=p["btgdv"].officer, created_at=_at(D(2021, 2, 1)),
            ))
        # The province-wide final review of the boards' 24 programs 2021–2025, by the merged board.
        province_old = [a for a in self.agreements[:24] if a.period == (2021, 2025)]
        if province_old:
            written += self._review(rng, province_old[0], province_old, "final", D(2021, 1, 1), D(2025, 12, 31),
                                    D(2026, 1, 16), p["btgdv"], movements)
        for agr in self.agreements[24:]:
            if agr.signed_on is None or agr.kind == "plan":
                self.w.progress.advance()
                continue
            end = agr.active_until
            if agr.period[1] == 2025 and rng.random() < 0.55:
                written += self._review(rng, agr, [agr], "final", max(agr.signed_on, D(agr.period[0], 1, 1)), end,
                                        min(end + rng.randint(5, 40) * DAY, self.today - DAY), agr.lead, movements)
            if rng.random() < 0.25:
                year = rng.choice(range(max(agr.signed_on.year, 2023), min(end.year, self.today.year) + 1))
                period_end = min(D(year, 12, 31), end, self.today)
                period_start = max(D(year, 1, 1), agr.signed_on)
                if period_end > period_start:
                    report = min(period_end + rng.randint(3, 20) * DAY, self.today)
                    written += self._review(rng, agr, [agr], "interim", period_start, period_end, report, agr.lead,
                                            movements)
            self.w.progress.advance()
        return written

    def _review(self, rng: random.Random, main: Agr, covered: list[Agr], kind: str, start: datetime.date,
                end: datetime.date, report: datetime.date, author: Org, movements: list[int]) -> int:
        signed = report < self.today - 10 * DAY and rng.random() < 0.85
        kind_label = "Tổng kết" if kind == "final" else "Sơ kết"
        event_id = self._event(rng, Event.Kind.FINAL_REVIEW if kind == "final" else Event.Kind.INTERIM_REVIEW,
                               report, author, covered,
                               f"Hội nghị {kind_label.lower()} {dict(Agreement.Kind.choices)[main.kind].lower()} "
                               f"{author.place} ({start.year}-{end.year})")
        rid = self.w.row(
            Review, kind=kind, agreement_id=main.id, period_start=start, period_end=end, event_id=event_id,
            number_symbol=f"{rng.randint(1, 99):02d}-BC/{author.body.symbol}", report_date=report,
            status=Review.Status.SIGNED_OFF if signed else Review.Status.DRAFT,
            signed_off_by_id=author.leader if signed else None,
            signed_off_at=_at(report, 16) if signed else None,
            signer_name=author.head_name if signed else "", signer_position=author.head_position if signed else "",
            created_by_id=author.officer, created_at=_at(report - 10 * DAY), **vocab.REVIEW_TEXTS,
        )
        for agr in covered:
            self.w.link(Review.agreements.through, review_id=rid, agreement_id=agr.id)
        seen: set[int] = set()
        for agr in covered:
            for org in agr.parties:
                if org.id in seen or len(seen) >= 12:
                    continue
                seen.add(org.id)
                self.w.row(Contribution, review_id=rid, organization_id=org.id,
                           title=f"Tham luận của {org.short}"[:500],
                           body="Kết quả nổi bật, cách làm hay và đề xuất cho giai đoạn tới.", author_id=org.officer)
        if signed:
            for _ in range(rng.randint(1, 3)):
                agr = rng.choice(covered)
                org = rng.choice(agr.parties)
                person = rng.random() < 0.4
                decided = rng.random() < 0.7
                self.w.row(
                    Commendation, awardee_kind="individual" if person else "collective", organization_id=org.id,
                    person_name=org.head_name if person else "", person_title=org.head_position if person else "",
                    form=rng.choice(("praise", "certificate", "merit")),
                    authority=f"{author.body.head} {author.short}",
                    reason="Có thành tích xuất sắc trong thực hiện chương trình phối hợp.",
                    movement_id=rng.choice(movements) if rng.random() < 0.4 else None, review_id=rid, year=report.year,
                    status="decided" if decided else "proposed",
                    decision_number=f"{rng.randint(1, 999)}/QĐ-{author.body.symbol}" if decided else "",
                    decision_date=report + 7 * DAY if decided else None, proposed_by_id=author.officer,
                    decided_by_id=author.leader if decided else None, created_at=_at(report),
                )
        return 1

    # --- notifications and the audit trail ----------------------------------------------------

    def phase_notices(self) -> int:
        rng = self.rng("notices")
        ct = ContentType.objects.get_for_model(Activity)
        url = reverse("activities:detail", args=[987654321]).replace("987654321", "{}")
        written = 0
        for aid, org, title in self.submitted:
            if org.leader is not None:
                written += self._notice(rng, org.leader, "activity_submitted", f"Hoạt động chờ duyệt: {title}",
                                        url.format(aid), ct.id, aid)
        for aid, org, title in self.returned:
            if org.officer is not None:
                written += self._notice(rng, org.officer, "activity_returned", f"Hoạt động bị trả lại để sửa: {title}",
                                        url.format(aid), ct.id, aid)
        self.w.progress.advance()
        # Tasks due in the weeks around the reference date, told to their lead's officer.
        soon = [t for t in self.tasks if self.today - 30 * DAY <= t.due <= self.today + 14 * DAY]
        for task in soon:
            if task.lead.officer is None:
                continue
            kind = "task_overdue" if task.due < self.today else "task_due_soon"
            label = "Nhiệm vụ quá hạn" if kind == "task_overdue" else "Nhiệm vụ sắp đến hạn"
            written += self._notice(rng, task.lead.officer, kind, f"{label}: {task.area.title}"[:500], "", None, None,
                                    key=f"{kind}:{task.id}")
        self.w.progress.advance()
        # Sign-ins: a few per user over the last months.
        for uid, org, username in self.user_ids:
            for _ in range(rng.randint(1, 4)):
                day = self.today - rng.randint(0, 120) * DAY
                self.w.row(AuditEvent, at=_at(day, rng.randint(7, 17), rng.randint(0, 59)),
                           action=AuditEvent.Action.SIGN_IN, actor_id=uid, actor_label=username,
                           organization_id=org.id, organization_label=org.name[:255], ip_address="10.0.0.2",
                           user_agent="Mozilla/5.0", path="/accounts/login/")
                written += 1
        self.w.progress.advance()
        return written

    def _notice(self, rng: random.Random, user: int, kind: str, title: str, url: str, ct: int | None,
                obj: int | None, *, key: str = "") -> int:
        made = _at(self.today - rng.randint(0, 25) * DAY, 8)
        read = rng.random() < 0.55
        self.w.row(Notification, user_id=user, kind=kind, title=title[:500], body="", url=url, content_type_id=ct,
                   object_id=obj, key=key or f"{kind}:{obj}", emailed=False, created_at=made,
                   read_at=made + datetime.timedelta(hours=3) if read else None,
                   cleared_at=made + DAY if read and rng.random() < 0.3 else None)
        return 1
