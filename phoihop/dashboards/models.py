"""Summary rows behind the dashboards, derived from the plans, activities and report exchange.

The figures of a province (or a nation) cannot be computed live within a page's time: the
dashboards read these rows instead. They hold no fact of their own; ``services`` recomputes
the rows of an agreement after any change to its tasks, activities, indicator values or
reports, and rebuilds them all after bulk loading or each night. Every fact that depends on
the date (overdue, due this month, missing reports) is kept as a date and compared with today
when read, so the rows never go stale overnight.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from phoihop.orgs.models import Organization
from phoihop.plans.models import Task


class TaskFigure(models.Model):
    """One row per active task and organisation leading or supporting it (one ``lead`` row per
    task), with the task's date-independent status and the attainment of its indicators."""

    class State(models.TextChoices):
        OPEN = "open"
        DONE = "done"
        CANCELLED = "cancelled"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    lead = models.BooleanField(default=False)
    agreement_id = models.IntegerField()
    content_area_id = models.IntegerField(null=True)
    year = models.PositiveSmallIntegerField()
    in_force = models.BooleanField(default=False)  # the task's plan is in force
    due = models.DateField(null=True)
    state = models.CharField(max_length=10, choices=State.choices)
    started = models.BooleanField(default=False)  # an approved activity counts towards it
    # Sum of the indicators' percentages (capped at 100, in tenths) and how many have one.
    percent_tenths = models.IntegerField(default=0)
    percent_count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "organization"], name="taskfigure_once_per_org"),
        ]
        indexes = [
            models.Index(fields=["organization", "in_force", "state", "due"], name="taskfigure_org_due"),
            models.Index(fields=["organization", "year"], name="taskfigure_org_year"),
            models.Index(fields=["agreement_id", "year"], name="taskfigure_agreement_year"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id}/{self.organization_id}: {self.state}"


class ActivityFigure(models.Model):
    """Per organisation, agreement and calendar year: the approved activities it organised
    that were held at least partly in the year, and those it submitted that start in the year
    and wait for approval. A joint activity counts once for each of its organisers."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    agreement_id = models.IntegerField()
    year = models.PositiveSmallIntegerField()
    approved = models.IntegerField(default=0)
    submitted = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "agreement_id", "year"], name="activityfigure_once"
            ),
        ]
        indexes = [models.Index(fields=["agreement_id"], name="activityfigure_agreement")]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.agreement_id}/{self.year}"


class ReportSlot(models.Model):
    """A report a party owes under an agreement in force (one per scheduled period, and each
    ad hoc report), with the day it was sent if it was."""

    agreement = models.ForeignKey("agreements.Agreement", on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=100)
    due_date = models.DateField()
    report = models.ForeignKey(
        "exchange.PeriodicReport", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_on = models.DateField(null=True)
    order = models.IntegerField(default=0)  # the report exchange's own order within the agreement

    class Meta:
        indexes = [
            models.Index(fields=["organization", "sent_on", "due_date"], name="reportslot_org_due"),
            models.Index(fields=["agreement"], name="reportslot_agreement"),
        ]

    # What a list of owed reports prints.
    LIST_FIELDS = (
        "id", "agreement_id", "organization_id", "period_start", "period_end", "period_label", "due_date", "report_id",
        "agreement__id", "agreement__title", "agreement__number_symbol",
    )
    state = ""  # set by the selector that reads the row (due, missing, late)

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.agreement_id}: {self.period_label}"

    @property
    def url(self) -> str:
        """The report written for the slot, else the agreement's report schedule of that year."""
        if self.report_id is not None:
            return reverse("exchange:report_detail", args=[self.report_id])
        return reverse("exchange:schedule", args=[self.agreement_id]) + f"?year={self.period_end.year}"
