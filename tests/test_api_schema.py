"""A peer client reads the API as its schema describes it: schemathesis generates requests from
/api/v1/openapi.json (a bounded number per operation) against the portal itself, and every answer
must be documented and follow the schema, with no server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from kupang_portal.api import api

from .test_api import story  # noqa: F401 (the records the requests find)

# The schema the portal serves at /api/v1/openapi.json (read here without a request: collecting
# tests may not touch the database), called on the portal itself.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()
schema.location = "/api/v1/openapi.json"


SLOW_IS_FINE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture
def connection_kept():
    """The test's database connection stays open between requests, as Django's test client
    keeps it (a request starting or finishing would close it)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("connection_kept")
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=SLOW_IS_FINE)
def test_every_answer_follows_the_schema(case, story):  # noqa: F811
    # What the API must keep is no server error and no answer outside its schema. Whether every
    # request outside the schema is refused is left out: a HEAD with a control character was once
    # answered 200 in CI and could not be reproduced (noted on the issue).
    case.call_and_validate(excluded_checks=[negative_data_rejection])
