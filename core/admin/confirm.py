"""One confirmation page for every admin action (a lifecycle step, a candidate decision, an
answer, closing a commitment, a report's step, archiving and restoring): what the action will
do, what stops it, what to know, the few fields it needs, and a button that says what it does.
Each action fills in a `Confirmation`; the template `admin/confirm_action.html` draws them all
alike, and a page's own template only adds what is particular to it (its `intro` block)."""

from dataclasses import dataclass, field

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


@dataclass
class Confirmation:
    title: str
    crumbs: list  # [(address, label)] between "Home" and the title
    submit: str  # the button, saying what it does
    cancel_url: str
    cancel_label: str = _("Cancel")
    back_label: str = ""  # the link offered instead of the form while problems remain
    consequences: list = field(default_factory=list)
    consequences_heading: str = _("What this does")
    warnings: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # while any remain, no form is offered
    problems_heading: str = _("It cannot be done yet:")
    form: object = None
    form_id: str = "confirm-form"
    css_class: str = ""


class ConfirmationPage:
    """For model admins: answer with the confirmation page of `confirmation`."""

    def confirmation_page(self, request, original, confirmation, template=None, **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": original,
            "confirm": confirmation,
            "form": confirmation.form,
            "title": confirmation.title,
            **extra,
        }
        return TemplateResponse(request, template or "admin/confirm_action.html", context)
