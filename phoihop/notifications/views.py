from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.access import rule
from phoihop.accounts.access.notifications import get_notification_for_user, user_for_feed_token
from phoihop.notifications import selectors, services
from phoihop.notifications.feed import build_calendar
from phoihop.notifications.forms import PreferencesForm
from phoihop.notifications.selectors import ITEM_KINDS

PAGE_SIZE = 25
AGENDA_DAYS = 366
# The feed carries a year back and two ahead: enough for any calendar program's view.
FEED_PAST_DAYS = 366
FEED_FUTURE_DAYS = 2 * 366


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
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Go to the record a notification is about, marking it read."""
    notification = get_notification_for_user(request.user, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, {request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications:list")


@rule("object")
@require_POST
def notification_mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for_user(request.user, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    return _back(request)


@rule("object")
@require_POST
def notification_clear(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for_user(request.user, pk)
    services.notification_clear(actor=request.user, notification=notification)
    messages.success(request, _("Đã xóa thông báo."))
    return _back(request)


@rule("authenticated")
@require_POST
def notifications_mark_all_read(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("Đã đánh dấu mọi thông báo là đã đọc."))
    return _back(request)


@rule("authenticated")
@require_POST
def notifications_clear_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_clear_all(actor=request.user)
    messages.success(request, _("Đã xóa %(count)s thông báo.") % {"count": count})
    return _back(request)


@rule("authenticated")
def preferences(request: HttpRequest) -> HttpResponse:
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
    grid = selectors.month_grid(user=request.user, year=year, month=month, today=today)
    return render(
        request,
        "notifications/calendar_month.html",
        {"month": grid, "today": today, "kinds": ITEM_KINDS.values(), "nav": "calendar"},
    )


@rule("authenticated")
def calendar_agenda(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = selectors.calendar_items(
        user=request.user, start=today, end=today + datetime.timedelta(days=AGENDA_DAYS), today=today
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/calendar_agenda.html",
        {"page": page, "today": today, "nav": "calendar"},
    )


@rule("authenticated")
def feed_settings(request: HttpRequest) -> HttpResponse:
    token = services.feed_token_for(request.user)
    url = request.build_absolute_uri(reverse("notifications:feed", kwargs={"token": token.token}))
    return render(
        request,
        "notifications/feed_settings.html",
        {"feed_url": url, "token": token, "nav": "calendar"},
    )


@rule("authenticated")
@require_POST
def feed_reset(request: HttpRequest) -> HttpResponse:
    services.feed_token_reset(actor=request.user)
    messages.success(
        request,
        _("Đã tạo liên kết lịch mới. Liên kết cũ không còn dùng được; cập nhật liên kết trong chương trình lịch của bạn."),
    )
    return redirect("notifications:feed_settings")


@rule("public")
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar a program subscribes to: the secret token stands for the user."""
    user = user_for_feed_token(token)
    today = timezone.localdate()
    items = selectors.calendar_items(
        user=user,
        start=today - datetime.timedelta(days=FEED_PAST_DAYS),
        end=today + datetime.timedelta(days=FEED_FUTURE_DAYS),
        today=today,
    )
    name = _("phoihop — lịch của %(name)s") % {"name": user.get_full_name() or user.username}
    body = build_calendar(items, base_url=request.build_absolute_uri("/") or settings.SITE_URL, name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="phoihop.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
