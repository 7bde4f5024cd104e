"""The translation desk: which texts citizens read in Indonesian only, because their English or
Japanese column is still empty. It looks at public records only (what a public page shows),
field by field, and is shared by the admin page, the admin index's totals and the
`translation_report` command. Each app registers the kinds of record it shows the public
(`register_checked`, from its AppConfig.ready), with the rows its `.public()` rule gives."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.content_version import content_version

TARGET_LANGUAGES = ("en", "ja")
LANGUAGE_NAMES = {"en": _("English"), "ja": _("Japanese")}


@dataclass(frozen=True)
class Checked:
    """One kind of record a public page shows: which rows, and which of their texts."""

    key: str
    model: type
    fields: tuple
    rows: object  # a function returning the public rows
    related: tuple = ()  # what each row's name reads (select_related)
    # A record edited in its parent's page (an inline) names the parent here, e.g. "indicator".
    edited_in: str = ""

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    def edit_url(self, record, field=None, language=None):
        """The admin page where the record's texts are filled in (at the missing `field` in
        `language`, or the rows it sits in), or None where there is none."""
        model, pk = self.model, record.pk
        anchor = f"id_{build_localized_fieldname(field, language)}" if field else ""
        if self.edited_in:
            parent = self.model._meta.get_field(self.edited_in)
            model, pk = parent.related_model, getattr(record, f"{self.edited_in}_id")
            # The inline rows' section: Django names it after the relation ("values-group").
            anchor = f"{parent.remote_field.get_accessor_name()}-group"
        if not admin.site.is_registered(model):
            return None
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
        return f"{url}#{anchor}" if anchor else url


CHECKED = []
BY_KEY = {}


def register_checked(*kinds):
    for checked in kinds:
        if checked.key not in BY_KEY:
            CHECKED.append(checked)
            BY_KEY[checked.key] = checked


def missing(field, language):
    """Written in Indonesian, empty in `language`."""
    indonesian = build_localized_fieldname(field, "id")
    other = build_localized_fieldname(field, language)
    has_indonesian = Q(**{f"{indonesian}__isnull": False}) & ~Q(**{indonesian: ""})
    return has_indonesian & (Q(**{f"{other}__isnull": True}) | Q(**{other: ""}))


def missing_anything(checked, languages=TARGET_LANGUAGES):
    condition = Q()
    for field in checked.fields:
        for language in languages:
            condition |= missing(field, language)
    return condition


TOTALS_KEPT_SECONDS = 3600


def totals():
    """{language: number of missing texts} over every kind of record, and per kind:
    [(checked, {language: n})]. One query per kind of record: 0.3-0.7 s at 10,000 proposals, so
    with a shared cache they are kept until a record changes (the admin index shows them)."""
    if not settings.SHARED_CACHE:
        return _count()
    key = f"portal:translation-desk:{content_version()}"
    kept = cache.get(key)
    if kept is None:
        overall, per_kind = _count()
        kept = (overall, [(checked.key, counts) for checked, counts in per_kind])
        cache.set(key, kept, timeout=TOTALS_KEPT_SECONDS)
    overall, per_key = kept
    return overall, [(BY_KEY[key], counts) for key, counts in per_key]


def _count():
    per_kind = []
    overall = dict.fromkeys(TARGET_LANGUAGES, 0)
    for checked in CHECKED:
        counts = {
            f"{field}__{language}": Count("pk", filter=missing(field, language))
            for field in checked.fields
            for language in TARGET_LANGUAGES
        }
        found = checked.model.objects.filter(pk__in=checked.rows().values("pk")).aggregate(**counts)
        mine = {
            language: sum(found[f"{field}__{language}"] for field in checked.fields)
            for language in TARGET_LANGUAGES
        }
        for language in TARGET_LANGUAGES:
            overall[language] += mine[language]
        per_kind.append((checked, mine))
    return overall, per_kind


@dataclass
class Gap:
    checked: Checked
    pk: int
    name: str
    fields: dict  # {language: [field labels]}

    edit_url: str | None


def gap_rows(checked, languages=TARGET_LANGUAGES):
    """The published records of one kind with a missing text, oldest first."""
    rows = checked.model.objects.filter(pk__in=checked.rows().values("pk"))
    rows = rows.select_related(*checked.related) if checked.related else rows
    return rows.filter(missing_anything(checked, languages)).order_by("pk")


def gaps(checked, languages=TARGET_LANGUAGES, limit=None, rows=None):
    """Those records (or the `rows` given, e.g. one page of them), each with which fields are
    missing in which language."""
    if rows is None:
        rows = gap_rows(checked, languages)
        if limit:
            rows = rows[:limit]
    found = []
    for record in rows:
        per_language, first = {}, None
        for language in languages:
            missing = [field for field in checked.fields if _is_missing(record, field, language)]
            if missing:
                per_language[language] = [
                    str(checked.model._meta.get_field(field).verbose_name) for field in missing
                ]
                first = first or (missing[0], language)
        url = checked.edit_url(record, *(first or ()))
        found.append(Gap(checked, record.pk, str(record), per_language, url))
    return found


def _is_missing(record, field, language):
    indonesian = getattr(record, build_localized_fieldname(field, "id"))
    other = getattr(record, build_localized_fieldname(field, language))
    return bool(indonesian) and not other
