"""Co-creation rules (issue 17): which areas a customer in a workshop may write in.

The facilitator may give customers their own step: one profile area, or the whole customer
profile (jobs, pains and gains, the customer choosing). Without one, customers follow the
room's step when it is a profile area, and otherwise choose in the profile. Customers never
write in the value map, with or without a step: it is the team's answer to them.
"""

from __future__ import annotations

from canvas.models import PROFILE_AREAS

PROFILE_STEP = "profile"
CUSTOMER_STEPS: dict[str, tuple[str, ...]] = {
    PROFILE_STEP: tuple(area.value for area in PROFILE_AREAS),
    **{area.value: (area.value,) for area in PROFILE_AREAS},
}


def valid_customer_step(step: str | None) -> str | None:
    if step in (None, ""):
        return None
    if step not in CUSTOMER_STEPS:
        raise ValueError(step)
    return step


def customer_areas(customer_step: str | None, room_area: str | None) -> tuple[str, ...]:
    """The areas a customer may write in now: their own step's, else the room's step if it
    is a profile area, else the whole profile."""
    if customer_step in CUSTOMER_STEPS:
        return CUSTOMER_STEPS[customer_step]
    if room_area in CUSTOMER_STEPS[PROFILE_STEP]:
        return (room_area,)
    return CUSTOMER_STEPS[PROFILE_STEP]


def customer_note_area(customer_step: str | None, room_area: str | None, chosen: str | None) -> str | None:
    """Where a customer's note goes: the area they chose if their step allows it, else the
    step's only area; None when they must choose."""
    allowed = customer_areas(customer_step, room_area)
    if chosen in allowed:
        return chosen
    return allowed[0] if len(allowed) == 1 else None
