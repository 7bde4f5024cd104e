"""The texts of this app's public records that the translation desk checks."""

from core.translation_desk import Checked, register_checked

from .models import Commitment, Delegate, Visit, VisitDocument


def register():
    register_checked(
        Checked("visit", Visit,
                ("title", "place", "host", "visiting_mission", "purpose", "highlights", "report"),
                lambda: Visit.objects.public()),
        Checked("delegate", Delegate, ("title", "organisation"),
                lambda: Delegate.objects.public()),
        Checked("visit_document", VisitDocument, ("title",),
                lambda: VisitDocument.objects.public()),
        Checked("commitment", Commitment, ("description", "owner"),
                lambda: Commitment.objects.public()),
    )  # fmt: skip
