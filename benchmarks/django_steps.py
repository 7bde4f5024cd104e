"""What the benchmark runs inside Django, each in a process of its own (see run.django_step):
seeding the data set, counting each page's queries, timing an annual report."""

SEED = """
call_command("migrate", verbosity=0)
from benchmarks.national import Sizes, seed
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from core.roles import CONSULATE_LIAISON
from partnerships.models import Consulate, Liaison, Proposal
sizes = Sizes(**ARGUMENT)
written = seed(sizes)
user = get_user_model().objects.create_user("bench-reader")
user.groups.add(Group.objects.get(name=CONSULATE_LIAISON))
Liaison.objects.create(user=user, consulate=Consulate.objects.get(slug="bench-denpasar"))
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
first = Proposal.objects.public().order_by("pk").first()
print(json.dumps({"written": written, "session": session.session_key,
                  "proposal": first.slug, "reference": first.reference}))
"""

COUNT = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
public, reader = Client(), Client()
reader.force_login(get_user_model().objects.get(username="bench-reader"))
counts = {}
for name, path in ARGUMENT:
    client = reader if path.startswith("/en/review/") else public
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        response.getvalue()
    counts[name] = len(queries) if response.status_code == 200 else None
print(json.dumps(counts))
"""


REPORT_TIMING = """
from benchmarks.annual_report import measure
print(json.dumps(measure(**ARGUMENT)))
"""
