"""First drafts of the review's narrative sections, written from its figures.

They are a starting point the lead party rewrites: plain sentences stating what the record holds
(tasks done of planned, activities, people, each indicator against its target), never judgements
the record cannot support.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from phoihop.reviews.models import Review
from phoihop.reviews.selectors import Figures, IndicatorFigure, covered_agreements
from phoihop.vn.dates import format_short
from phoihop.vn.numbers import format_number


def _indicator_line(i: IndicatorFigure) -> str:
    if i.achieved is None:
        return _("- %(name)s: chỉ tiêu %(target)s %(unit)s, chưa có kết quả được duyệt.") % {
            "name": i.name,
            "target": format_number(i.target),
            "unit": i.unit,
        }
    return _("- %(name)s: đạt %(achieved)s/%(target)s %(unit)s (%(percent)s%%).") % {
        "name": i.name,
        "achieved": format_number(i.achieved),
        "target": format_number(i.target),
        "unit": i.unit,
        "percent": format_number(i.percent) if i.percent is not None else "—",
    }


@translation.override("vi")  # the drafts become the text of a Vietnamese report
def narrative_drafts(review: Review, figures: Figures) -> dict[str, str]:
    agreements = covered_agreements(review)
    period = _("từ ngày %(start)s đến ngày %(end)s") % {
        "start": format_short(review.period_start),
        "end": format_short(review.period_end),
    }
    parties = ", ".join(p.organization.name for p in figures.parties if p.role)
    situation = _(
        "Thực hiện %(agreements)s, %(period)s các bên tham gia (%(parties)s) đã triển khai "
        "%(planned)s nhiệm vụ theo kế hoạch phối hợp, tổ chức %(activities)s hoạt động với "
        "%(participants)s lượt người tham gia."
    ) % {
        "agreements": "; ".join(a.title for a in agreements),
        "period": period,
        "parties": parties,
        "planned": figures.tasks_planned,
        "activities": figures.activities,
        "participants": format_number(figures.participants),
    }

    results_lines = [
        _("Hoàn thành %(done)s/%(planned)s nhiệm vụ.")
        % {"done": figures.tasks_done, "planned": figures.tasks_planned}
    ]
    for area in figures.areas:
        head = (
            _("%(number)s. %(title)s: hoàn thành %(done)s/%(planned)s nhiệm vụ, %(activities)s hoạt động, %(participants)s lượt người tham gia.")
            % {
                "number": area.number if area.number is not None else "—",
                "title": area.title,
                "done": area.tasks_done,
                "planned": area.tasks_planned,
                "activities": area.activities,
                "participants": format_number(area.participants),
            }
        )
        results_lines.append(head)
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
