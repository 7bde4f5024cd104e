# Indonesian dates with the month written out: Django's own abbreviations mix "Agu" and "Sep.",
# so "18 Agu 2025" stood beside "1 Sep. 2023". Everything else is Django's.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, G.i"
