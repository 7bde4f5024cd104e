"""factory_boy factories for every model. `ProposalFactory` has one Trait per lifecycle state,
each bringing what that state implies (dates, a partner city once a letter of intent is signed)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from core.roles import CITY_STAFF, CONSULATE_LIAISON
from delegations.models import Commitment, Delegate, Visit, VisitDocument
from demo.samples import sample_pdf
from partnerships.models import (
    Approval,
    CandidateCity,
    Comment,
    Consulate,
    Document,
    FocusSector,
    Liaison,
    PartnerCity,
    Profile,
    Proposal,
    ProposalEvent,
    Province,
)

# A real one-page PDF: uploads are parsed before they are accepted.
PDF_BYTES = sample_pdf("Test letter")
Status = Proposal.Status


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a-long-test-password")


class StaffUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=CITY_STAFF))


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)
    language = "ja"


class FocusSectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusSector
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"sector-{n}")
    name = factory.Sequence(lambda n: f"Sector {n}")


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"P{n}")
    name = factory.Sequence(lambda n: f"Province {n}")


class PartnerCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerCity

    slug = factory.Sequence(lambda n: f"city-{n}")
    name = factory.Sequence(lambda n: f"City {n}")
    country = "JP"
    population = 500_000
    is_coastal = True


class ConsulateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consulate

    slug = factory.Sequence(lambda n: f"consulate-{n}")
    name = factory.Sequence(lambda n: f"Consulate {n}")
    seat = "Denpasar"


class LiaisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Liaison
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    consulate = factory.SubFactory(ConsulateFactory)

    @factory.post_generation
    def join_group(self, create, extracted, **kwargs):
        if create:
            self.user.groups.add(Group.objects.get(name=CONSULATE_LIAISON))


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    # KPG-2023-100 … KPG-2023-999, then KPG-2024-100 …: the form stays valid however many
    # proposals a test session makes.
    reference = factory.Sequence(lambda n: f"KPG-{2023 + n // 900}-{n % 900 + 100:03d}")
    slug = factory.Sequence(lambda n: f"proposal-{n}")
    title = factory.Sequence(lambda n: f"Proposal {n}")
    summary = "A partnership offer."
    partner_country = "JP"
    consulate = factory.SubFactory(ConsulateFactory)
    status = Status.DRAFT
    published = False

    class Params:
        offered = factory.Trait(
            status=Status.OFFERED, offered_on=datetime.date(2023, 3, 7), published=True
        )
        exploring = factory.Trait(offered=True, status=Status.EXPLORING)
        loi_signed = factory.Trait(
            exploring=True,
            status=Status.LOI_SIGNED,
            partner_city=factory.SubFactory(PartnerCityFactory),
        )
        approving = factory.Trait(loi_signed=True, status=Status.APPROVING)
        signed = factory.Trait(
            approving=True, status=Status.SIGNED, signed_on=datetime.date(2024, 6, 1)
        )
        active = factory.Trait(signed=True, status=Status.ACTIVE)
        dormant = factory.Trait(active=True, status=Status.DORMANT)
        ended = factory.Trait(active=True, status=Status.ENDED)
        withdrawn = factory.Trait(offered=True, status=Status.WITHDRAWN)
        declined = factory.Trait(offered=True, status=Status.DECLINED)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create:
            self.sectors.set(extracted if extracted is not None else FocusSector.objects.all()[:1])


class ProposalEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalEvent

    proposal = factory.SubFactory(ProposalFactory)
    title = "A step"
    is_public = True


class CandidateCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateCity

    proposal = factory.SubFactory(ProposalFactory, exploring=True)
    city = factory.SubFactory(PartnerCityFactory)
    rationale = "Strong in waste management."


class ApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Approval

    proposal = factory.SubFactory(ProposalFactory, approving=True)
    kind = Approval.Kind.DPRD_DECISION
    reference_number = factory.Sequence(lambda n: f"DPRD/{n}/2024")
    issued_on = datetime.date(2024, 2, 1)
    document = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="decision.pdf"))


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    proposal = factory.SubFactory(ProposalFactory, offered=True)
    kind = Document.Kind.LETTER_OF_INTENT
    title = "Letter of intent"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="letter.pdf"))
    dated = datetime.date(2023, 9, 1)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    proposal = factory.SubFactory(ProposalFactory, offered=True)
    author = factory.SubFactory(UserFactory)
    body = "Internal remark."


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"visit-{n}")
    title = factory.Sequence(lambda n: f"Visit {n}")
    starts_on = datetime.date(2023, 3, 7)
    ends_on = factory.LazyAttribute(lambda v: v.starts_on)
    place = "Kupang City Hall"
    host = "City of Kupang"
    visiting_mission = "Consulate-General of Japan in Denpasar"
    # Required in Indonesian whatever language a test runs in.
    host_ind = factory.SelfAttribute("host")
    visiting_mission_ind = factory.SelfAttribute("visiting_mission")
    published = True

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    visit = factory.SubFactory(VisitFactory)
    name = factory.Sequence(lambda n: f"Delegate {n}")
    side = Delegate.Side.HOST


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    visit = factory.SubFactory(VisitFactory)
    description = "Coordinate with Tokyo"
    owner = "Consul-General"
    owner_ind = factory.SelfAttribute("owner")

    class Params:
        done = factory.Trait(
            state=Commitment.State.DONE,
            closed_on=datetime.date(2024, 1, 15),
            closing_note="Kept: Tokyo named three cities.",
        )
        dropped = factory.Trait(
            state=Commitment.State.DROPPED,
            closed_on=datetime.date(2024, 1, 15),
            closing_note="Dropped: overtaken by events.",
        )


class VisitDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitDocument

    visit = factory.SubFactory(VisitFactory)
    kind = VisitDocument.Kind.VISIT_REPORT
    title = "Visit report"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="report.pdf"))
    dated = datetime.date(2023, 3, 7)
