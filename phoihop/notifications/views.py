from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import (
    http_date,
    parse_http_date_safe,
    quote_etag,
    url_has_allowed_host_and_scheme,
)
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.core.access import SignedInRequest, rule
from phoihop.notifications import selectors, services
from phoihop.notifications.access import get_notification_for_user, user_for_feed_token
from phoihop.notifications.calendar import ITEM_KINDS, Cursor
from phoihop.notifications.feed import etag_of, render_calendar, stamped
from phoihop.notifications.forms import PreferencesForm
from phoihop.vn.names import person_name

PAGE_SIZE = 25
AGENDA_PAGE_SIZE = 50
AGENDA_DAYS = 366
# A day of the month grid lists this many items, then "+N more" to the agenda of that day.
MONTH_ITEMS_PER_DAY = 4


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)  # a checked path, never a URL name to reverse
    return redirect("notifications:list")


@rule("authenticated")
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notification_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": selectors.unread_count(user=request.user), "nav": "notifications"},
    )


@rule("object")
def notification_open(request: SignedInRequest, pk: int) -> HttpResponse:
    """Go to the record a notification is about, marking it read."""
    notification = get_notification_for_user(request.user, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, {request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications:list")


@rule("object")
@require_POST
def notification_mark_read(request: SignedInRequest, pk: int) -> HttpResponse:
    notification = get_notification_for_user(request.user, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    return _back(request)


@rule("object")
@require_POST
def notification_clear(request: SignedInRequest, pk: int) -> HttpResponse:
    notification = get_notification_for_user(request.user, pk)
    services.notification_clear(actor=request.user, notification=notification)
    messages.success(request, _("Đã xóa thông báo."))
    return _back(request)


@rule("authenticated")
@require_POST
def notifications_mark_all_read(request: SignedInRequest) -> HttpResponse:
    services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("Đã đánh dấu mọi thông báo là đã đọc."))
    return _back(request)


@rule("authenticated")
@require_POST
def notifications_clear_all(request: SignedInRequest) -> HttpResponse:
    count = services.notifications_clear_all(actor=request.user)
    messages.success(request, _("Đã xóa %(count)s thông báo.") % {"count": count})
    return _back(request)


@rule("authenticated")
def preferences(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.preferences_set(actor=request.user, by_email=form.by_email())
            messages.success(request, _("Đã lưu tùy chọn nhận thông báo qua thư điện tử."))
            return redirect("notifications:preferences")
    else:
        form = PreferencesForm(initial=services.preferences_of(request.user))
    assert request.user.is_authenticated  # the "authenticated" rule: only signed-in users get here
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "email": request.user.email, "nav": "notifications"},
    )


def _month_arg(value: str | None, today: datetime.date) -> tuple[int, int]:
    try:
        year, month = (int(p) for p in (value or "").split("-"))
        datetime.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    if not 1900 <= year <= 2200:
        return today.year, today.month
    return year, month


@rule("authenticated")
def calendar_month(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year, month = _month_arg(request.GET.get("thang"), today)
    grid = selectors.month_grid(user=request.user, year=year, month=month, today=today, per_day=MONTH_ITEMS_PER_DAY)
    return render(
        request,
        "notifications/calendar_month.html",
        {"month": grid, "today": today, "kinds": ITEM_KINDS.values(), "nav": "calendar"},
    )


def _day_arg(value: str | None, today: datetime.date) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return today
    return day if 1900 <= day.year <= 2200 else today


@rule("authenticated")
def calendar_agenda(request: HttpRequest) -> HttpResponse:
    """From a day (``tu``, default today) a year ahead, a page at a time after a cursor (``sau``)."""
    today = timezone.localdate()
    start = _day_arg(request.GET.get("tu"), today)
    page = selectors.agenda_page(
        user=request.user,
        start=start,
        end=start + datetime.timedelta(days=AGENDA_DAYS),
        today=today,
        after=Cursor.decode(request.GET.get("sau")),
        size=AGENDA_PAGE_SIZE,
    )
    return render(
        request,
        "notifications/calendar_agenda.html",
        {"page": page, "start": start, "today": today, "after": request.GET.get("sau"), "nav": "calendar"},
    )


@rule("authenticated")
def feed_settings(request: SignedInRequest) -> HttpResponse:
    token = services.feed_token_for(request.user)
    url = request.build_absolute_uri(reverse("notifications:feed", kwargs={"token": token.token}))
    return render(
        request,
        "notifications/feed_settings.html",
        {
            "feed_url": url,
            "token": token,
            "past_days": settings.FEED_PAST_DAYS,
            "future_days": settings.FEED_FUTURE_DAYS,
            "nav": "calendar",
        },
    )


@rule("authenticated")
@require_POST
def feed_reset(request: SignedInRequest) -> HttpResponse:
    services.feed_token_reset(actor=request.user)
    messages.success(
        request,
        _("Đã tạo liên kết lịch mới. Liên kết cũ không còn dùng được; cập nhật liên kết trong chương trình lịch của bạn."),
    )
    return redirect("notifications:feed_settings")


def _not_modified(request: HttpRequest, etag: str, changed_at: datetime.datetime) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or quote_etag(etag) in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(changed_at.timestamp()) <= since


@rule("public")
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar a program subscribes to: the secret token stands for the user.

    What it holds: the items of the user's OWN organisations (events they host or attend, and
    the task deadlines, report due dates and ends of the agreements they are parties to), from
    FEED_PAST_DAYS back to FEED_FUTURE_DAYS ahead, at most FEED_MAX_ITEMS in date order (the
    furthest ones are left out; they come in as the window moves).
    Not the subtree: a province body's feed would otherwise carry every deadline of hundreds of
    bodies below it (tens of megabytes, polled every few minutes on a link that needs no
    sign-in); what subordinates do is followed in the app's calendar and dashboards. An officer
    gets exactly their own unit's deadlines and events, as before.

    Calendar programs poll: the ETag is a hash of the content and Last-Modified the moment it
    last changed, so an unchanged feed answers 304 without a body."""
    user = user_for_feed_token(token)
    today = timezone.localdate()
    items = selectors.calendar_items(
        user=user,
        start=today - datetime.timedelta(days=settings.FEED_PAST_DAYS),
        end=today + datetime.timedelta(days=settings.FEED_FUTURE_DAYS),
        today=today,
        own=True,
        limit=settings.FEED_MAX_ITEMS,
    )
    name = _("phoihop — lịch của %(name)s") % {"name": person_name(user)}
    text = render_calendar(items, base_url=request.build_absolute_uri("/") or settings.SITE_URL, name=name)
    etag = etag_of(text)
    changed_at = services.feed_version_record(token=user.calendar_feed_token, etag=etag)
    response: HttpResponse
    if _not_modified(request, etag, changed_at):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(stamped(text, changed_at), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="phoihop.ics"'
    response["ETag"] = quote_etag(etag)
    response["Last-Modified"] = http_date(changed_at.timestamp())
    # Only the link's holder may keep a copy; it must ask again, and a 304 is cheap.
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
