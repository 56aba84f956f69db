"""First drafts of the review's narrative sections, written from its figures.

They are a starting point the lead party rewrites: plain sentences stating what the record holds
(tasks done of planned, activities, people, each indicator against its target), never judgements
the record cannot support.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext as _

from phoihop.reviews.models import Review
from phoihop.reviews.selectors import Figures, IndicatorFigure, covered_agreements, review_years
from phoihop.vn.dates import format_short
from phoihop.vn.figures import indicator_result, name_without_target
from phoihop.vn.numbers import format_number


def _approved(review: Review) -> Any:
    """The approved activities the review's figures count (as reviews.selectors counts them)."""
    from phoihop.activities.models import Activity

    ids = [a.pk for a in covered_agreements(review)]
    return Activity.objects.filter(
        task__plan__agreement_id__in=ids,
        task__plan__year__in=review_years(review),
        status=Activity.Status.APPROVED,
        archived_at__isnull=True,
    )


def participants_missing(review: Review) -> dict[Any, int]:
    """Approved activities without a participant count: by (agreement, content area number),
    and in all under the key ``None``. One query."""
    rows = (
        _approved(review).filter(participants__isnull=True).order_by()
        .values("task__plan__agreement_id", "task__content_area__number", "task__content_area__agreement_id")
        .annotate(n=Count("pk"))
    )
    out: dict[Any, int] = {}
    for row in rows:
        agreement_id = row["task__plan__agreement_id"]
        # A task under another agreement's content area counts under "other tasks", as in the figures.
        number = row["task__content_area__number"] if row["task__content_area__agreement_id"] == agreement_id else None
        key = (agreement_id, number)
        out[key] = out.get(key, 0) + row["n"]
        out[None] = out.get(None, 0) + row["n"]
    return out


@dataclass
class YearlyIndicator:
    """One indicator (by name and unit) in each year of the review and over the whole period:
    (target, achieved) per year, the period's total (summed, or the last year's for a level)."""

    name: str
    unit: str
    years: dict[int, tuple[Decimal, Decimal | None]] = field(default_factory=dict)
    summed: bool = True

    @property
    def total(self) -> tuple[Decimal, Decimal | None]:
        if not self.years:
            return Decimal(0), None
        if not self.summed:
            return self.years[max(self.years)]
        target = sum((t for t, _a in self.years.values()), Decimal(0))
        achieved = [a for _t, a in self.years.values() if a is not None]
        return target, sum(achieved, Decimal(0)) if achieved else None

    @property
    def percent(self) -> Decimal | None:
        target, achieved = self.total
        if achieved is None or not target:
            return None
        return (achieved * 100 / target).quantize(Decimal("0.1"), ROUND_HALF_UP)


def yearly_indicators(
    review: Review, agreement_ids: list[int] | None = None
) -> tuple[list[int], list[YearlyIndicator]]:
    """The review's indicators year by year, in two queries (indicators, then their values), or
    four when the caller does not pass the covered agreements' ids."""
    from phoihop.plans.models import Indicator, Task
    from phoihop.plans.selectors import indicator_progress

    years = review_years(review)
    ids = agreement_ids if agreement_ids is not None else [a.pk for a in covered_agreements(review)]
    tasks = Task.objects.active().filter(
        plan__agreement_id__in=ids, plan__year__in=years, plan__archived_at__isnull=True
    ).exclude(cancelled=True)
    indicators = list(
        Indicator.objects.active().filter(task__in=tasks)
        .select_related("task__plan").only("id", "name", "unit", "target", "aggregation", "task__plan__year")
        .order_by("task__plan__agreement_id", "task__number", "order", "id")
    )
    progress = indicator_progress(indicators)
    units = {value: str(label) for value, label in Indicator._meta.get_field("unit").flatchoices}
    rows: dict[tuple[str, str], YearlyIndicator] = {}
    for ind in indicators:
        # A plan a year names the indicator with that year's target ("12 buổi tuyên truyền"): one
        # row for the indicator under its name without the target.
        name = name_without_target(ind.name.strip(), ind.target)
        key = (name, ind.unit)
        row = rows.setdefault(key, YearlyIndicator(name, units.get(ind.unit, ind.unit)))
        row.summed = row.summed and ind.aggregation == Indicator.Aggregation.SUM
        assert ind.task is not None  # filtered on task
        year = ind.task.plan.year
        p = progress[ind.pk]
        target, achieved = row.years.get(year, (Decimal(0), None))
        if p.achieved is not None:
            achieved = (achieved or Decimal(0)) + p.achieved
        row.years[year] = (target + p.target, achieved)
    return years, list(rows.values())


def _indicator_line(i: IndicatorFigure) -> str:
    # The target is printed after the name, so the name is shown without it.
    name = name_without_target(i.name, i.target)
    if i.achieved is None:
        return _("- %(name)s: chỉ tiêu %(target)s %(unit)s, chưa có kết quả được duyệt.") % {
            "name": name,
            "target": format_number(i.target),
            "unit": i.unit,
        }
    if i.unit.strip() == "%":
        return _("- %(name)s: đạt %(result)s.") % {"name": name, "result": indicator_result(i.achieved, i.target, i.unit)}
    return _("- %(name)s: đạt %(achieved)s/%(target)s %(unit)s (%(percent)s%%).") % {
        "name": name,
        "achieved": format_number(i.achieved),
        "target": format_number(i.target),
        "unit": i.unit,
        "percent": format_number(i.percent) if i.percent is not None else "—",
    }


def yearly_by_name(
    review: Review, yearly: tuple[list[int], list[YearlyIndicator]] | None = None
) -> dict[tuple[str, str], YearlyIndicator]:
    """For a review over several years, its indicators by (name, unit label); empty otherwise.
    ``yearly``: what ``yearly_indicators`` gave, when the caller has it already."""
    if yearly is None:
        yearly = yearly_indicators(review) if len(review_years(review)) > 1 else ([], [])
    years, rows = yearly
    return {(r.name, r.unit): r for r in rows} if len(years) > 1 else {}


def area_indicators(area: Any, by_name: dict[tuple[str, str], YearlyIndicator]) -> list[YearlyIndicator]:
    """An area's indicators once each (a plan a year repeats them), with every year's figures."""
    out: list[YearlyIndicator] = []
    for i in area.indicators:
        row = by_name.get((name_without_target(i.name.strip(), i.target), i.unit))
        if row is not None and row not in out:
            out.append(row)
    return out


def _yearly_line(row: YearlyIndicator) -> str:
    years = "; ".join(
        _("năm %(year)s: %(achieved)s/%(target)s") % {
            "year": y, "achieved": format_number(a) if a is not None else "—", "target": format_number(t)}
        for y, (t, a) in sorted(row.years.items())
    )
    target, achieved = row.total
    return _("- %(name)s: %(years)s; cả giai đoạn: %(achieved)s/%(target)s %(unit)s (%(percent)s%%).") % {
        "name": row.name, "years": years, "unit": row.unit,
        "achieved": format_number(achieved) if achieved is not None else "—", "target": format_number(target),
        "percent": format_number(row.percent) if row.percent is not None else "—",
    }


def _people_words(total: int, missing: int, activities: int) -> str:
    """ "1.250 lượt người tham gia"; an unknown count is said to be unknown, never 0."""
    if activities and missing >= activities:
        return _("số người tham gia chưa được ghi nhận")
    if missing:
        return _("%(n)s lượt người tham gia (%(missing)s hoạt động chưa ghi nhận số người)") % {
            "n": format_number(total), "missing": missing,
        }
    return _("%(n)s lượt người tham gia") % {"n": format_number(total)}


@translation.override("vi")  # the drafts become the text of a Vietnamese report
def narrative_drafts(review: Review, figures: Figures) -> dict[str, str]:
    agreements = covered_agreements(review)
    period = _("từ ngày %(start)s đến ngày %(end)s") % {
        "start": format_short(review.period_start),
        "end": format_short(review.period_end),
    }
    parties = ", ".join(p.organization.name for p in figures.parties if p.role)
    missing = participants_missing(review)
    by_name = yearly_by_name(review)
    situation = _(
        "Thực hiện %(agreements)s, %(period)s các bên tham gia (%(parties)s) đã triển khai "
        "%(planned)s nhiệm vụ theo kế hoạch phối hợp, tổ chức %(activities)s hoạt động với "
        "%(participants)s."
    ) % {
        "agreements": "; ".join(a.title for a in agreements),
        "period": period,
        "parties": parties,
        "planned": figures.tasks_planned,
        "activities": figures.activities,
        "participants": _people_words(figures.participants, missing.get(None, 0), figures.activities),
    }

    results_lines = [
        _("Hoàn thành %(done)s/%(planned)s nhiệm vụ.")
        % {"done": figures.tasks_done, "planned": figures.tasks_planned}
    ]
    for area in figures.areas:
        head = (
            _("%(number)s. %(title)s: hoàn thành %(done)s/%(planned)s nhiệm vụ, %(activities)s hoạt động, %(participants)s.")
            % {
                "number": area.number if area.number is not None else "—",
                "title": area.title,
                "done": area.tasks_done,
                "planned": area.tasks_planned,
                "activities": area.activities,
                "participants": _people_words(
                    area.participants, missing.get((area.agreement_id, area.number), 0), area.activities
                ),
            }
        )
        results_lines.append(head)
        if by_name:
            results_lines.extend(_yearly_line(row) for row in area_indicators(area, by_name))
        else:
            results_lines.extend(_indicator_line(i) for i in area.indicators)
    results = "\n".join(results_lines)

    reached = [i for i in figures.indicators if i.achieved is not None and i.achieved >= i.target]
    short = [i for i in figures.indicators if i.achieved is None or i.achieved < i.target]
    active = sorted((p for p in figures.parties if p.activities), key=lambda p: -p.activities)
    strengths_lines = []
    if reached:
        strengths_lines.append(
            _("Đạt và vượt %(n)s/%(total)s chỉ tiêu: %(names)s.")
            % {"n": len(reached), "total": len(figures.indicators), "names": "; ".join(i.name for i in reached)}
        )
    if active:
        strengths_lines.append(
            _("Các bên chủ động phối hợp; nhiều hoạt động nhất: %(names)s.")
            % {"names": ", ".join(f"{p.organization.name} ({p.activities})" for p in active[:3])}
        )
    shortcomings_lines = []
    undone = figures.tasks_planned - figures.tasks_done
    if undone:
        shortcomings_lines.append(_("Còn %(n)s nhiệm vụ chưa hoàn thành.") % {"n": undone})
    if short:
        shortcomings_lines.append(
            _("Chưa đạt %(n)s chỉ tiêu: %(names)s.") % {"n": len(short), "names": "; ".join(i.name for i in short)}
        )
    quiet = [p.organization.name for p in figures.parties if p.role and not p.activities]
    if quiet:
        shortcomings_lines.append(
            _("Chưa ghi nhận hoạt động được duyệt của: %(names)s.") % {"names": ", ".join(quiet)}
        )
    if figures.timeliness:
        late = [t for t in figures.timeliness if getattr(t, "late", 0) or getattr(t, "missing", 0)]
        if late:
            shortcomings_lines.append(
                _("Báo cáo định kỳ còn chậm hoặc thiếu ở: %(names)s.")
                % {"names": ", ".join(sorted({t.organization.name for t in late}))}
            )

    proposals = [
        _("Đề nghị khen thưởng %(awardee)s (%(form)s): %(reason)s")
        % {"awardee": c.awardee, "form": c.get_form_display(), "reason": c.reason}
        for c in figures.commendations
    ]
    next_year = review.period_end.year + 1
    return {
        "situation": situation,
        "results": results,
        "strengths": "\n".join(strengths_lines),
        "shortcomings": "\n".join(shortcomings_lines),
        "causes": "",
        "lessons": "",
        "directions": _(
            "Tiếp tục thực hiện các nội dung phối hợp đã ký kết trong năm %(year)s; tập trung "
            "các nhiệm vụ, chỉ tiêu chưa hoàn thành; xây dựng kế hoạch phối hợp năm %(year)s."
        )
        % {"year": next_year},
        "proposals": "\n".join(proposals),
    }
