from django.urls import path

from phoihop.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/mo/", views.notification_open, name="open"),
    path("<int:pk>/da-doc/", views.notification_mark_read, name="mark_read"),
    path("<int:pk>/xoa/", views.notification_clear, name="clear"),
    path("da-doc-tat-ca/", views.notifications_mark_all_read, name="mark_read_all"),
    path("xoa-tat-ca/", views.notifications_clear_all, name="clear_all"),
    path("tuy-chon/", views.preferences, name="preferences"),
    path("lich/", views.calendar_month, name="calendar"),
    path("lich/sap-toi/", views.calendar_agenda, name="agenda"),
    path("lich/dang-ky/", views.feed_settings, name="feed_settings"),
    path("lich/dang-ky/dat-lai/", views.feed_reset, name="feed_reset"),
    path("lich/<str:token>.ics", views.feed, name="feed"),
]
