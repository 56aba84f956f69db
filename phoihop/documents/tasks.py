"""Background jobs of documents, run by the worker (``manage.py run_worker``)."""

from __future__ import annotations

from django_tasks import task

from phoihop.documents.renditions import pdf_build


@task()
def build_pdf_rendition(job_id: int) -> str:
    """Convert a generated Word document to PDF, asked for through renditions.pdf_request."""
    job = pdf_build(job_id=job_id)
    return job.status if job is not None else "missing"
