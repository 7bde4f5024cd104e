"""After the signature: what a partnership produces (activities), measures (indicators) and
reports each year (annual reports)."""

from .activities import (
    AFTER_SIGNING,
    SIGNED,
    SPENDING_STATES,
    Activity,
    ActivityFile,
)
from .indicators import Indicator, IndicatorValue
from .reports import AnnualReport, ReminderSent

__all__ = [
    "AFTER_SIGNING",
    "SIGNED",
    "SPENDING_STATES",
    "Activity",
    "ActivityFile",
    "AnnualReport",
    "Indicator",
    "IndicatorValue",
    "ReminderSent",
]
