"""The countries the portal deals with, as ISO 3166-1 alpha-2 codes.

Kept short on purpose: a partner country is chosen from this list, so filters and exports stay
consistent. Add a country here (with its translated name) before its first proposal.
"""

from django.utils.translation import gettext_lazy as _

COUNTRY_CHOICES = [
    ("JP", _("Japan")),
    ("ID", _("Indonesia")),
    ("AU", _("Australia")),
    ("CN", _("China")),
    ("KR", _("South Korea")),
    ("TL", _("Timor-Leste")),
    ("PH", _("Philippines")),
    ("NL", _("Netherlands")),
    ("US", _("United States")),
]
