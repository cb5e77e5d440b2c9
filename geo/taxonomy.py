"""ACLED's event taxonomy (6 event types, 25 sub-event types) plus our displacement type.

Every module that writes or colours an `event_type` uses these names, so the map legend,
the filters and the imports agree.
"""

from __future__ import annotations

__all__ = ["SUB_EVENT_TYPES", "EVENT_TYPES", "DISPLACEMENT", "event_type_of"]

DISPLACEMENT = "Displacement"

SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
    DISPLACEMENT: ("Population displacement",),
}

EVENT_TYPES: tuple[str, ...] = tuple(SUB_EVENT_TYPES)

_PARENT = {sub: parent for parent, subs in SUB_EVENT_TYPES.items() for sub in subs}


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to; KeyError names an unknown one."""
    try:
        return _PARENT[sub_event_type]
    except KeyError:
        raise KeyError(f"unknown sub-event type {sub_event_type!r}") from None
