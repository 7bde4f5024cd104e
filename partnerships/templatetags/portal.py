"""Template helpers for the public site: sanitised markdown and the language switcher."""

import markdown as markdown_lib
import nh3
from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe

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


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language: (code, name, url, is_current)."""
    request = context["request"]
    path = request.get_full_path()
    current = context.get("LANGUAGE_CODE")
    native = {"id": "Bahasa Indonesia", "en": "English", "ja": "日本語"}
    return [
        (code, native.get(code, name), translate_url(path, code), code == current)
        for code, name in settings.LANGUAGES
    ]


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
