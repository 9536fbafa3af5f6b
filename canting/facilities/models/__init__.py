from canting.facilities.models.bookings import (
    HOLDING,
    Booking,
    BookingState,
    CalendarFeed,
    Reservation,
    Usage,
)
from canting.facilities.models.facilities import CapacityUnit, ClosedDay, Facility, FacilityKind, Quota

__all__ = [
    "HOLDING",
    "Booking",
    "BookingState",
    "CalendarFeed",
    "CapacityUnit",
    "ClosedDay",
    "Facility",
    "FacilityKind",
    "Quota",
    "Reservation",
    "Usage",
]
