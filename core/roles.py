"""Names of the role groups, created by migration partnerships/0003_roles."""

CITY_STAFF = "City staff"
CONSULATE_LIAISON = "Consulate liaison"
