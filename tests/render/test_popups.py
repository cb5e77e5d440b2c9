"""Popups and tooltips: article text is untrusted, so everything in them is escaped."""

from __future__ import annotations

import pytest

from geo.render import popups

HOSTILE = 'Shelling hit Saraqib <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> today.'


def test_popup_escapes_article_text_and_highlights_the_place():
    event = {
        "date_start": "2018-02-05", "date_end": "2018-02-06", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Military Forces of Syria <b>",
        "actor2": "Civilians (Syria)", "place": "Saraqib", "location": "Saraqib", "admin1": "Idlib",
        "country_code": "SY", "geo_precision": 1, "fatalities": 3, "sentence": HOSTILE,
        "source": "Wire <i>", "url": "https://example.org/a?x=1&y=\"2\"",
    }
    html = popups.popup_html(event)
    assert "<script>" not in html and "<img" not in html and "Syria <b>" not in html and "<i>" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert '<mark class="place" title="place: Saraqib">Saraqib</mark>' in html
    assert "2018-02-05 – 2018-02-06" in html and "3 killed" in html
    assert 'href="https://example.org/a?x=1&amp;y=&quot;2&quot;"' in html
    assert "Military Forces of Syria &lt;b&gt; vs Civilians (Syria)" in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "JAVASCRIPT:x", ""])
def test_popup_links_only_web_urls(url):
    html = popups.popup_html({"sentence": "x", "url": url, "source": "src"})
    assert "<a " not in html




@pytest.mark.parametrize(
    "event, expected",
    [
        ({"sentence": "Clashes in Afrin and Afrin district.", "place": "Afrin"}, 2),  # every occurrence
        ({"sentence": "Clashes near Ma'arrat an Nu'man.", "place": "Maaret al-Numan", "location": "Ma'arrat an Nu'man"}, 1),
        ({"sentence": "No place named here.", "place": "Afrin"}, 0),
        ({"sentence": "Afrin", "place": ""}, 0),
    ],
)
def test_place_or_location_is_marked(event, expected):
    assert popups.popup_html(event).count("<mark") == expected


def test_tooltip_is_one_escaped_line():
    tooltip = popups.tooltip_text({"date_start": "2018-02-01", "event_type": "Battles", "location": "<b>x</b>"})
    assert tooltip == "2018-02-01 · Battles · &lt;b&gt;x&lt;/b&gt;"


@pytest.mark.parametrize("value, expected", [(None, ""), (float("nan"), ""), (3, "3"), ("x", "x")])
def test_as_text(value, expected):
    assert popups.as_text(value) == expected
