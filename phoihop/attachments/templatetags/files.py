"""A record's attachments split as the shared files card shows them: photos, then documents."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from phoihop.attachments.models import Attachment

register = template.Library()


@register.filter
def photos(files: Iterable[Attachment]) -> list[Attachment]:
    return [f for f in files if f.is_image]


@register.filter
def documents(files: Iterable[Attachment]) -> list[Attachment]:
    return [f for f in files if not f.is_image]
