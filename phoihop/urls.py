from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.i18n import set_language

from phoihop.accounts.access import rule
from phoihop.attachments.urls import urlpatterns as attachment_urls
from phoihop.core.urls import urlpatterns as core_urls

urlpatterns = [
    # The attachment routes were born in core and keep their names there (core:attachment_download).
    path("", include((core_urls + attachment_urls, "core"))),
    path("tai-khoan/", include("phoihop.accounts.urls")),
    path("co-quan/", include("phoihop.orgs.urls")),
    path("van-ban/", include("phoihop.agreements.urls")),
    path("hoi-nghi/", include("phoihop.events.urls")),
    path("ke-hoach/", include("phoihop.plans.urls")),
    path("hoat-dong/", include("phoihop.activities.urls")),
    path("trao-doi/", include("phoihop.exchange.urls")),
    path("thong-bao/", include("phoihop.notifications.urls")),
    path("theo-doi/", include("phoihop.dashboards.urls")),
    path("so-tong-ket/", include("phoihop.reviews.urls")),
    path("van-ban-mau/", include("phoihop.documents.urls")),
    path("van-ban-mau/", include("phoihop.documents.file_urls")),
    path("nhat-ky/", include("phoihop.audit.urls")),
    path("", include("phoihop.ops.urls")),
    path("ngon-ngu/", rule("public")(set_language), name="set_language"),
    # Browsers ask for /favicon.ico on pages without the <link rel="icon"> (error pages, files).
    path("favicon.ico", rule("public")(lambda request: HttpResponsePermanentRedirect(static("phoihop/favicon.svg")))),
    path("quan-tri/", admin.site.urls),
]
