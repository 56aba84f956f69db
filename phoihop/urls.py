from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.i18n import set_language

from phoihop.agreements.urls import urlpatterns as agreement_urls
from phoihop.attachments.urls import urlpatterns as attachment_urls
from phoihop.core.access import rule
from phoihop.orgs.urls import urlpatterns as orgs_urls
from phoihop.plans.urls import document_urlpatterns as plan_document_urls
from phoihop.portal.urls import urlpatterns as portal_urls
from phoihop.workflows.urls import agreement_urlpatterns as agreement_workflow_urls
from phoihop.workflows.urls import orgs_urlpatterns as orgs_workflow_urls


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on pages without the <link rel="icon"> (error pages, files)."""
    return HttpResponsePermanentRedirect(static("phoihop/favicon.svg"))


urlpatterns = [
    # The home page, the search (portal) and the attachment routes were born in core and keep
    # their names there (core:home, core:search, core:attachment_download).
    path("", include((portal_urls + attachment_urls, "core"))),
    path("tai-khoan/", include("phoihop.accounts.urls")),
    # Recording a succession and passing its open work to a successor are a workflow (registry,
    # agreements, plans, exchange); their pages keep the orgs names and paths.
    path("co-quan/", include((orgs_urls + orgs_workflow_urls, "orgs"))),
    # Renewal is a workflow (agreements and plans); its page keeps agreements:renewal_create.
    path("van-ban/", include((agreement_urls + agreement_workflow_urls, "agreements"))),
    path("hoi-nghi/", include("phoihop.events.urls")),
    path("ke-hoach/", include("phoihop.plans.urls")),
    path("hoat-dong/", include("phoihop.activities.urls")),
    path("trao-doi/", include("phoihop.exchange.urls")),
    path("thong-bao/", include("phoihop.notifications.urls")),
    path("theo-doi/", include("phoihop.dashboards.urls")),
    path("so-tong-ket/", include("phoihop.reviews.urls")),
    # The documents of an agreement and its plans are made in plans; they keep documents:….
    path("van-ban-mau/", include((plan_document_urls, "documents"))),
    path("van-ban-mau/", include("phoihop.documents.file_urls")),
    path("nhat-ky/", include("phoihop.audit.urls")),
    path("api/v1/", include("phoihop.api.urls")),
    path("nhap-du-lieu/", include("phoihop.imports.urls")),
    path("", include("phoihop.ops.urls")),
    path("ngon-ngu/", rule("public")(set_language), name="set_language"),
    path("favicon.ico", rule("public")(favicon)),
    path("quan-tri/", admin.site.urls),
]
