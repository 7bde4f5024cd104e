from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

from core.roles import sync_roles
from tests.factories import LiaisonFactory, ProposalFactory, StaffUserFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, a test database in a file (one per xdist worker) rather than in memory: Django
    shares one in-memory connection between the live server's thread and the test's, and a test
    that left it inside a transaction broke every later browser test. With a file each thread
    has its own connection, as on PostgreSQL."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("db") / "test.sqlite3"
        )


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    # Every test reads public pages through the page cache (in production it is on with a shared
    # cache): a change a test makes that did not reach the pages would fail it.
    settings.PORTAL_PAGE_CACHE = True
    # Hot pages are built again after a change only where a test asks (test_page_warming.py).
    settings.PORTAL_WARM_PAGES = False
    # The API's per-client limit counts only where a test asks (test_api.py): every test reads
    # from the one test client address.
    settings.PORTAL_API_RATE_LIMIT = 0
    # The second factor is asked for where a test asks (test_second_factor.py, which walks the
    # admin and review pages of the access matrix with it on); elsewhere a signed-in test user
    # is taken as verified.
    settings.PORTAL_REQUIRE_2FA = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # Throttle counters live in the cache; each test starts with none.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # Content written through a translated field goes to the active language's column, so every
    # test starts in Indonesian whatever the previous request activated.
    with translation.override("id"):
        yield


@pytest.fixture
def in_english():
    """Refusals, labels and pages read in English (tests use it through
    `pytest.mark.usefixtures("in_english")`)."""
    with translation.override("en"):
        yield


@pytest.fixture
def partnership(db):
    """A signed, active and published partnership with a five-year term."""
    return ProposalFactory(active=True, slug="kupang-yamabe", term_years=5)


@pytest.fixture
def staff_user(db):
    return StaffUserFactory(username="staff")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def liaison(db):
    return LiaisonFactory(user__username="liaison")


@pytest.fixture
def liaison_client(client, liaison):
    client.force_login(liaison.user)
    return client


@pytest.fixture
def citizen_client(client, db):
    client.force_login(UserFactory(username="citizen"))
    return client


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def reference_data(transactional_db):
    """The rows data migrations create (sectors, role groups), which a transactional test's
    flush empties. Serialized rollback cannot be relied on here: Playwright's event loop gives
    the test thread a fresh database connection that lacks the serialized copy."""
    import_module("partnerships.migrations.0002_focus_sectors").create_sectors(apps, None)
    sync_roles(apps)


@pytest.fixture
def on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks; CI runs this on PostgreSQL")


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"
