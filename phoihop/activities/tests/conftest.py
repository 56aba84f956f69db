"""The plan fixtures, shared with the activity tests."""

from phoihop.plans.tests.conftest import board_leader, plan, task  # noqa: F401
