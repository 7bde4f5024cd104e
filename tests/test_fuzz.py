"""No input crashes a page: arbitrary path segments, query strings and form bodies sent to every
URL name, as an anonymous visitor, a liaison and city staff, must never answer 5xx.

Each example starts from a real address of the access matrix (so it reaches the view behind the
URL name, not only the 404 page), replaces one of its path segments, adds a query string and, for
a POST, a form body, sometimes with a file (so that the upload checks are reached too).
Hypothesis shrinks any crash to the smallest request that causes it. CI runs this on PostgreSQL,
which refuses what SQLite lets pass (NUL characters, numbers too large for a column).
`PORTAL_FUZZ_EXAMPLES` sets the number of examples per role (default 150).
"""

import os
from urllib.parse import quote, urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_access_matrix import TABLE, World

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "150"))

# Names the portal's pages read from queries and forms, so that fuzzed values reach real code.
KNOWN_KEYS = [
    "q", "p", "o", "e", "page", "all", "next", "term", "status", "status__exact", "sector",
    "partner_city", "year", "offered_on__year", "offered_on__month", "occurred_at__day",
    "archived", "_changelist_filters", "_popup", "_to_field", "app_label", "model_name",
    "field_name", "language", "body", "form_token", "is_request", "city", "rationale", "reason",
    "note", "when", "username", "password", "email", "action", "_selected_action",
    "select_across", "index", "title_ind", "proposal", "kind", "reference", "closing_reason",
    "closing_note", "closed_on", "state", "new_password1", "new_password2", "old_password",
    "occurred_at_0", "occurred_at_1", "signed_on", "partner_city", "file", "_save", "post",
]  # fmt: skip
AWKWARD = [
    "", "0", "-1", "1.5", "99999999999999999999", "1e309", "NaN", "\x00", "%00", "..", "../..",
    "a" * 300, "<script>alert(1)</script>", "' OR 1=1 --", "\u202e", "\ufeff", "🐉", "null",
    "[]", "{}", "true", "2023-02-30", "0000-00-00", "9999-12-31T25:61:61",
]  # fmt: skip
text = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=40))
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=12))
fields = st.dictionaries(keys, st.one_of(text, st.lists(text, max_size=3)), max_size=6)
ENTRIES = [(name, variant) for name, entry in sorted(TABLE.items()) for variant in entry.variants]
# Files as the upload checks meet them: right first bytes and anything after, or anything at all.
SIGNATURES = [
    b"",
    b"%PDF-1.7\n",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff\xe0",
    b"RIFF\x00\x00\x00\x00WEBP",
]
uploads = st.builds(
    lambda name, head, rest: SimpleUploadedFile(name, head + rest),
    st.sampled_from(["letter.pdf", "photo.png", "photo.jpg", "photo.webp", "x", "a.html"]),
    st.sampled_from(SIGNATURES),
    st.binary(max_size=512),
)


@st.composite
def requests(draw):
    name, variant = draw(st.sampled_from(ENTRIES))
    build, _outcomes = TABLE[name].variants[variant]
    method = draw(st.sampled_from(("GET", "POST")))
    replace = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=8)))
    segment = draw(text)
    quoted = draw(st.booleans())
    query = draw(fields)
    body = draw(fields) if method == "POST" else {}
    if method == "POST" and draw(st.booleans()):
        body[draw(st.sampled_from(["file", "document"]))] = draw(uploads)
    return name, build, method, replace, segment, quoted, query, body


def address(world, build, replace, segment, quoted):
    url = build(world)
    path, _, query = url.partition("?")
    parts = path.split("/")
    inner = [i for i, part in enumerate(parts) if part]
    if replace is not None and inner:
        parts[inner[replace % len(inner)]] = quote(segment, safe="") if quoted else segment
    return "/".join(parts) + (f"?{query}" if query else "")


def send(client, world, request):
    name, build, method, replace, segment, quoted, query, body = request
    url = address(world, build, replace, segment, quoted)
    if query:
        url += ("&" if "?" in url else "?") + urlencode(query, doseq=True)
    with transaction.atomic():
        if any(isinstance(value, SimpleUploadedFile) for value in body.values()):
            response = client.post(url, body)  # multipart, as a browser sends a file
        else:
            response = client.generic(
                method,
                url,
                data=urlencode(body, doseq=True),
                content_type="application/x-www-form-urlencoded",
            )
        transaction.set_rollback(True)
    return name, url, response


@pytest.fixture
def world(db):
    return World()


@pytest.mark.parametrize("role", ["anonymous", "liaison_own", "staff"])
def test_no_request_answers_a_server_error(world, role):
    # The test client raises a view's unhandled exception, so a crash fails with its traceback.
    client = Client(raise_request_exception=True)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(request=requests())
    def no_server_error(request):
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        name, url, response = send(client, world, request)
        assert response.status_code < 500, (name, url, response.status_code)

    no_server_error()
