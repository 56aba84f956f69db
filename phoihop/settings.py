"""phoihop settings: everything that differs between deployments comes from the environment.

Values are checked on start-up; a wrong value stops the process with a clear message
instead of running with a surprise.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envsecret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file named by NAME_FILE (container secrets)."""
    path = os.getenv(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.getenv(name, default)


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
DATA_DIR = Path(os.getenv("DATA_DIR", str(BASE_DIR / "data")))

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not envbool("PHOIHOP_INSECURE_DEV_KEY", "false"):
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-not-for-production-use-0123456789abcdef"
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    # A short key can be guessed offline from any signed value (cookies, links in mail).
    raise ImproperlyConfigured(
        f"SECRET_KEY must be at least 50 random characters when DEBUG is off (it has "
        f"{len(SECRET_KEY)}); make one with: "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "simple_history",
    "phoihop.core",
    "phoihop.attachments",
    "phoihop.orgs",
    "phoihop.accounts",
    "phoihop.agreements",
    "phoihop.events",
    "phoihop.plans",
    "phoihop.activities",
    "phoihop.exchange",
    "phoihop.notifications",
    "phoihop.dashboards",
    "phoihop.reviews",
    "phoihop.workflows",
    "phoihop.documents",
    "phoihop.audit",
    "phoihop.scale",
    "phoihop.ops",
    "phoihop.portal",
    "phoihop.api",
    "phoihop.imports",
    "phoihop.demo",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy on every response; downloads are never cached.
    "phoihop.core.middleware.ResponseHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    # A NUL byte in the path or a query parameter is a 400, before any view or query sees it.
    "phoihop.core.middleware.RefuseNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "phoihop.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who, from where: keeps the request for the audit log's records.
    "phoihop.audit.middleware.AuditRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Idle sessions end, sign-ins are kept up to date, a second factor is asked for.
    "phoihop.accounts.middleware.AccountSecurityMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Last, so that it sees the failed sign-ins of every view (django-axes' requirement).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "phoihop.urls"
WSGI_APPLICATION = "phoihop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "phoihop" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "phoihop.portal.context_processors.navigation",
                "phoihop.notifications.context_processors.unread",
                "phoihop.portal.context_processors.approvals",
            ],
            "builtins": ["phoihop.core.templatetags.vn", "template_partials.templatetags.partials"],
        },
    }
]

# Forms mark refused fields with Bootstrap's red border (phoihop.core.forms.BoundField).
FORM_RENDERER = "phoihop.core.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{DATA_DIR / 'phoihop.sqlite3'}"),
        # Connections are kept a minute rather than opened per request (0 turns this off).
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A writing transaction takes SQLite's write lock when it begins, so two requests that
    # write at once (numbers issued at the same instant) wait for each other instead of one
    # failing with "database is locked" when it upgrades a read lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
    DATABASES["default"]["TEST"] = {"NAME": os.getenv("TEST_SQLITE_NAME", "")}
# PostgreSQL's JIT compiler stays off for the server's connections (see phoihop.core.db).
DATABASE_JIT = envbool("DATABASE_JIT", "false")
# The planner's cost of reading a page out of order, set on the server's connections (see
# phoihop.core.db); empty keeps the server's. 1.1 says what an SSD or a cached table costs.
DATABASE_RANDOM_PAGE_COST = os.getenv("DATABASE_RANDOM_PAGE_COST", "1.1").strip()
try:
    if DATABASE_RANDOM_PAGE_COST and not 0 < float(DATABASE_RANDOM_PAGE_COST) < 1000:
        raise ValueError
except ValueError:
    raise ImproperlyConfigured(
        f"DATABASE_RANDOM_PAGE_COST must be a positive number such as 1.1, or empty, not {DATABASE_RANDOM_PAGE_COST!r}"
    ) from None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses every sign-in while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "phoihop.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("PASSWORD_MIN_LENGTH", "10")},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "phoihop" / "locale"]
TIME_ZONE = os.getenv("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
# Figures read "1.234,5" in both languages (phoihop/formats/en).
FORMAT_MODULE_PATH = ["phoihop.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "phoihop" / "static"]
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded files are served only through access-checked views, never from MEDIA_URL.
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_MB", "20") * 1024 * 1024
# A workbook brought in with more rows than this is checked and applied by the background worker.
IMPORT_BACKGROUND_ROWS = envint("IMPORT_BACKGROUND_ROWS", "2000")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Digitally signed copies: a signer's certificate is trusted when it chains to one of the root
# certificates (PEM or DER files) in this folder; empty: no root is trusted.
SIGNATURE_TRUST_ROOTS_DIR = os.getenv("SIGNATURE_TRUST_ROOTS_DIR", "")

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "phoihop@localhost")
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")

# Background jobs (reminders, e-mail, generated documents) through Django's task interface.
# By default they are kept in the database and run by `manage.py run_worker` (make run starts
# one beside the server). A deployment with several app servers may keep them in Redis
# instead: TASKS_BACKEND=phoihop.redis_tasks.RedisTaskBackend with REDIS_URL, and as worker
# `manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler default`.
TASKS_BACKEND = os.getenv("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
REDIS_URL = os.getenv("REDIS_URL", "redis://127.0.0.1:6379/0")
TASKS: dict[str, dict[str, Any]] = {"default": {"BACKEND": TASKS_BACKEND}}
if TASKS_BACKEND in ("phoihop.redis_tasks.RedisTaskBackend", "django_tasks_rq.RQBackend"):
    TASKS["default"]["QUEUES"] = ["default"]
# django-rq's queues (used by the Redis backend; harmless otherwise). Its admin pages stay off.
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
RQ_SHOW_ADMIN_LINK = False

# The cache: each process's own memory by default; CACHE_URL=redis://host:6379/2 shares it
# between app servers (the API's rate limits count across them only then).
CACHE_URL = os.getenv("CACHE_URL", "")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("CACHE_URL must be a redis:// or rediss:// address, or empty")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Security: strict by default, relaxed only with DEBUG for local development.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if DEBUG else "true")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe the health answers over plain HTTP: no redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 3600))
# Saved when changed, not on every request: the account middleware stamps the last use at most
# once a minute, which also keeps the cookie's expiry sliding (a read stays a read).
SESSION_SAVE_EVERY_REQUEST = False
# A session unused for this long ends (checked on the server, whatever the cookie says).
SESSION_IDLE_MINUTES = envint("SESSION_IDLE_MINUTES", "60")
# Operations: /readyz reports not ready when a background job has waited this long to start.
TASK_STALL_MINUTES = envint("TASK_STALL_MINUTES", "15")
AUDIT_EXPORT_MAX_ROWS = envint("AUDIT_EXPORT_MAX_ROWS", "100000")  # rows in one audit-log CSV export
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Browser features phoihop never uses are switched off for every page (the clipboard, used to
# copy the calendar link, is left alone).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
# No inline scripts or styles anywhere: behaviour and looks come from static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# Sign-in throttling (django-axes). Failed sign-ins and wrong second-factor codes are counted
# per account (AXES_ACCOUNT_FAILURE_LIMIT, by default AXES_FAILURE_LIMIT), per account and address
# (AXES_FAILURE_LIMIT) and per address (AXES_ADDRESS_FAILURE_LIMIT, far higher: a whole office may
# share its proxy's address; 0: none); reaching one refuses further attempts for
# AXES_COOLOFF_MINUTES. See phoihop.accounts.lockout.
AXES_HANDLER = "phoihop.accounts.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
# None: the same as AXES_FAILURE_LIMIT.
AXES_ACCOUNT_FAILURE_LIMIT = (
    envint("AXES_ACCOUNT_FAILURE_LIMIT", "") if os.getenv("AXES_ACCOUNT_FAILURE_LIMIT") else None
)
AXES_ADDRESS_FAILURE_LIMIT = envint("AXES_ADDRESS_FAILURE_LIMIT", "100")
if AXES_FAILURE_LIMIT < 1 or (AXES_ACCOUNT_FAILURE_LIMIT is not None and AXES_ACCOUNT_FAILURE_LIMIT < 1):
    raise ImproperlyConfigured("AXES_FAILURE_LIMIT and AXES_ACCOUNT_FAILURE_LIMIT must be 1 or more")
if AXES_ADDRESS_FAILURE_LIMIT < 0 or 0 < AXES_ADDRESS_FAILURE_LIMIT < AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        "AXES_ADDRESS_FAILURE_LIMIT must be 0 (no per-address limit) or at least AXES_FAILURE_LIMIT"
    )
if os.getenv("AXES_LOCKOUT_BY"):
    raise ImproperlyConfigured(
        "AXES_LOCKOUT_BY is no longer read: sign-ins are counted per account, per account and "
        "address, and per address (AXES_ADDRESS_FAILURE_LIMIT, 0 for none); remove it"
    )
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "30"))
# The records are kept per account, address and browser; the counts above are read from them.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "phoihop.accounts.views.lockout"
AXES_USERNAME_FORM_FIELD = "username"
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
AXES_CLIENT_IP_CALLABLE = "phoihop.core.network.client_ip"
# How many reverse proxies stand in front of the app: the client's address is then read from
# X-Forwarded-For, that many entries from its right end (0: the connection's own address).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")

# Two-factor sign-in (django-otp): members holding one of these roles somewhere ("viewer",
# "officer", "leader", "admin", or "staff" for system administrators) must set up an
# authenticator app before anything else.
OTP_REQUIRED_ROLES = envlist("OTP_REQUIRED_ROLES", "")
if set(OTP_REQUIRED_ROLES) - {"viewer", "officer", "leader", "admin", "staff"}:
    raise ImproperlyConfigured("OTP_REQUIRED_ROLES may name viewer, officer, leader, admin, staff")
OTP_TOTP_ISSUER = os.getenv("OTP_TOTP_ISSUER", "phoihop")
# How long a signed invitation link stays valid.
INVITATION_DAYS = envint("INVITATION_DAYS", "7")
# The API (phoihop/api): a personal access token lasts at most this many days, and makes at
# most API_RATE_LIMIT requests in each window of API_RATE_WINDOW seconds (as does each user
# calling it through the signed-in session).
API_TOKEN_MAX_DAYS = envint("API_TOKEN_MAX_DAYS", "365")
API_RATE_LIMIT = envint("API_RATE_LIMIT", "120")
API_RATE_WINDOW = envint("API_RATE_WINDOW", "60")
# The personal calendar feed: the days it covers around today, and at most how many items.
FEED_PAST_DAYS = envint("FEED_PAST_DAYS", "60")
FEED_FUTURE_DAYS = envint("FEED_FUTURE_DAYS", "400")
FEED_MAX_ITEMS = envint("FEED_MAX_ITEMS", "1000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "phoihop": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
