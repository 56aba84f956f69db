"""Background jobs of reviews, run by the database worker (``manage.py run_worker``)."""

from __future__ import annotations

from django_tasks import task

from phoihop.reviews.services import review_document_build


@task()
def build_review_document(job_id: int) -> str:
    """Make a review's Word report or Excel annex asked for through review_document_request."""
    job = review_document_build(job_id=job_id)
    return job.status if job is not None else "missing"
