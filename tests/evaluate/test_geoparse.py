"""Geoparsing evaluation: a tiny corpus written here, and the real LGL / TR-News files when present."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geo.errors import GeoError
from geo.evaluate.geoparse import evaluate_geoparse, read_geoparse_xml
from geo.settings import PROJECT_ROOT

TINY = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[Clashes near Maaret al-Numan in Idlib province. Turkey shelled Afrin.]]></text>
    <toponyms>
      <toponym><start>13</start><end>28</end><phrase>Maaret al-Numan</phrase>
        <gaztag geonameid="167611"><lat>35.6483</lat><lon>36.6769</lon></gaztag></toponym>
      <toponym><start>32</start><end>37</end><phrase>Idlib</phrase>
        <gaztag><lat>35.8</lat><lon>36.6</lon></gaztag></toponym>
      <toponym><start>48</start><end>54</end><phrase>Turkey</phrase>
        <gaztag><lat>39.0</lat><lon>35.0</lon></gaztag></toponym>
      <toponym><start>63</start><end>68</end><phrase>Afrin</phrase>
        <gaztag><lat>36.51</lat><lon>36.87</lon></gaztag></toponym>
      <toponym><start>0</start><end>7</end><phrase>Clashes</phrase></toponym>
    </toponyms>
  </article>
  <article docid="2">
    <text><![CDATA[Fog closed roads around Zzyzxqor.]]></text>
    <toponyms>
      <toponym><start>24</start><end>32</end><phrase>Zzyzxqor</phrase>
        <gaztag><lat>10</lat><lon>10</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture()
def tiny(tmp_path):
    path = tmp_path / "tiny.xml"
    path.write_text(TINY, encoding="utf-8")
    return path


def test_reader_keeps_toponyms_with_coordinates(tiny):
    articles = list(read_geoparse_xml(tiny))
    assert [len(a.toponyms) for a in articles] == [4, 1]
    first = articles[0]
    assert [first.text[t.start:t.end] for t in first.toponyms] == [t.phrase for t in first.toponyms]


def test_scores_on_the_tiny_corpus(tiny, gazetteer):
    result = evaluate_geoparse(tiny, gazetteer)
    assert result["n"] == 5
    assert result["acc_161km"] == 80.0  # the unknown name counts as a miss at maximum error
    assert result["median_km"] < 30 and 0 < result["auc"] < 1
    raw = evaluate_geoparse(tiny, gazetteer, raw=True)
    assert raw["recall"] == 80.0 and raw["precision"] == 100.0


def test_unreadable_corpus_is_a_geo_error(tmp_path, gazetteer):
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(GeoError):
        evaluate_geoparse(bad, gazetteer)


@pytest.mark.parametrize(("name", "anchor"), [("lgl.xml", 82.7), ("TR-News.xml", 87.3)])
def test_real_corpora_through_the_cli(shared_eval, gazetteer, name, anchor):
    """The published Mordecai 3 Acc@161 is the anchor; see readme for the figures this prints."""
    import os

    env = dict(os.environ, GEO_GAZETTEER=str(gazetteer.path))
    out = subprocess.run([sys.executable, "-m", "geo", "eval", "geoparse", str(shared_eval / "geoparsing" / name)],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["n"] > 1000
    assert result["acc_161km"] >= anchor - 3  # regression guard; the README reports the exact figure
