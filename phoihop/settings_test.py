"""Settings for the test suite: production settings with the local-only relaxations."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("PHOIHOP_INSECURE_DEV_KEY", "true")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from phoihop.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Each test process has its own upload folder, so the SQLite and PostgreSQL runs can go side by
# side; the suite removes it at the end (phoihop/conftest.py).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="phoihop-test-media-"))
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The API's rate limits have their own tests, which set them; elsewhere one user's many calls in
# a minute (the route walk asks every API route as each user) would be cut off.
API_RATE_LIMIT = 100_000
