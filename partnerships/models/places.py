"""Places and people: sectors, provinces, partner cities, consulates, liaisons, profiles."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..countries import COUNTRY_CHOICES

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
SLUG_HELP = _(
    "The end of the page's web address, e.g. kupang-japan-sister-city: lower-case letters, "
    "digits and hyphens, filled in from the name or title. Changing it breaks links already "
    "shared."
)
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


class FocusSectorQuerySet(models.QuerySet):
    def public(self):
        """Every sector is public: the city's fields of cooperation."""
        return self.all()


class FocusSector(models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=SLUG_HELP)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = FocusSectorQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("focus sector")
        verbose_name_plural = _("focus sectors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:sector_detail", kwargs={"slug": self.slug})


class Province(models.Model):
    """A home-side province, e.g. Nusa Tenggara Timur (NTT), that a consulate may cover."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return f"{self.name} ({self.code})"


class PartnerCityQuerySet(models.QuerySet):
    def public(self):
        """The cities a published proposal names (see `publicly_named_cities`)."""
        from .candidates import publicly_named_cities

        return self & publicly_named_cities()

    def eligible_for(self, proposal):
        """The cities that may be candidates of `proposal`: of its partner country, and the
        demo's made-up cities only for the fictional samples."""
        eligible = self.filter(country=proposal.partner_country)
        return eligible if proposal.is_sample else eligible.filter(is_sample=False)


class PartnerCity(models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=SLUG_HELP)
    name = models.CharField(_("name"), max_length=150, help_text=_("In Latin script."))
    native_name = models.CharField(
        _("native name"), max_length=150, blank=True, help_text=_("e.g. 北九州市")
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, default="JP")
    region = models.CharField(_("region or prefecture"), max_length=150, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_coastal = models.BooleanField(_("coastal"), default=False)
    is_island = models.BooleanField(_("on an island"), default=False)
    strengths = models.ManyToManyField(
        FocusSector, blank=True, related_name="strong_cities", verbose_name=_("strong in")
    )
    # Natural hazards the city lives with; shared exposure counts in the matching assistant.
    earthquake_risk = models.BooleanField(_("earthquakes"), default=False)
    tsunami_risk = models.BooleanField(_("tsunamis"), default=False)
    cyclone_risk = models.BooleanField(_("cyclones or typhoons"), default=False)
    drought_risk = models.BooleanField(_("droughts"), default=False)
    existing_ties = models.TextField(
        _("existing ties"), blank=True, help_text=_("Partnerships with Indonesian cities, etc.")
    )
    website = models.URLField(_("website"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE
    )
    is_sample = models.BooleanField(
        _("fictional sample"),
        default=False,
        help_text=_("A made-up city, partner only of the fictional sample proposals."),
    )
    facts_source = models.CharField(
        _("source of figures"),
        max_length=300,
        blank=True,
        help_text=_("Where the population and other figures come from, with the year."),
    )

    objects = PartnerCityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")
        indexes = [models.Index(fields=["country"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="partnercity_latitude_range",
                violation_error_message=_("Latitude must be between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="partnercity_longitude_range",
                violation_error_message=_("Longitude must be between -180 and 180."),
            ),
        ]

    def __str__(self):
        # Say the native name once, after the name the reader knows ("Kitakyushu (北九州市)");
        # a Japanese reader already reads the Japanese name.
        shown = self.shown_name
        if self.native_name and self.native_name != shown and get_language() != "ja":
            return f"{shown} ({self.native_name})"
        return shown

    def get_absolute_url(self):
        return reverse("partnerships:city_detail", kwargs={"slug": self.slug})

    @property
    def shown_name(self):
        """The name a reader knows the city by: a Japanese reader its Japanese name (北九州市)
        even where nobody has filled in the Japanese column, others the Latin one."""
        if get_language() == "ja":
            return self.name_ja or self.native_name or self.name
        return self.name


class ConsulateQuerySet(models.QuerySet):
    def public(self):
        """The missions that handle a published proposal."""
        from .proposals import Proposal

        return self.filter(proposals__in=Proposal.objects.public()).distinct()


class Consulate(models.Model):
    """A foreign mission, e.g. the Consulate-General of Japan in Denpasar."""

    slug = models.SlugField(_("slug"), unique=True, help_text=SLUG_HELP)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, default="JP")
    seat = models.CharField(_("seat"), max_length=100, help_text=_("The city it sits in."))
    jurisdiction = models.ManyToManyField(
        Province, blank=True, related_name="consulates", verbose_name=_("jurisdiction")
    )
    website = models.URLField(_("website"), blank=True)

    objects = ConsulateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("consulate")
        verbose_name_plural = _("consulates")

    def __str__(self):
        return self.name


class Liaison(models.Model):
    """Makes a user the liaison of one consulate (and of that consulate only)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="liaison",
        verbose_name=_("user"),
    )
    consulate = models.ForeignKey(
        Consulate, on_delete=models.CASCADE, related_name="liaisons", verbose_name=_("consulate")
    )

    class Meta:
        verbose_name = _("consulate liaison")
        verbose_name_plural = _("consulate liaisons")

    def __str__(self):
        return f"{self.user} — {self.consulate}"


class Profile(models.Model):
    """Per-user preferences: the language the portal speaks and writes to them in, and when
    they last looked at their work on the admin index."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="portal_profile",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language for notifications"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # Unset until the person answers the first sign-in's question; the admin and the review
    # workspace ask it on every page until then.
    language_chosen_at = models.DateTimeField(
        _("language chosen at"), null=True, blank=True, editable=False
    )
    # "What changed since your last visit" counts from here.
    work_seen_at = models.DateTimeField(_("work last seen at"), null=True, blank=True,
                                        editable=False)  # fmt: skip

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


def preferred_language(user):
    profile = getattr(user, "portal_profile", None)
    return profile.language if profile else settings.LANGUAGE_CODE
