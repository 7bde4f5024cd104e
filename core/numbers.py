"""How a number is written for a reader: one format per language, through Django's localisation
(Indonesian writes 52,5 and 1.500; English 52.5 and 1,500), with no trailing zeros (10 schools,
not 10.00; 52.5, not 52.50). Pages, reports, PDFs and the admin all write numbers so."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def figure(value, places=2):
    """`value` rounded to at most `places` decimals, without trailing zeros, grouped; "—" when
    there is none."""
    if value is None or value == "":
        return "—"
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    decimals = max(0, -rounded.normalize().as_tuple().exponent)
    return number_format(rounded, decimal_pos=decimals, force_grouping=True)


def percent(value):
    """A share in per cent, to one decimal at most: 60%, 52,5%."""
    return "—" if value is None else f"{figure(value, 1)}%"
