"""Template helpers: sanitised markdown, the language switcher, the assistant's reasons."""

import markdown as markdown_lib
import nh3
from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from core import numbers
from core.texts import fallback_note, source_language

from ..language_choice import NATIVE_NAMES
from ..matching import reasons

register = template.Library()

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h2", "h3", "h4", "code",
    "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@register.filter
def markdown(text):
    """Render staff-written markdown; nh3 keeps only harmless tags and http(s)/mailto links."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    return mark_safe(  # noqa: S308 - sanitised by nh3 just here
        nh3.clean(html, tags=ALLOWED_TAGS, url_schemes={"http", "https", "mailto"})
    )


@register.simple_tag
def translated(record, field, as_markdown=False, words=None):
    """A content text in the reader's language; where it is not written in it yet, it says so
    honestly: the passage carries the lang of the text shown (screen readers and browsers read
    it right) and a small note in the reader's language follows it."""
    text = getattr(record, field, "") or ""
    if words:
        text = Truncator(text).words(words)
    shown = markdown(text) if as_markdown else text
    source = source_language(record, field)
    if not text or source == get_language():
        return shown if as_markdown else format_html("{}", shown)
    if as_markdown:
        return format_html(
            '<div lang="{}">{}</div><p class="untranslated small">{}</p>',
            source, shown, fallback_note(source),
        )  # fmt: skip
    return format_html(
        '<span lang="{}">{}</span> <small class="untranslated">({})</small>',
        source, shown, _("not yet translated"),
    )  # fmt: skip


@register.simple_tag
def label(text):
    """“Stage: ” before a value; Japanese writes a full-width colon with no space (段階：)."""
    return format_html("{}", _("%(label)s: ") % {"label": text})


@register.simple_tag
def list_separator():
    """“, ” between the items of a list written inline; Japanese writes “、”."""
    return _(", ")


@register.simple_tag
def open_bracket():
    """“ (” before an aside; Japanese writes a full-width bracket with no space (“（”)."""
    return pgettext("bracket", " (")


@register.simple_tag
def close_bracket():
    return pgettext("bracket", ")")


@register.simple_tag
def sentence_space():
    """The space between two sentences; Japanese writes none after “。”."""
    return "" if get_language() == "ja" else " "


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language: (code, name, url, is_current)."""
    request = context["request"]
    path = request.get_full_path()
    current = context.get("LANGUAGE_CODE")
    return [
        (code, NATIVE_NAMES.get(code, name), translate_url(path, code), code == current)
        for code, name in settings.LANGUAGES
    ]


@register.filter
def match_reasons(candidate):
    """The matching assistant's stored reasons for a candidate, in the active language."""
    return reasons(candidate.match_factors, candidate.city)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def figure(value, places=2):
    """A number as the reader's language writes it (core.numbers)."""
    return numbers.figure(value, places)


@register.filter
def percent(value):
    return numbers.percent(value)
