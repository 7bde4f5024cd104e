"""Who reaches what: every URL name in the project, as each of seven roles, on each kind of record
it can name (the handling consulate's or another's, a draft, an unpublished or archived one).

The table below is the site's access policy. A URL name the table does not cover fails the
coverage test, so a new page cannot ship without saying who may open it. Every request runs in a
savepoint that is rolled back, so a write one role was allowed leaves nothing for the next.

Outcomes are what a person meets: the page (OK, including a form sent back with its errors), the
sign-in page (LOGIN, or ADMIN_LOGIN for the admin), "not allowed" (DENIED, 403) or "no such
page" (MISSING, 404: a record a role may not know of looks like one that does not exist).
"""

import datetime
from dataclasses import dataclass, field

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from core.roles import CITY_STAFF
from partnerships.follower_data import data_token
from partnerships.follows import confirm_token, leave_token
from partnerships.models import Approval, Follower, Proposal
from programmes.models import Activity, ActivityFile, AnnualReport, Indicator
from programmes.reports import report_contents
from tests.factories import (
    PDF_BYTES,
    ApprovalFactory,
    CandidateCityFactory,
    CommentFactory,
    CommitmentFactory,
    ConsulateFactory,
    DelegateFactory,
    DocumentFactory,
    FocusSectorFactory,
    LiaisonFactory,
    PartnerCityFactory,
    ProfileFactory,
    ProposalEventFactory,
    ProposalFactory,
    ProvinceFactory,
    StaffUserFactory,
    UserFactory,
    VisitDocumentFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db

OK, LOGIN, ADMIN_LOGIN, DENIED, MISSING = "ok", "login", "admin-login", "403", "404"
ROLES = ("anonymous", "no_role", "liaison_own", "liaison_other", "staff", "superuser",
         "staff_flag_only")  # fmt: skip
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "PROPFIND")
READ, WRITE, READ_WRITE = ("GET",), ("POST",), ("GET", "POST")


def everyone(outcome):
    return dict.fromkeys(ROLES, outcome)


def review_gate(liaison_own=OK, staff=OK, liaison_other=MISSING):
    """The liaison workspace: signed-in staff and liaisons only; a proposal another consulate
    handles, or one a role may not see, is missing."""
    return {"anonymous": LOGIN, "no_role": DENIED, "staff_flag_only": DENIED,
            "liaison_own": liaison_own, "liaison_other": liaison_other, "staff": staff,
            "superuser": staff}  # fmt: skip


def admin_gate(staff=OK, superuser=OK, staff_flag_only=DENIED):
    """The admin: staff accounts only; the rest are sent to its sign-in page."""
    return {"anonymous": ADMIN_LOGIN, "no_role": ADMIN_LOGIN, "liaison_own": ADMIN_LOGIN,
            "liaison_other": ADMIN_LOGIN, "staff": staff, "superuser": superuser,
            "staff_flag_only": staff_flag_only}  # fmt: skip


def signed_in(outcome=OK):
    return {**everyone(outcome), "anonymous": LOGIN}


@dataclass
class Entry:
    """One URL name: how to build its address for each variant, what each role meets there, and
    which methods it answers (the rest answer 405)."""

    methods: tuple
    variants: dict = field(default_factory=dict)  # variant -> (url builder, {role: outcome})
    method: str = ""  # the method the access check uses; the first allowed one by default

    @property
    def probe_method(self):
        return self.method or self.methods[0]


def one(url, outcomes, methods=READ, **kwargs):
    return Entry(methods, {"-": (url, outcomes)}, **kwargs)


# ---------------------------------------------------------------------------------------------
# The records each variant names.


class World:
    def __init__(self):
        self.ours = ConsulateFactory(slug="denpasar")
        self.theirs = ConsulateFactory(slug="surabaya")
        self.users = {
            "no_role": UserFactory(username="citizen"),
            "liaison_own": LiaisonFactory(user__username="aiko", consulate=self.ours).user,
            "liaison_other": LiaisonFactory(user__username="kenji", consulate=self.theirs).user,
            "staff": StaffUserFactory(username="staff"),
            "superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
            "staff_flag_only": UserFactory(username="flag", is_staff=True),
        }
        self.sector = FocusSectorFactory(slug="education")
        self.city = PartnerCityFactory(slug="kitakyushu", country="JP")
        self.province = ProvinceFactory()
        self.profile = ProfileFactory()
        self.proposals = {
            "offered": ProposalFactory(exploring=True, consulate=self.ours, slug="offered"),
            "draft": ProposalFactory(consulate=self.ours, slug="draft"),
            "unpublished": ProposalFactory(
                offered=True, published=False, consulate=self.ours, slug="unpublished"
            ),  # fmt: skip
            "archived": ProposalFactory(offered=True, consulate=self.ours, slug="archived"),
        }
        for proposal in self.proposals.values():
            proposal.sectors.set([self.sector])
        self.follower = Follower.objects.create(
            proposal=self.proposals["offered"], email="reader@example.org"
        )
        self.visits = {
            "published": VisitFactory(slug="published-visit", published=True),
            "unpublished": VisitFactory(slug="unpublished-visit", published=False),
            "archived": VisitFactory(slug="archived-visit", published=True),
        }
        offered = self.proposals["offered"]
        self.documents = {
            "public": DocumentFactory(proposal=offered, is_public=True),
            "internal": DocumentFactory(proposal=offered, is_public=False),
            "of a draft": DocumentFactory(proposal=self.proposals["draft"], is_public=True),
            "archived": DocumentFactory(proposal=offered, is_public=True),
        }
        self.visit_documents = {
            "public": VisitDocumentFactory(visit=self.visits["published"], is_public=True),
            "internal": VisitDocumentFactory(visit=self.visits["published"], is_public=False),
            "of an unpublished visit": VisitDocumentFactory(
                visit=self.visits["unpublished"], is_public=True
            ),
            "archived": VisitDocumentFactory(visit=self.visits["published"], is_public=True),
        }
        self.approvals = {
            "offered": ApprovalFactory(proposal=offered),
            "draft": ApprovalFactory(proposal=self.proposals["draft"]),
            "archived": ApprovalFactory(proposal=offered, kind=list(Approval.Kind)[1]),
        }
        self.candidates = {
            name: CandidateCityFactory(proposal=proposal, city=self.city)
            for name, proposal in self.proposals.items()
        }
        self.questions = {
            name: CommentFactory(
                proposal=proposal, is_request=True, author=self.users["liaison_own"]
            )  # fmt: skip
            for name, proposal in self.proposals.items()
        }
        self.event = ProposalEventFactory(proposal=offered)
        self.commitment = CommitmentFactory(visit=self.visits["published"])
        self.delegate = DelegateFactory(visit=self.visits["published"])
        self.activity = Activity.objects.create(
            partnership=ProposalFactory(active=True, consulate=self.ours, slug="active"),
            title="Drill", kind="training", starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 1, 2),
        )  # fmt: skip
        shown = Activity.objects.create(
            partnership=self.activity.partnership, title="Fair", kind="event", is_public=True,
            starts_on=datetime.date(2025, 2, 1), ends_on=datetime.date(2025, 2, 1),
        )  # fmt: skip
        self.activity_files = {
            "public": ActivityFile(activity=shown, is_public=True),
            "internal": ActivityFile(activity=shown, is_public=False),
            "archived": ActivityFile(activity=shown, is_public=True, archived_at=timezone.now()),
            # An internal activity's files stay internal, whatever their own flag says.
            "of an internal activity": ActivityFile(activity=self.activity, is_public=True),
        }
        for name, record in self.activity_files.items():
            record.kind, record.title = "document", name
            record.file = ContentFile(PDF_BYTES, name="handout.pdf")
            record.save()
        self.indicator = Indicator.objects.create(
            partnership=self.activity.partnership, sector=self.sector, name="Drills",
            unit="drills", baseline=0, baseline_year=2024, target=4,
        )  # fmt: skip
        now = timezone.now()
        # One partnership's reports in each state the public pages must tell apart.
        partnership = self.activity.partnership
        self.reports = {}
        for name, year, changes in [
            ("published", 2024, {"frozen_at": now, "published_at": now}),
            ("frozen, unpublished", 2025, {"frozen_at": now}),
            ("draft", 2026, {}),
            ("archived", 2023, {"frozen_at": now, "published_at": now, "archived_at": now}),
        ]:
            report = AnnualReport(partnership=partnership, year=year)
            if changes:
                report.contents = report_contents(report)
            for attribute, value in changes.items():
                setattr(report, attribute, value)
            report.save()
            self.reports[name] = report
        for record in (self.proposals["archived"], self.visits["archived"],
                       self.documents["archived"], self.approvals["archived"],
                       self.visit_documents["archived"]):  # fmt: skip
            type(record).objects.filter(pk=record.pk).update(archived_at=now)
        self.liaison = self.users["liaison_own"].liaison
        self.group = Group.objects.get(name=CITY_STAFF)
        self.sector.save()  # made by a data migration, without an edit history until now
        sign_in = {"user_agent": "ua", "ip_address": "203.0.113.9", "username": "aiko",
                   "http_accept": "*/*", "path_info": "/accounts/login/"}  # fmt: skip
        self.attempt = AccessAttempt.objects.create(
            **sign_in, get_data="", post_data="", failures_since_start=1
        )
        self.access_log = AccessLog.objects.create(**sign_in)
        self.failure_log = AccessFailureLog.objects.create(**sign_in)
        self.task_result = DBTaskResult.objects.create(
            args_kwargs={}, task_path="partnerships.tasks.send_notice", backend_name="default",
            run_after=get_date_max(), exception_class_path="", traceback="",
        )  # fmt: skip

    def reference(self, variant):
        return self.proposals[variant].reference

    def admin_object(self, model):
        """A record of each model the admin manages, for its change, history and other pages."""
        label = model._meta.label_lower
        return {
            "partnerships.proposal": self.proposals["offered"],
            "partnerships.proposalevent": self.event,
            "partnerships.candidatecity": self.candidates["offered"],
            "partnerships.approval": self.approvals["offered"],
            "partnerships.document": self.documents["public"],
            "delegations.visitdocument": self.visit_documents["public"],
            "partnerships.comment": self.questions["offered"],
            "partnerships.focussector": self.sector,
            "partnerships.province": self.province,
            "partnerships.partnercity": self.city,
            "partnerships.consulate": self.theirs,
            "partnerships.liaison": self.liaison,
            "partnerships.profile": self.profile,
            "delegations.visit": self.visits["published"],
            "delegations.delegate": self.delegate,
            "delegations.commitment": self.commitment,
            "programmes.activity": self.activity,
            "programmes.indicator": self.indicator,
            "programmes.annualreport": self.reports["draft"],
            "programmes.activityfile": self.activity_files["internal"],
            "auth.user": self.users["no_role"],
            "auth.group": self.group,
            "axes.accessattempt": self.attempt,
            "axes.accesslog": self.access_log,
            "axes.accessfailurelog": self.failure_log,
            "django_tasks_database.dbtaskresult": self.task_result,
        }[label]


# ---------------------------------------------------------------------------------------------
# The public site, accounts and feeds.

PROPOSAL_PAGE = {"offered": everyone(OK), "draft": everyone(MISSING),
                 "unpublished": everyone(MISSING), "archived": everyone(MISSING)}  # fmt: skip
PUBLIC_DOCUMENT = {"public": everyone(OK), "internal": everyone(MISSING),
                   "of a draft": everyone(MISSING), "archived": everyone(MISSING)}  # fmt: skip
PUBLIC_VISIT_DOCUMENT = {"public": everyone(OK), "internal": everyone(MISSING),
                         "of an unpublished visit": everyone(MISSING),
                         "archived": everyone(MISSING)}  # fmt: skip
VISIT_PAGE = {"published": everyone(OK), "unpublished": everyone(MISSING),
              "archived": everyone(MISSING)}  # fmt: skip
# Only a published report exists in public, whoever asks (staff preview theirs in the admin).
REPORT_PAGE = {"published": everyone(OK), "frozen, unpublished": everyone(MISSING),
               "draft": everyone(MISSING), "archived": everyone(MISSING)}  # fmt: skip


def api_report(report):
    return f"/api/v1/reports/{report.partnership.reference}/{report.year}/"


def named_city():
    """The slug of a city a published proposal names (its partner)."""
    return ProposalFactory(offered=True, partner_city=PartnerCityFactory()).partner_city.slug


def public_entries():
    def each(variants, build, methods=READ):
        return Entry(methods, {v: ((lambda w, v=v: build(w, v)), o) for v, o in variants.items()})

    def dataset(kind, fmt):
        return lambda w: f"/en/open-data/{kind}.{fmt}"

    return {
        "partnerships:home": one(lambda w: "/en/", everyone(OK)),
        "partnerships:proposal_list": one(lambda w: "/en/proposals/", everyone(OK)),
        "partnerships:proposal_detail": each(
            PROPOSAL_PAGE, lambda w, v: f"/en/proposals/{w.proposals[v].slug}/"
        ),
        "partnerships:document_download": each(
            PUBLIC_DOCUMENT, lambda w, v: f"/en/documents/{w.documents[v].pk}/"
        ),
        "delegations:document_download": each(
            PUBLIC_VISIT_DOCUMENT, lambda w, v: f"/en/visits/documents/{w.visit_documents[v].pk}/"
        ),
        "partnerships:follow": each(
            PROPOSAL_PAGE,
            lambda w, v: f"/en/proposals/{w.proposals[v].slug}/follow/",
            methods=READ_WRITE,
        ),  # fmt: skip
        "partnerships:follow_sent": each(
            PROPOSAL_PAGE, lambda w, v: f"/en/proposals/{w.proposals[v].slug}/follow/sent/"
        ),
        # Anyone holding a link may use it; a forged one is refused (400) whoever sends it.
        "partnerships:follow_confirm": Entry(
            READ_WRITE,
            {
                "signed": (
                    lambda w: f"/en/follow/confirm/{confirm_token(w.follower)}/",
                    everyone(OK),
                ),
                "forged": (lambda w: "/en/follow/confirm/eyJmIjoxfQ:forged/", everyone(OK)),
            },
        ),  # fmt: skip
        "partnerships:follow_leave": Entry(
            READ_WRITE,
            {
                "signed": (lambda w: f"/en/follow/leave/{leave_token(w.follower)}/", everyone(OK)),
                "forged": (lambda w: "/en/follow/leave/eyJmIjoxfQ:forged/", everyone(OK)),
            },
        ),  # fmt: skip
        # What is kept about an address: to whoever holds a link from its mail.
        **{
            name: Entry(
                methods,
                {
                    "signed": (
                        lambda w, end=end: f"/en/follow/data/{data_token(w.follower.email)}/{end}",
                        everyone(OK),
                    ),
                    "forged": (
                        lambda w, end=end: f"/en/follow/data/eyJlIjoiYSJ9:forged/{end}",
                        everyone(OK),
                    ),
                },
            )
            for name, end, methods in (
                ("partnerships:follower_data", "", READ),
                ("partnerships:follower_data_json", "my-data.json", READ),
                ("partnerships:follower_erase", "erase/", READ_WRITE),
            )
        },  # fmt: skip
        "privacy": one(lambda w: "/id/privacy/", everyone(OK)),
        # Anyone signed in may set up or check a second factor of their own account.
        "second_factor": one(lambda w: "/accounts/two-factor/", signed_in(), methods=READ_WRITE),
        "second_factor_setup": one(
            lambda w: "/accounts/two-factor/setup/", signed_in(), methods=READ_WRITE
        ),
        "second_factor_codes": one(
            lambda w: "/accounts/two-factor/backup-codes/", signed_in(), methods=WRITE
        ),
        # The passkey ceremonies (django-otp-webauthn): for a signed-in person's own account.
        **{
            f"otp_webauthn:credential-{step}": one(
                lambda w, step=step: f"/accounts/passkeys/{step.replace('-', '/')}/",
                {**everyone(OK), "anonymous": DENIED},
                methods=WRITE,
            )
            for step in (
                "registration-begin",
                "registration-complete",
                "authentication-begin",
                "authentication-complete",
            )
        },  # fmt: skip
        "otp_webauthn:js-i18n-catalog": one(lambda w: "/accounts/passkeys/jsi18n/", everyone(OK)),
        "partnerships:sector_list": one(lambda w: "/en/sectors/", everyone(OK)),
        "programmes:register": one(lambda w: "/en/register/", everyone(OK)),
        "programmes:report": each(
            REPORT_PAGE, lambda w, v: f"/en/register/active/{w.reports[v].year}/"
        ),
        "programmes:activity_file": each(
            {
                "public": everyone(OK),
                "internal": everyone(MISSING),
                "archived": everyone(MISSING),
                "of an internal activity": everyone(MISSING),
            },
            lambda w, v: f"/en/register/activity-files/{w.activity_files[v].pk}/",
        ),  # fmt: skip
        "programmes:report_pdf": each(
            REPORT_PAGE, lambda w, v: f"/ja/register/active/{w.reports[v].year}/report.pdf"
        ),
        "partnerships:city_list": one(lambda w: "/en/cities/", everyone(OK)),
        "partnerships:sector_detail": one(lambda w: "/en/sectors/education/", everyone(OK)),
        "partnerships:city_detail": one(lambda w: "/en/cities/kitakyushu/", everyone(OK)),
        "partnerships:open_data": one(lambda w: "/en/open-data/", everyone(OK)),
        "map": one(lambda w: "/ja/map/", everyone(OK)),
        "security_txt": one(lambda w: "/.well-known/security.txt", everyone(OK)),
        "partnerships:open_data_package": one(
            lambda w: "/ja/open-data/datapackage.json", everyone(OK)
        ),
        "partnerships:open_data_zip": one(
            lambda w: "/id/open-data/kupang-open-data.zip", everyone(OK)
        ),
        "partnerships:open_data_csv": Entry(
            READ,
            {
                "proposals": (dataset("proposals", "csv"), everyone(OK)),
                "visits": (dataset("visits", "csv"), everyone(OK)),
                "agreements": (dataset("agreements", "csv"), everyone(OK)),
                "unknown": (dataset("users", "csv"), everyone(MISSING)),
            },
        ),  # fmt: skip
        "partnerships:open_data_json": Entry(
            READ,
            {
                "proposals": (dataset("proposals", "json"), everyone(OK)),
                "visits": (dataset("visits", "json"), everyone(OK)),
                "agreements": (dataset("agreements", "json"), everyone(OK)),
                "unknown": (dataset("comments", "json"), everyone(MISSING)),
            },
        ),  # fmt: skip
        "delegations:visit_list": one(lambda w: "/en/visits/", everyone(OK)),
        "delegations:visit_detail": each(
            VISIT_PAGE, lambda w, v: f"/en/visits/{w.visits[v].slug}/"
        ),
        "updates_feed": one(lambda w: "/feeds/updates.atom", everyone(OK)),
        "updates_feed_in_language": one(lambda w: "/ja/feeds/updates.atom", everyone(OK)),
        "visits_ics": one(lambda w: "/visits.ics", everyone(OK)),
        "visits_ics_in_language": one(lambda w: "/en/visits.ics", everyone(OK)),
        "partnerships:proposal_feed": each(
            PROPOSAL_PAGE, lambda w, v: f"/en/proposals/{w.proposals[v].slug}/updates.atom"
        ),
        "sitemap": one(lambda w: "/sitemap.xml", everyone(OK)),
        "sitemap_section": Entry(
            READ,
            {
                "proposals": (lambda w: "/sitemap-proposals.xml", everyone(OK)),
                "past the last page": (lambda w: "/sitemap-proposals.xml?p=9", everyone(MISSING)),
                "unknown": (lambda w: "/sitemap-comments.xml", everyone(MISSING)),
            },
        ),  # fmt: skip
        "robots": one(lambda w: "/robots.txt", everyone(OK)),
        # The API reads the public rules alone, whoever asks.
        "api:proposals": one(lambda w: "/api/v1/proposals/", everyone(OK)),
        "api:proposal": each(
            PROPOSAL_PAGE, lambda w, v: f"/api/v1/proposals/{w.proposals[v].reference}/"
        ),
        "api:visits": one(lambda w: "/api/v1/visits/", everyone(OK)),
        "api:visit": each(VISIT_PAGE, lambda w, v: f"/api/v1/visits/{w.visits[v].slug}/"),
        "api:agreements": one(lambda w: "/api/v1/agreements/", everyone(OK)),
        "api:activities": one(lambda w: "/api/v1/activities/", everyone(OK)),
        "api:indicators": one(lambda w: "/api/v1/indicators/", everyone(OK)),
        "api:reports": one(lambda w: "/api/v1/reports/", everyone(OK)),
        "api:report": each(REPORT_PAGE, lambda w, v: api_report(w.reports[v])),
        "api:cities": one(lambda w: "/api/v1/cities/", everyone(OK)),
        "api:city": Entry(
            READ,
            {
                "named publicly": (lambda w: f"/api/v1/cities/{named_city()}/", everyone(OK)),
                "only suggested": (lambda w: "/api/v1/cities/kitakyushu/", everyone(MISSING)),
            },
        ),
        "api:sectors": one(lambda w: "/api/v1/sectors/", everyone(OK)),
        "api:sector": one(lambda w: "/api/v1/sectors/education/", everyone(OK)),
        "api:consulates": one(lambda w: "/api/v1/consulates/", everyone(OK)),
        "api:consulate": Entry(
            READ,
            {
                "handling a public proposal": (
                    lambda w: "/api/v1/consulates/denpasar/",
                    everyone(OK),
                ),
                "handling none": (lambda w: "/api/v1/consulates/surabaya/", everyone(MISSING)),
            },
        ),
        "api:openapi-json": one(lambda w: "/api/v1/openapi.json", everyone(OK)),
        "api:openapi-view": one(lambda w: "/api/v1/docs", everyone(OK)),
        "api:api-root": one(lambda w: "/api/v1/", everyone(OK)),
        "favicon": one(lambda w: "/favicon.ico", everyone(OK)),
        "healthz": one(lambda w: "/healthz", everyone(OK)),
        "healthz_components": one(lambda w: "/healthz/components", everyone(OK)),
        "set_language": one(
            lambda w: "/i18n/setlang/", everyone(OK), methods=READ_WRITE, method="POST"
        ),  # fmt: skip
        "login": one(lambda w: "/accounts/login/", everyone(OK), methods=READ_WRITE),
        "logout": one(lambda w: "/accounts/logout/", everyone(OK), methods=WRITE),
        # Anyone signed in keeps a language; without one named, the answer is a 400.
        "choose_language": one(lambda w: "/accounts/language/", signed_in(), methods=WRITE),
        "password_change": one(
            lambda w: "/accounts/password_change/", signed_in(), methods=READ_WRITE
        ),  # fmt: skip
        "password_change_done": one(lambda w: "/accounts/password_change/done/", signed_in()),
        "password_reset": one(
            lambda w: "/accounts/password_reset/", everyone(OK), methods=READ_WRITE
        ),  # fmt: skip
        "password_reset_done": one(lambda w: "/accounts/password_reset/done/", everyone(OK)),
        "password_reset_confirm": one(
            lambda w: "/accounts/reset/MQ/set-password/", everyone(OK), methods=READ_WRITE
        ),  # fmt: skip
        "password_reset_complete": one(lambda w: "/accounts/reset/done/", everyone(OK)),
    }


# ---------------------------------------------------------------------------------------------
# The liaison workspace.

ON_PROPOSALS = {"offered": review_gate(), "draft": review_gate(liaison_own=MISSING),
                "unpublished": review_gate(),
                "archived": review_gate(liaison_own=MISSING, staff=MISSING)}  # fmt: skip
STAFF_ONLY = {"offered": review_gate(liaison_own=DENIED),
              "draft": review_gate(liaison_own=MISSING, staff=OK),
              "unpublished": review_gate(liaison_own=DENIED),
              "archived": review_gate(liaison_own=MISSING, staff=MISSING)}  # fmt: skip


def approval_url(world, variant):
    approval = world.approvals[variant]
    return f"/en/review/{approval.proposal.reference}/approvals/{approval.pk}/document/"


def review_entries():
    def per_proposal(build, outcomes=ON_PROPOSALS, methods=READ):
        return Entry(methods, {
            v: ((lambda w, v=v: f"/en/review/{w.reference(v)}/" + build(w, v)), o)
            for v, o in outcomes.items()
        })  # fmt: skip

    return {
        "review:queue": one(lambda w: "/en/review/", review_gate(liaison_other=OK)),
        "review:proposal": per_proposal(lambda w, v: ""),
        "review:comment": per_proposal(lambda w, v: "comment/", methods=WRITE),
        "review:answer": per_proposal(
            lambda w, v: f"requests/{w.questions[v].pk}/answer/", STAFF_ONLY, methods=WRITE
        ),
        "review:suggest": per_proposal(lambda w, v: "candidates/", methods=WRITE),
        "review:suggest_match": per_proposal(lambda w, v: f"matches/{w.city.pk}/", methods=WRITE),
        "review:decide": per_proposal(
            lambda w, v: f"candidates/{w.candidates[v].pk}/shortlist/", methods=READ_WRITE
        ),
        "review:step": Entry(
            READ_WRITE,
            {
                **{
                    f"explore, {v}": (
                        (lambda w, v=v: f"/en/review/{w.reference(v)}/step/explore/"),
                        o,
                    )
                    for v, o in ON_PROPOSALS.items()
                },
                # Withdrawing is the city's step: a liaison does not see it at all.
                "withdraw, offered": (
                    lambda w: f"/en/review/{w.reference('offered')}/step/withdraw/",
                    review_gate(liaison_own=MISSING),
                ),
            },
        ),  # fmt: skip
        "review:document": Entry(
            READ,
            {
                "internal": (
                    lambda w: (
                        f"/en/review/{w.reference('offered')}/documents/"
                        f"{w.documents['internal'].pk}/"
                    ),
                    review_gate(),
                ),
                "of a draft": (
                    lambda w: (
                        f"/en/review/{w.reference('draft')}/documents/"
                        f"{w.documents['of a draft'].pk}/"
                    ),
                    review_gate(liaison_own=MISSING),
                ),
                "archived": (
                    lambda w: (
                        f"/en/review/{w.reference('offered')}/documents/"
                        f"{w.documents['archived'].pk}/"
                    ),
                    review_gate(liaison_own=MISSING, staff=MISSING),
                ),
                "of another proposal": (
                    lambda w: (
                        f"/en/review/{w.reference('unpublished')}/"
                        f"documents/{w.documents['internal'].pk}/"
                    ),
                    review_gate(liaison_own=MISSING, staff=MISSING),
                ),
            },
        ),  # fmt: skip
        "review:approval_document": Entry(
            READ,
            {
                v: ((lambda w, v=v: approval_url(w, v)), o)
                for v, o in {
                    "offered": review_gate(),
                    "draft": review_gate(liaison_own=MISSING),
                    "archived": review_gate(liaison_own=MISSING, staff=MISSING),
                }.items()
            },
        ),  # fmt: skip
    }


# ---------------------------------------------------------------------------------------------
# The admin: its own pages, each model's pages, and the portal's pages inside it.

# Records with history are archived, never deleted, by anyone; places and people may be deleted
# by staff when nothing uses them.
ARCHIVED_NOT_DELETED = {"partnerships.proposal", "partnerships.proposalevent",
                        "partnerships.candidatecity", "partnerships.approval",
                        "partnerships.document", "partnerships.comment", "delegations.visit",
                        "delegations.delegate", "delegations.commitment",
                        "delegations.visitdocument",
                        "programmes.activity", "programmes.indicator",
                        "programmes.annualreport", "programmes.activityfile"}  # fmt: skip
PORTAL_APPS = {"partnerships", "delegations", "programmes"}


def model_outcomes(label, action):
    """What each role meets on one page of one model's admin."""
    app = label.split(".")[0]
    if app in PORTAL_APPS:
        if action == "delete" and label in ARCHIVED_NOT_DELETED:
            return admin_gate(staff=DENIED, superuser=DENIED)
        return admin_gate()
    if label == "auth.user":
        # Staff may look accounts up (to attach a liaison) but change none of them.
        read = action in ("changelist", "change", "history")
        return admin_gate(staff=OK if read else DENIED)
    # Accounts' groups, sign-in records and task results: superusers only, read-only where the
    # library says so.
    read_only = label.startswith(("axes.", "django_tasks_database."))
    superuser = DENIED if action == "add" and read_only else OK
    if label == "django_tasks_database.dbtaskresult" and action == "delete":
        superuser = DENIED
    return admin_gate(staff=DENIED, superuser=superuser)


PORTAL_ADMIN_PAGES = {
    # custom page suffix: (model label, builder of the rest of the path)
    "archive": lambda w, obj: f"{obj.pk}/archive/",
    "restore": lambda w, obj: f"{obj.pk}/restore/",
    "file": lambda w, obj: f"{obj.pk}/file/",
    "step": lambda w, obj: f"{obj.pk}/step/explore/",
    "decide": lambda w, obj: f"{obj.pk}/decide/shortlist/",
    "answer": lambda w, obj: f"{obj.pk}/answer/",
    "close": lambda w, obj: f"{obj.pk}/close/",
    "preview": lambda w, obj: f"{obj.pk}/preview/ja/",
    "pdf": lambda w, obj: f"{obj.pk}/pdf/ja/",
    # The World's report is a draft with no assessment: freezing is refused (and said so),
    # publishing and unpublishing too; each role still meets the page or its refusal.
    "freeze": lambda w, obj: f"{obj.pk}/freeze/",
    "publish": lambda w, obj: f"{obj.pk}/publish/",
    "unpublish": lambda w, obj: f"{obj.pk}/unpublish/",
}


def latest_version(model, pk):
    history = getattr(model, model._meta.simple_history_manager_attribute)
    return history.filter(**{model._meta.pk.attname: pk}).latest("history_id").history_id


def admin_model_entries(names):
    entries = {}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        label = opts.label_lower
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        prefix = f"admin:{opts.app_label}_{opts.model_name}_"

        def at(suffix, base=base, model=model):
            def url(w):
                obj = w.admin_object(model)
                return base + suffix(w, obj, obj.pk)

            return url

        pages = {
            "changelist": (lambda w, obj, pk: "", READ_WRITE),
            "add": (lambda w, obj, pk: "add/", READ_WRITE),
            "change": (lambda w, obj, pk: f"{pk}/change/", READ_WRITE),
            "delete": (lambda w, obj, pk: f"{pk}/delete/", READ_WRITE),
            "history": (lambda w, obj, pk: f"{pk}/history/", READ_WRITE),
        }
        if label == "auth.user":
            pages["password_change"] = (lambda w, obj, pk: f"{pk}/password/", READ_WRITE)
        if hasattr(model_admin, "history_form_view"):
            pages["simple_history"] = (
                lambda w, obj, pk, model=model: f"{pk}/history/{latest_version(model, pk)}/",
                READ_WRITE,
            )
        for action, page in PORTAL_ADMIN_PAGES.items():
            if f"{prefix}{action}" in names:
                pages[action] = (lambda w, obj, pk, page=page: page(w, obj), READ_WRITE)
        for action, (suffix, methods) in pages.items():
            entries[f"{prefix}{action}"] = Entry(
                methods, {"-": (at(suffix), model_outcomes(label, action))}
            )
    return entries


def admin_entries(names):
    site = {
        # Django's admin answers a POST to its index, an app's list and "view on site" as a GET.
        "admin:index": one(lambda w: "/admin/", admin_gate(staff_flag_only=OK),
                           methods=READ_WRITE),
        # Staff with the role only: a bare staff flag is refused (403).
        "admin:translation_desk": one(lambda w: "/admin/translations/", admin_gate()),
        "admin:personal_data": one(lambda w: "/admin/personal-data/", admin_gate()),
        # Another account's, by those who may change accounts.
        "admin:reset_second_factor": one(
            lambda w: f"/admin/accounts/{w.users['liaison_own'].pk}/reset-second-factor/",
            admin_gate(staff=DENIED), methods=READ_WRITE,
        ),  # fmt: skip
        "admin:app_list": Entry(READ_WRITE, {
            "partnerships": (lambda w: "/admin/partnerships/", admin_gate(staff_flag_only=MISSING)),
            "auth": (lambda w: "/admin/auth/",
                     admin_gate(staff_flag_only=MISSING)),
        }),  # fmt: skip
        "admin:login": one(lambda w: "/admin/login/", everyone(OK), methods=READ_WRITE),
        "admin:logout": one(lambda w: "/admin/logout/", everyone(OK), methods=WRITE),
        "admin:password_change": one(lambda w: "/admin/password_change/",
                                     admin_gate(staff_flag_only=OK), methods=READ_WRITE),
        "admin:password_change_done": one(lambda w: "/admin/password_change/done/",
                                          admin_gate(staff_flag_only=OK)),
        "admin:jsi18n": one(lambda w: "/admin/jsi18n/", admin_gate(staff_flag_only=OK)),
        "admin:autocomplete": Entry(READ, {
            "proposal for an event": (
                lambda w: "/admin/autocomplete/?app_label=partnerships&model_name=proposalevent"
                          "&field_name=proposal", admin_gate()),
        }),
        # It names a record's public address, drafts included: only for who may view it.
        "admin:view_on_site": Entry(READ_WRITE, {
            v: ((lambda w, v=v: f"/admin/r/{ContentType.objects.get_for_model(Proposal).pk}/"
                                f"{w.proposals[v].pk}/"), admin_gate())
            for v in ("offered", "draft", "archived")
        }),
    }  # fmt: skip
    return {**site, **admin_model_entries(names)}


# ---------------------------------------------------------------------------------------------


def project_url_names():
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


NAMES = project_url_names()
TABLE = {**public_entries(), **review_entries(), **admin_entries(NAMES)}


def test_every_url_name_in_the_project_is_in_the_table():
    assert sorted(NAMES - set(TABLE)) == []
    assert sorted(set(TABLE) - NAMES) == []


def outcome(response):
    code = response.status_code
    if code in (301, 302):
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        return OK
    if code in (200, 400):  # 400: a form sent back with its errors; the person was let in
        return OK
    return {403: DENIED, 404: MISSING}.get(code, f"HTTP {code}")


def probe(client, method, url):
    with transaction.atomic():
        response = client.generic(method, url, HTTP_ACCEPT_LANGUAGE="en")
        transaction.set_rollback(True)
    return response


@pytest.fixture
def world(db):
    return World()


def cells(entry):
    return sum(len(outcomes) for _build, outcomes in entry.variants.values())


MATRIX_SIZE = sum(cells(entry) for entry in TABLE.values())


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_role_meets_what_the_table_says(client, world, name):
    entry = TABLE[name]
    wrong = []
    for variant, (build, outcomes) in entry.variants.items():
        url = build(world)
        for role in ROLES:
            client.logout()
            if role != "anonymous":
                client.force_login(world.users[role])
            got = outcome(probe(client, entry.probe_method, url))
            if got != outcomes[role]:
                wrong.append(f"{role:16} {variant:24} {entry.probe_method} {url}: "
                             f"expected {outcomes[role]}, got {got}")  # fmt: skip
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_methods_a_page_does_not_answer_are_refused_with_405(client, world, name):
    entry = TABLE[name]
    build, _outcomes = next(iter(entry.variants.values()))
    url = build(world)
    for role in ("anonymous", "superuser"):
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        for method in METHODS:
            # Anonymous GETs and POSTs of signed-in pages meet the sign-in page first.
            if method in entry.methods or (role == "anonymous" and method in READ_WRITE):
                continue
            response = probe(client, method, url)
            assert response.status_code == 405, (role, method, url, response.status_code)
            assert response.has_header("Allow")
