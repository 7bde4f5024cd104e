"""Text in the three languages: labels the portal writes in each, and what a person wrote in
the languages they chose."""

from django.conf import settings
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname


def in_each_language(field, text):
    """`{title_ind: …, title_en: …, title_ja: …}` for a translatable label."""
    values = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[build_localized_fieldname(field, code)] = str(text)
    values[field] = values[build_localized_fieldname(field, settings.LANGUAGE_CODE)]
    return values


def as_written(field, text):
    """A person's text in the columns of the languages they wrote it in: `text` is a string
    (kept in the Indonesian column) or {language code: text}. The Indonesian column, which
    every language falls back to, takes the first text written when Indonesian was left out."""
    given = text if isinstance(text, dict) else {settings.LANGUAGE_CODE: text}
    values = {
        build_localized_fieldname(field, code): str(given.get(code, "")).strip()
        for code, _name in settings.LANGUAGES
    }
    default = build_localized_fieldname(field, settings.LANGUAGE_CODE)
    values[default] = values[default] or next((v for v in values.values() if v), "")
    # The plain field first: set on a loaded instance, it writes the active language's column,
    # which the language columns after it then put right.
    return {field: values[default], **values}


def written(text):
    """True when a note or reason, given as text or as {language: text}, says something."""
    values = text.values() if isinstance(text, dict) else [text]
    return any(str(value).strip() for value in values)
