"""What checking a workbook finds: each row's outcome (create, update, unchanged, error) and the
errors with their sheet, row and column, kept as message ids so they read in the user's
language when shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
OUTCOMES = (CREATE, UPDATE, UNCHANGED, ERROR)
# How many rows of each outcome the preview keeps to show (the counts are always whole).
SHOWN_ROWS = 200
SHOWN_ERRORS = 1000


@dataclass
class Issue:
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "params": self.params,
        }


@dataclass
class RowOutcome:
    sheet: str
    row: int
    label: str
    outcome: str = CREATE
    changes: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def fail(self, message: str, column: str = "", **params: Any) -> None:
        self.issues.append(
            Issue(message=message, params=params, sheet=self.sheet, row=self.row, column=column)
        )
        self.outcome = ERROR


@dataclass
class Preview:
    """The whole check of one workbook: per-row outcomes, and errors of the file itself."""

    rows: list[RowOutcome] = field(default_factory=list)
    file_issues: list[Issue] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(OUTCOMES, 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    @property
    def issues(self) -> list[Issue]:
        return self.file_issues + [i for row in self.rows for i in row.issues]

    @property
    def has_errors(self) -> bool:
        return bool(self.file_issues) or any(r.outcome == ERROR for r in self.rows)

    def as_dict(self) -> dict[str, Any]:
        counts = self.counts
        counts[ERROR] += len(self.file_issues)
        issues = self.issues
        shown: dict[str, list[dict[str, Any]]] = {k: [] for k in OUTCOMES if k != ERROR}
        for row in self.rows:
            if row.outcome in shown and len(shown[row.outcome]) < SHOWN_ROWS:
                shown[row.outcome].append(
                    {"sheet": row.sheet, "row": row.row, "label": row.label, "changes": row.changes}
                )
        return {
            "counts": counts,
            "issues": [i.as_dict() for i in issues[:SHOWN_ERRORS]],
            "issue_count": len(issues),
            "rows": shown,
        }


def issue_text(issue: dict[str, Any]) -> str:
    """One error as the user reads it: "Trang Tổ chức, dòng 12, cột C: …" (translated now)."""
    message = (
        _(issue["message"]) % issue.get("params", {})
        if issue.get("params")
        else _(issue["message"])
    )
    if issue.get("row") and issue.get("column"):
        return _("Trang %(sheet)s, dòng %(row)s, cột %(column)s: %(message)s") % {
            "sheet": issue["sheet"],
            "row": issue["row"],
            "column": issue["column"],
            "message": message,
        }
    if issue.get("row"):
        return _("Trang %(sheet)s, dòng %(row)s: %(message)s") % {
            "sheet": issue["sheet"],
            "row": issue["row"],
            "message": message,
        }
    return message
