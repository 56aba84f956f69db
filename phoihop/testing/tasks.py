"""A task for the tests of the task backends: the worker that runs it answers with its input."""

from __future__ import annotations

import os

from django_tasks import task


@task()
def echo(value: str) -> dict[str, str | int]:
    """Return the value with the process id of the worker that ran it."""
    return {"value": value, "pid": os.getpid()}
