"""Every write to notifications: sending (in-app, and by e-mail through the task queue to those
who asked), reading, clearing, e-mail preferences and the calendar feed link."""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.notifications.models import (
    CalendarFeedToken,
    Kind,
    Notification,
    NotificationPreference,
    new_feed_token,
)
from phoihop.vn.names import person_name

if TYPE_CHECKING:
    from django.contrib.auth.models import User


logger = logging.getLogger(__name__)


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url


def _email_text(user: User, notification: Notification) -> tuple[str, str]:
    """Subject and plain-text body, in Vietnamese whatever the sender's language."""
    with translation.override(settings.LANGUAGE_CODE):
        name = person_name(user)
        parts = [_("Kính gửi %(name)s,") % {"name": name}, "", notification.title]
        if notification.body:
            parts += ["", notification.body]
        if notification.url:
            parts += ["", _("Xem chi tiết: %(url)s") % {"url": _absolute(notification.url)}]
        parts += [
            "",
            "-- ",
            _("Thư này do hệ thống phoihop gửi tự động. Chọn những loại thông báo nhận qua thư tại: %(url)s")
            % {"url": _absolute(reverse("notifications:preferences"))},
        ]
        subject = "[phoihop] " + notification.title
    return subject[:250], "\n".join(parts)


# A notification's e-mail is tried this many times, waiting this long (seconds) before each
# retry: about two and a half hours in all, enough for a mail server's restart or outage.
EMAIL_ATTEMPTS = 5
EMAIL_RETRY_DELAYS = (60, 300, 1800, 7200)


def _enqueue_email(notification_id: int, *, attempt: int = 1, delay: int = 0) -> None:
    from phoihop.notifications.tasks import send_notification_email

    job = send_notification_email
    if delay and job.get_backend().supports_defer:
        job = job.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    job.enqueue(notification_id, attempt)


def _enqueue_emails(notification_ids: list[int]) -> None:
    """Queue one e-mail job per notification. Runs after the commit: the user's action is saved
    by then, so a queue that cannot be reached is logged, never raised."""
    for pk in notification_ids:
        try:
            _enqueue_email(pk)
        except Exception:
            logger.exception("notification %s: the e-mail could not be queued", pk)


def notification_email_send(*, notification_id: int, attempt: int = 1) -> str:
    """Send one notification's e-mail; what happened: "sent", "skipped" (nothing to send, or
    sent before), "retry" (failed, queued again with a delay) or "failed" (the last try failed).

    The row is locked while sending, so a job run twice sends once."""
    with transaction.atomic():
        n = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=notification_id)
            .first()
        )
        if n is None or not n.emailed or n.email_sent_at is not None or not n.user.email:
            return "skipped"
        subject, body = _email_text(n.user, n)
        n.email_attempts += 1
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [n.user.email], fail_silently=False)
        except OSError as exc:  # smtplib's errors are OSErrors, as is a refused connection
            n.email_error = f"{type(exc).__name__}: {exc}"[:500]
            n.save(update_fields=["email_attempts", "email_error"])
        else:
            n.email_sent_at = timezone.now()
            n.email_error = ""
            n.save(update_fields=["email_attempts", "email_error", "email_sent_at"])
            return "sent"
    if attempt < EMAIL_ATTEMPTS:
        delay = EMAIL_RETRY_DELAYS[min(attempt, len(EMAIL_RETRY_DELAYS)) - 1]
        logger.warning("notification %s: e-mail try %s failed (%s); again in %ss", n.pk, attempt, n.email_error, delay)
        _enqueue_email(n.pk, attempt=attempt + 1, delay=delay)
        return "retry"
    logger.error("notification %s: e-mail not sent after %s tries (%s)", n.pk, attempt, n.email_error)
    return "failed"


def notify(
    *,
    users: Iterable[User | None],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    key: str | None = None,
    obj: Model | None = None,
) -> int:
    """Tell ``users`` something; return how many got a new notification.

    A user who already has a notification with ``key`` is skipped (a reminder is sent once,
    however often it is computed). Those who chose e-mail for ``kind`` and have an address also
    get a plain-text e-mail, sent once the transaction commits."""
    Kind(kind)  # an unknown kind is a programming error
    recipients = {u.pk: u for u in users if u is not None and u.is_active}
    if key and recipients:
        already = Notification.objects.filter(user_id__in=recipients, key=key).values_list(
            "user_id", flat=True
        )
        for user_id in list(already):
            recipients.pop(user_id, None)
    if not recipients:
        return 0
    email_to = set(
        NotificationPreference.objects.filter(
            user_id__in=recipients, kind=kind, by_email=True
        ).values_list("user_id", flat=True)
    )
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    created: list[Notification] = []
    emailed: list[int] = []
    for user_id, user in recipients.items():
        wants_email = user_id in email_to and bool(user.email)
        try:
            # A savepoint: a concurrent run that stored the same key first wins, quietly.
            with transaction.atomic():
                n = Notification.objects.create(
                    user=user,
                    kind=kind,
                    title=title[:500],
                    body=body,
                    url=url[:500],
                    content_type=content_type,
                    object_id=obj.pk if obj is not None else None,
                    key=key or "",
                    emailed=wants_email,
                )
        except IntegrityError:
            continue
        created.append(n)
        if wants_email:
            emailed.append(n.pk)
    if emailed:
        # Queued only once the notification is committed; sent by the worker, with retries.
        transaction.on_commit(functools.partial(_enqueue_emails, emailed), robust=True)
    return len(created)


def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    if notification.user_id != actor.pk:
        raise ValueError("a notification is marked by its own user")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_clear(*, actor: User, notification: Notification) -> Notification:
    if notification.user_id != actor.pk:
        raise ValueError("a notification is cleared by its own user")
    now = timezone.now()
    notification.cleared_at = notification.cleared_at or now
    notification.read_at = notification.read_at or now
    notification.save(update_fields=["cleared_at", "read_at"])
    return notification


def notifications_mark_all_read(*, actor: User) -> int:
    return Notification.objects.filter(user=actor).unread().update(read_at=timezone.now())


def notifications_clear_all(*, actor: User) -> int:
    now = timezone.now()
    Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=now)
    return Notification.objects.filter(user=actor).shown().update(cleared_at=now)


def preferences_of(user: User) -> dict[str, bool]:
    """Each kind with whether it goes by e-mail (off until the user turns it on)."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list("kind", "by_email")
    )
    return {kind: chosen.get(kind, False) for kind in Kind.values}


@transaction.atomic
def preferences_set(*, actor: User, by_email: Mapping[str, bool]) -> None:
    unknown = set(by_email) - set(Kind.values)
    if unknown:
        raise ValueError(f"unknown notification kinds: {sorted(unknown)}")
    existing = {p.kind: p for p in NotificationPreference.objects.filter(user=actor)}
    for kind, wanted in by_email.items():
        pref = existing.get(kind)
        if pref is None:
            NotificationPreference.objects.create(user=actor, kind=kind, by_email=wanted)
        elif pref.by_email != wanted:
            pref.by_email = wanted
            pref.save(update_fields=["by_email"])


def feed_token_for(user: User) -> CalendarFeedToken:
    """The user's calendar feed token, made on first use."""
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token


def feed_token_reset(*, actor: User) -> CalendarFeedToken:
    """A new secret for the user's feed: calendar programs holding the old link get nothing."""
    token = feed_token_for(actor)
    token.token = new_feed_token()
    token.reset_at = timezone.now()
    token.save(update_fields=["token", "reset_at"])
    return token


def feed_version_record(*, token: CalendarFeedToken, etag: str) -> datetime.datetime:
    """When the feed's content last changed: now if ``etag`` differs from the one last served.

    One conditional UPDATE, so two calendar programs polling at once agree on the stamp (the
    later write carries the same ETag), and a retry changes nothing."""
    if token.feed_etag == etag and token.feed_changed_at is not None:
        return token.feed_changed_at
    now = timezone.now().replace(microsecond=0)
    with transaction.atomic():
        updated = CalendarFeedToken.objects.filter(pk=token.pk).exclude(feed_etag=etag).update(
            feed_etag=etag, feed_changed_at=now
        )
        if not updated:  # another request recorded this content first
            token.refresh_from_db(fields=["feed_etag", "feed_changed_at"])
            if token.feed_changed_at is not None:
                return token.feed_changed_at
            CalendarFeedToken.objects.filter(pk=token.pk).update(feed_changed_at=now)
    token.feed_etag, token.feed_changed_at = etag, now
    return now
