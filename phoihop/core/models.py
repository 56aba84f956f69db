"""Pieces every domain record shares: archiving instead of deleting, and search by folded names."""

from __future__ import annotations

from typing import Self, TypeVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_M = TypeVar("_M", bound=models.Model, covariant=True)


class ActiveQuerySet(models.QuerySet[_M]):
    """A queryset of archivable records, typed by its model (``ActiveQuerySet[Agreement]``)."""

    def active(self) -> Self:
        return self.filter(archived_at__isnull=True)


class Archivable(models.Model):
    """Deleting is archiving: the row stays, hidden from lists, visible in history."""

    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True, editable=False)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def archive(self) -> None:
        """Stamp the record archived now and save only that (the history keeps the change).
        The owning service checks who may, and whether the record may be archived at all."""
        self.archived_at = timezone.now()
        self.save(update_fields=["archived_at", "updated_at"])

    def restore(self) -> None:
        """Bring the record back into the lists; see ``archive`` for who checks what."""
        self.archived_at = None
        self.save(update_fields=["archived_at", "updated_at"])


class Searchable(models.Model):
    """A folded copy of the record's names (no case, no diacritics) for search on any database."""

    search_text = models.TextField(editable=False, default="", db_index=False)

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        from phoihop.vn.text import fold

        self.search_text = " | ".join(fold(part) for part in self.search_source() if part)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def search_source(self) -> list[str]:
        raise TypeError(f"{type(self).__name__} must list the fields it is found by")


class IdempotencyKey(models.Model):
    """The one-time token of a rendered form and what its first submission made.

    The row is written in the same transaction as the work it guards, so it exists exactly when
    that work was committed: a repeated POST (a retry after a timeout, a double click, a proxy
    resending) finds it and is sent to the first result instead of doing the work again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=100)
    key = models.CharField(max_length=64)
    result_url = models.CharField(max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    result = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "scope", "key"], name="idempotency_key_once")
        ]
        # Old keys of a user are removed when the user claims a new one.
        indexes = [models.Index(fields=["user", "created_at"], name="idempotency_key_user_age")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"
