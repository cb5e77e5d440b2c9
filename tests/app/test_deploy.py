"""Deployment defaults: local-only, no tracebacks in the browser, and GEO_READONLY for a shared server."""

from __future__ import annotations

import tomllib

import pytest
from test_pages import _run, app_env, with_gazetteer  # noqa: F401 - fixtures

from geo.settings import PROJECT_ROOT
from geo.store.store import Store


def test_config_listens_locally_and_hides_error_details():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize("readonly, can_save", [("1", False), ("", True)])
def test_readonly_server_previews_but_does_not_save(with_gazetteer, monkeypatch, readonly, can_save):  # noqa: F811
    monkeypatch.setenv("GEO_READONLY", readonly)
    at = _run("pages/articles.py")
    at.text_area(key="art_text").set_value("date 2018-02-03\nTurkish jets struck villages near Afrin on Saturday.").run()
    assert not at.exception
    assert any(b.key == "art_save" for b in at.button) == can_save
    assert any("Read-only" in c.value for c in at.caption) != can_save


@pytest.mark.parametrize("readonly", ["1", ""])
def test_readonly_server_takes_no_gazetteer_edits(with_gazetteer, monkeypatch, readonly):  # noqa: F811
    monkeypatch.setenv("GEO_READONLY", readonly)
    at = _run("pages/gazetteer.py")
    at.text_input(key="gz_name").set_value("Jinderes").run()
    assert not at.exception
    buttons = [b for b in at.button if b.label == "Save user entry" or b.key == "gz_alias"]
    assert buttons and all(b.disabled == bool(readonly) for b in buttons)
    with Store() as s:
        assert s.version() >= 0
