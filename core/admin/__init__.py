# Imported by the admin's autodiscovery: the account pages are the portal's (accounts.py).
from . import accounts  # noqa: F401
