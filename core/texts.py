"""Text in the three languages: labels the portal writes in each, and what a person wrote in
the languages they chose."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, resolution_order

LANGUAGE_NAMES = {"id": _("Indonesian"), "en": _("English"), "ja": _("Japanese")}


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
    (kept in the Indonesian column) or {language code: text}."""
    given = text if isinstance(text, dict) else {settings.LANGUAGE_CODE: text}
    values = {
        build_localized_fieldname(field, code): str(given.get(code, "")).strip()
        for code, _name in settings.LANGUAGES
    }
    default = build_localized_fieldname(field, settings.LANGUAGE_CODE)
    # Each text stays in the column of its own language (readers of the others get it through
    # the fallback, marked as such). The plain field first: set on a loaded instance, it writes
    # the active language's column, which the language columns after it then put right.
    return {field: values[default], **values}


def written(text):
    """True when a note or reason, given as text or as {language: text}, says something."""
    values = text.values() if isinstance(text, dict) else [text]
    return any(str(value).strip() for value in values)


def in_best_language(read, field, language=None):
    """(text, its language) of `field` for a reader of `language` (the active one): their own
    where it is written, else the first language of the fallback order (settings'
    MODELTRANSLATION_FALLBACK_LANGUAGES) that has text. `read(column)` gives a column's value,
    from a record or a row of values. Pages, feeds, calendars and reports all read texts so,
    and mark a passage whose language is not the reader's."""
    texts = {code: read(build_localized_fieldname(field, code)) for code, _n in settings.LANGUAGES}
    return best_of(texts, language)


def best_of(texts, language=None):
    """(text, its language) from {language code: text}, in the fallback order of `language`."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    for code in resolution_order(language):
        if texts.get(code):
            return texts[code], code
    return "", language


def fallback_note(shown_in):
    """The note after a passage shown in `shown_in`, not the reader's language."""
    return _("Not yet translated: shown in %(language)s.") % {"language": LANGUAGE_NAMES[shown_in]}


def source_language(record, field, language=None):
    """The language `record.field` is read in by a reader of `language`."""
    return in_best_language(lambda column: getattr(record, column, None), field, language)[1]
