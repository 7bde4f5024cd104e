"""How a number is written for a reader: one format per language, through Django's localisation
(Indonesian writes 52,5 and 1.500; English 52.5 and 1,500), with no trailing zeros (10 schools,
not 10.00). Pages, reports, PDFs and the admin all write numbers so."""

from django.template.defaultfilters import floatformat


def figure(value, places=2):
    """`value` with at most `places` decimals, grouped; "—" when there is none."""
    if value is None or value == "":
        return "—"
    return floatformat(value, f"-{places}g")


def percent(value):
    """A share in per cent, to one decimal at most: 60%, 52,5%."""
    return "—" if value is None else f"{figure(value, 1)}%"
