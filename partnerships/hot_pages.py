"""The pages of this app built again in the background after a change (core/page_warming): the
home page and the list in every language after any change, and a changed proposal's own page in
every language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.content_version import pks_in

from .models import Proposal


def _in_every_language(name, **kwargs):
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse(name, kwargs=kwargs))
    return paths


def hot_pages(records):
    paths = _in_every_language("partnerships:home") + _in_every_language(
        "partnerships:proposal_list"
    )
    pks = pks_in(Proposal, records or ())
    for slug in Proposal.objects.public().filter(pk__in=pks).values_list("slug", flat=True):
        paths += _in_every_language("partnerships:proposal_detail", slug=slug)
    return paths
