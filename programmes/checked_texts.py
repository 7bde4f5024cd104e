"""The texts of this app's public records that the translation desk checks. A published annual
report is not here: it is frozen, with the texts it had, and its page says which passages are in
Indonesian."""

from core.translation_desk import Checked, register_checked

from .models import Activity, ActivityFile, Indicator, IndicatorValue


def register():
    register_checked(
        Checked("activity", Activity, ("title", "place", "lead_home", "lead_partner", "outcome"),
                lambda: Activity.objects.public()),
        Checked("activity_file", ActivityFile, ("title",), lambda: ActivityFile.objects.public()),
        Checked("indicator", Indicator, ("name", "unit"), lambda: Indicator.objects.public()),
        Checked("indicator_value", IndicatorValue, ("source",),
                lambda: IndicatorValue.objects.public(), edited_in="indicator"),
    )  # fmt: skip
