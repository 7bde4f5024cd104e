"""`manage.py load_demo`: load the Kupang story. Idempotent: it only creates what is missing and
never overwrites what staff have since edited."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.content_version import content_changed
from core.mail import notifications_paused
from delegations.models import Commitment, Delegate, Visit
from demo import programmes_samples
from demo import story as data
from demo import story_visit as visit_data
from demo.samples import load_samples
from partnerships.models import (
    Consulate,
    FocusSector,
    Liaison,
    PartnerCity,
    Proposal,
    Province,
)
from partnerships.services import proposal_offer


def split_off(record, *keys):
    """Return (fields, related) with `keys` moved from the record into `related`."""
    fields = {k: v for k, v in record.items() if k not in keys}
    return fields, {k: record[k] for k in keys if k in record}


def with_default_language(fields):
    """Fill the untranslated column of each translated field from its Indonesian column."""
    filled = dict(fields)
    for key, value in fields.items():
        if key.endswith("_ind"):
            filled.setdefault(key.removesuffix("_ind"), value)
    return filled


class Command(BaseCommand):
    help = "Load the Kupang sister-city story (7 March 2023 visit and offer) as demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-samples",
            action="store_true",
            help="Load only the real Kupang story, not the fictional sample proposals.",
        )

    def handle(self, *args, without_samples=False, **options):
        # The story is history, not news: its steps mail nobody (the pause spans the commit,
        # when the queued notices would otherwise go out).
        with notifications_paused(), transaction.atomic():
            self.load_story(without_samples)
        self.stdout.write(self.style.SUCCESS("The Kupang demo story is loaded."))

    def load_story(self, without_samples):
        sectors = {sector.slug: sector for sector in FocusSector.objects.all()}
        self.describe_sectors(sectors)
        consulate = self.load_consulate()
        for city in data.CITIES:
            self.load_city(city, sectors)
        proposal = self.load_proposal(consulate, sectors)
        self.load_visit(proposal, sectors)
        # The users first: the other apps' samples record what the demo staff member did.
        if settings.DEBUG:
            self.load_users(consulate)
        else:
            self.stderr.write("Demo users are not created when DJANGO_DEBUG=0.")
        if not without_samples:
            load_samples()
            programmes_samples.load()
        content_changed()  # some of the above are bulk updates, which send no signal

    def describe_sectors(self, sectors):
        """The four sectors come with the database; their descriptions with the story, where
        staff have not written one."""
        for slug, texts in data.SECTOR_DESCRIPTIONS.items():
            sector = sectors.get(slug)
            if sector and not sector.description_ind:
                FocusSector.objects.filter(pk=sector.pk).update(
                    description=texts["description_ind"], **texts
                )

    def get_or_create(self, model, lookup, fields):
        return model.objects.get_or_create(
            **lookup, defaults=with_default_language({**lookup, **fields})
        )

    def load_consulate(self):
        for province in data.PROVINCES:
            fields, _ = split_off(province, "code")
            self.get_or_create(Province, {"code": province["code"]}, fields)
        fields, related = split_off(data.CONSULATE, "slug", "jurisdiction")
        consulate, created = self.get_or_create(Consulate, {"slug": data.CONSULATE["slug"]}, fields)
        if created:
            consulate.jurisdiction.set(Province.objects.filter(code__in=related["jurisdiction"]))
        return consulate

    def load_city(self, city, sectors):
        fields, related = split_off(city, "slug", "strengths")
        fields.update(data.CENSUS)
        obj, created = self.get_or_create(PartnerCity, {"slug": city["slug"]}, fields)
        if created:
            obj.strengths.set(sectors[slug] for slug in related["strengths"])

    def load_proposal(self, consulate, sectors):
        fields, related = split_off(data.PROPOSAL, "reference", "sectors")
        fields["consulate"] = consulate
        proposal, created = self.get_or_create(
            Proposal, {"reference": data.PROPOSAL["reference"]}, fields
        )
        if created:
            proposal.sectors.set(sectors[slug] for slug in related["sectors"])
            offered_at = timezone.make_aware(data.OFFERED_AT)
            proposal_offer(proposal=proposal, by=None, note=data.OFFER_NOTE, when=offered_at)
            proposal.published = True
            proposal.save(update_fields=["published"])
        return proposal

    def load_visit(self, proposal, sectors):
        fields, related = split_off(visit_data.VISIT, "slug", "sectors")
        visit, created = self.get_or_create(Visit, {"slug": visit_data.VISIT["slug"]}, fields)
        if created:
            visit.sectors.set(sectors[slug] for slug in related["sectors"])
            visit.proposals.set([proposal])
        for delegate in visit_data.DELEGATES:
            fields, _ = split_off(delegate, "side", "order")
            lookup = {"visit": visit, "side": delegate["side"], "order": delegate["order"]}
            self.get_or_create(Delegate, lookup, fields)
        for commitment in visit_data.COMMITMENTS:
            fields, _ = split_off(commitment, "description_ind")
            fields["proposal"] = proposal
            lookup = {"visit": visit, "description_ind": commitment["description_ind"]}
            self.get_or_create(Commitment, lookup, fields)

    def load_users(self, consulate):
        User = get_user_model()
        for spec in data.DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=spec["username"],
                defaults={
                    "is_staff": spec["is_staff"],
                    "first_name": spec["first_name"],
                    "last_name": spec["last_name"],
                    "email": f"{spec['username']}@example.org",
                },
            )
            if created:
                user.set_password(spec["password"])
                user.save(update_fields=["password"])
                user.groups.add(Group.objects.get(name=spec["group"]))
            self.stdout.write(f"Demo login: {spec['username']} / {spec['password']}")
        liaison = User.objects.get(username="demo-liaison")
        Liaison.objects.get_or_create(user=liaison, defaults={"consulate": consulate})
