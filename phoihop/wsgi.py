import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phoihop.settings")
application = get_wsgi_application()

# The application is loaded: keep it out of the garbage collector's full passes (core.memory).
from phoihop.core.memory import freeze_loaded  # noqa: E402 - needs the settings configured above

freeze_loaded()
