from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The Kupang story and the fictional samples, loaded by `manage.py load_demo`. At the top
    with the project: it may import every app, and no app imports it."""

    name = "demo"
    verbose_name = _("Demo story")
