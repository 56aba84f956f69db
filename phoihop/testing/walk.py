"""The vocabulary of the route walk's POST expectations (phoihop/core/tests/test_access_walk.py).

Every route says, written out by hand, what an empty POST answers each user of the fixture world
(phoihop/conftest.py). The walk POSTs inside a savepoint, so a POST that succeeds (an archive, a
sign-out) changes nothing for the routes after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ALL_USERS = (
    "alice",
    "bob",
    "leader",
    "coop_officer",
    "superior",
    "subordinate",
    "charlie",
    "staff",
)


@dataclass(frozen=True)
class Post:
    """What each user gets from an empty POST, and whether the route changes data (then a user
    who may only read its record is refused its GET too, and the odd-parameters walk skips it)."""

    answers: dict[str, int]
    changes: bool


def writes(
    ok: int, writers: Iterable[str], readers: Iterable[str] = (), *, hidden: int = 404
) -> Post:
    """A route that changes data: its writers get `ok`, those who may only read the record 403,
    everyone else `hidden` (404: the record is not theirs to know of)."""
    writers, readers = set(writers), set(readers)
    return Post(
        {u: ok if u in writers else 403 if u in readers else hidden for u in ALL_USERS},
        changes=True,
    )


def reads(ok: int, readers: Iterable[str] = ALL_USERS, *, hidden: int = 404) -> Post:
    """A route that changes no shared data: its readers get `ok` (405 where it refuses POST),
    everyone else `hidden`."""
    readers = set(readers)
    return Post({u: ok if u in readers else hidden for u in ALL_USERS}, changes=False)
