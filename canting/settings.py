"""Canting settings, read from the environment (see docs/operations.md for every variable).

Two modes: ``development`` (the default: a laptop, SQLite under ``var/``, a generated secret key) and
``production`` (``CANTING_MODE=production``: a secret key, allowed hosts and HTTPS are required).
"""

from __future__ import annotations

import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from canting.env import env_bool, env_choice, env_int, env_list, env_str

if TYPE_CHECKING:
    from django.http import HttpRequest

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
DATA_DIR = Path(env_str("CANTING_DATA_DIR", str(REPO_DIR / "var"))).resolve()

MODE = env_choice("CANTING_MODE", ("development", "production"), "development")
PRODUCTION = MODE == "production"
DEBUG = env_bool("CANTING_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("CANTING_DEBUG cannot be on when CANTING_MODE=production")


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        # The same bar as Django's deployment check (security.W009), enforced at start-up instead of as a warning.
        if PRODUCTION and (len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-")):
            raise ImproperlyConfigured(
                "SECRET_KEY must be at least 50 characters with at least 5 different ones, and not a generated "
                "development key (django-insecure-...)"
            )
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when CANTING_MODE=production")
    # A laptop install keeps a generated key beside its database, so sessions survive a restart.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when CANTING_MODE=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so translated fields show there
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_countries",
    "axes",
    "canting.core",
    "canting.registry",
    "canting.catalogue",
    "canting.certification",
    "canting.training",
    "canting.turnover",
    "canting.facilities",
    "canting.exhibitions",
    "canting.trade",
    "canting.dashboard",
    "canting.demo",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: the language rule differs for signed-in users and visitors.
    "canting.core.middleware.CantingLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "canting.urls"
WSGI_APPLICATION = "canting.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "canting.core.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite under DATA_DIR unless DATABASE_URL names another (PostgreSQL in production).
_database_url = env_str("DATABASE_URL")
if _database_url:
    try:
        DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database address: {exc}") from None
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "canting.sqlite3"),
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at BEGIN so two
                # writers queue on busy_timeout instead of failing on a lock upgrade.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Tests get a file of their own (one per test process), not a shared in-memory database, so tests
            # with several connections at once (concurrent enrolment) lock as a real deployment does.
            "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"canting-test-{os.getpid()}.sqlite3")},
            # Kept between requests, as PostgreSQL's: opening one (its PRAGMAs, Django's SQL functions) cost every
            # request about 1 ms. Connections belong to one thread: gunicorn's sync workers (`canting serve`) each
            # keep theirs, and the development server closes its threads' connections after each request.
            "CONN_MAX_AGE": 60,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "canting.core.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 12 hours at most, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 12, minimum=1) * 3600
if SESSION_COOKIE_AGE > 12 * 3600:
    raise ImproperlyConfigured("SESSION_HOURS must be 12 or less")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling: after AXES_FAILURE_LIMIT failures for one user name from one address, that pair waits out a
# cool-off; nobody is locked out for good.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False
# How many reverse proxies stand in front: the client's address is that many hops from the right end of
# X-Forwarded-For, since each trusted proxy appends what it saw; anything further left was written by the client.
PROXY_COUNT = env_int("PROXY_COUNT", 0, minimum=0)


# The one address of every client whose own cannot be read: they share one allowance.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 -- a key for the throttles, never an address bound to


def client_address(request: HttpRequest) -> str:
    """The address the login throttle counts failures for: never one a client can choose by sending a header.

    WSGI does not require REMOTE_ADDR (a server on a Unix socket may leave it out), and a proxy may write anything:
    an address that is missing or not an IP address is ``UNKNOWN_ADDRESS``, not a server error in the rate limits.
    """
    import ipaddress

    from django.conf import settings

    address = request.META.get("REMOTE_ADDR") or ""
    if settings.PROXY_COUNT:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= settings.PROXY_COUNT:
            address = hops[-settings.PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return UNKNOWN_ADDRESS


AXES_CLIENT_IP_CALLABLE = client_address

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_countries"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "id"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("id", "en")
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
# The web server's internal location that maps to MEDIA_ROOT (e.g. /internal-media/): Canting checks who may see a
# catalogue picture, then lets the web server send the file (X-Accel-Redirect). Empty: Canting sends it itself.
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT")
if MEDIA_ACCEL_REDIRECT and not (MEDIA_ACCEL_REDIRECT.startswith("/") and MEDIA_ACCEL_REDIRECT.endswith("/")):
    raise ImproperlyConfigured(
        f"MEDIA_ACCEL_REDIRECT={MEDIA_ACCEL_REDIRECT!r} is not a location: write a path that starts and ends with /, "
        "e.g. /internal-media/"
    )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# A laptop serves static files straight from the apps; production collects them once at deployment.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_AUTOREFRESH = DEBUG

FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# A whole province in one file: 60,000 enterprises and 60,000 people with every column filled make 7.3 MB. Checking
# and applying run as background tasks (canting.registry.tasks); docs/benchmarks.md has their times.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 20, minimum=1) * 1024 * 1024
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 60_000, minimum=1)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Canting <canting@localhost>")
# The public address every link that leaves the site is built on (QR codes, e-mails, shared links). A laptop's
# `canting serve --port N` sets it to that port; production must name it.
CANTING_SITE_URL = env_str("CANTING_SITE_URL").rstrip("/")
if CANTING_SITE_URL:
    _site = urlsplit(CANTING_SITE_URL)
    if _site.scheme not in ("http", "https") or not _site.hostname or _site.path or _site.query:
        raise ImproperlyConfigured(
            f"CANTING_SITE_URL={env_str('CANTING_SITE_URL')!r} is not a site address: write the scheme and host only, "
            "e.g. https://canting.mojokertokota.go.id"
        )
elif PRODUCTION:
    raise ImproperlyConfigured(
        "CANTING_SITE_URL is required when CANTING_MODE=production: the public address that QR codes, e-mails and "
        "shared links point to, e.g. https://canting.mojokertokota.go.id"
    )
else:
    CANTING_SITE_URL = "http://127.0.0.1:8000"
TURNOVER_REMINDER_DAY = env_int("TURNOVER_REMINDER_DAY", 10, minimum=1)  # from this day, remind late reporters

# Background work (django-tasks). "immediate" runs a task in the process that asks for it, which suits one centre
# on a laptop; "database" queues it in the database for a worker process (`canting db_worker`) in a deployment.
TASKS_BACKEND = env_choice("TASKS_BACKEND", ("immediate", "database"), "immediate")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# Product passports: how many times one client address may open passports a minute before it is asked to wait.
PASSPORT_RATE = env_str("PASSPORT_RATE", "60/m")
RATELIMIT_IP_META_KEY = "canting.settings.client_address"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["canting.core.permissions.DenyAll"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "canting.core.api.schema.CantingAutoSchema",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Canting API",
    "DESCRIPTION": "Registry of batik small industries (IKM), their people and the support they received.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Enterprises and products share the technique choices; one enum in the schema, not two.
    "ENUM_NAME_OVERRIDES": {
        "TechniqueEnum": "canting.registry.models.Technique",
        "CertificationStatusEnum": "canting.certification.models.CertificationStatus",
        "VerdictEnum": "canting.certification.models.Verdict",
        "StandardStatusEnum": "canting.certification.models.StandardStatus",
        "LabelStatusEnum": "canting.certification.models.LabelStatus",
        "CountryEnum": "django_countries.countries",
    },
}

# The cache holds the public pages kept for visitors (canting/core/public_cache.py) and the passport rate-limit
# counts, so every process serving Canting must share it. CACHE_URL selects Redis (a city, a province, the country);
# the embedded default is a cache on disk under DATA_DIR that gunicorn's workers share, with atomic counters.
_cache_url = env_str("CACHE_URL")
if _cache_url and not _cache_url.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("CACHE_URL must be a redis:// or rediss:// address")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url
        else {
            # diskcache.DjangoCache whose SQLite connections stay open between requests (canting/core/cache.py).
            "BACKEND": "canting.core.cache.DiskCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "SHARDS": 4,
            # How long a write waits for another process's; past it the write is skipped, not an error.
            "DATABASE_TIMEOUT": 0.5,
            "OPTIONS": {"size_limit": 256 * 1024 * 1024},
        }
    )
}
SHOWCASE_CACHE_SECONDS = env_int("SHOWCASE_CACHE_SECONDS", 60, minimum=0)
PICTURE_MAX_BYTES = env_int("PICTURE_MAX_MB", 12, minimum=1) * 1024 * 1024
PICTURE_MAX_PIXELS = env_int("PICTURE_MAX_MEGAPIXELS", 40, minimum=1) * 1_000_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_forbidden": {"()": "canting.core.logs.QuietForbidden"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["quiet_forbidden"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING").upper()},
}

# The API's throttle finds the client's address the same way as the login throttle.
REST_FRAMEWORK["NUM_PROXIES"] = PROXY_COUNT

X_FRAME_OPTIONS = "DENY"
# Only Canting's own files run as script: no inline script or handlers (pages bind behaviour by data attributes in
# core/canting.js), nothing from other hosts (every asset is vendored). Inline style attributes stay allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    # The reverse proxy terminates TLS and must set X-Forwarded-Proto (and overwrite any value a client sent).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer's health probe talks plain HTTP to the app server directly.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
