import pytest

from geo.taxonomy import DISPLACEMENT, EVENT_TYPES, SUB_EVENT_TYPES, event_type_of


def test_acled_has_six_types_and_twenty_five_sub_types():
    acled = {k: v for k, v in SUB_EVENT_TYPES.items() if k != DISPLACEMENT}
    assert len(acled) == 6
    assert sum(len(v) for v in acled.values()) == 25
    assert DISPLACEMENT in EVENT_TYPES


@pytest.mark.parametrize(
    "sub, parent",
    [
        ("Air/drone strike", "Explosions/Remote violence"),
        ("Government regains territory", "Battles"),
        ("Attack", "Violence against civilians"),
        ("Population displacement", DISPLACEMENT),
    ],
)
def test_event_type_of(sub, parent):
    assert event_type_of(sub) == parent


def test_unknown_sub_type_names_the_value():
    with pytest.raises(KeyError, match="'Picnic'"):
        event_type_of("Picnic")
