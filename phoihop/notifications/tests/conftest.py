"""The plan fixtures and this app's own (fixtures.py)."""

from phoihop.notifications.tests.fixtures import draft_activity, in_force_plan, today  # noqa: F401
from phoihop.plans.tests.conftest import board_leader, plan, task  # noqa: F401
