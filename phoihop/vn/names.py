"""Vietnamese personal names: family name, middle name, given name, in that order.

A user account keeps the name in Django's two fields: ``last_name`` holds the family name
(with the middle name when the person typed it there, as the sign-up form asks) and
``first_name`` the rest. The full name is therefore "last_name first_name": "Phạm" +
"Đức Thịnh" and "Phạm Đức" + "Thịnh" both read "Phạm Đức Thịnh". Every page, message,
history line and document shows a person through ``person_name``.
"""

from __future__ import annotations

__all__ = ["full_name", "name_sort_key", "person_name", "person_name_with_title"]


def full_name(family: str, given: str) -> str:
    """ "Phạm" + "Đức Thịnh" → "Phạm Đức Thịnh", with runs of spaces made one."""
    return " ".join(f"{family or ''} {given or ''}".split())


def name_sort_key(name: str) -> str:
    """ "Phạm Đức Thịnh" → "Thịnh Đức Phạm": official lists run by given name, then middle name,
    then family name; collate this key with the ``vi`` collation."""
    return " ".join(reversed(name.split()))


def person_name(user: object) -> str:
    """The user's full name in Vietnamese order, or the log-in name when no name was given."""
    if user is None:
        return ""
    name = full_name(getattr(user, "last_name", ""), getattr(user, "first_name", ""))
    if name:
        return name
    get_username = getattr(user, "get_username", None)
    return str(get_username() if get_username else getattr(user, "username", ""))


def person_name_with_title(name: str, *, rank: str = "", position: str = "") -> str:
    """ "Thượng tá Mai Xuân Thắng, Chính trị viên Ban CHQS": a military rank goes straight before
    the name (or the position, when there is no name) with no comma after it; the position
    follows the name after a comma."""
    rank, name, position = rank.strip(), name.strip(), position.strip()
    head = " ".join(part for part in (rank, name) if part)
    if not name:
        return " ".join(part for part in (rank, position) if part)
    return f"{head}, {position}" if position else head
