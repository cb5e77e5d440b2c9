"""Articles: paste or upload articles, preview what the pipeline finds in them, save them to the store."""

import itertools

import pandas as pd
import streamlit as st

from geo import pipeline
from geo.errors import GeoError
from geo.extract.articles import parse_article
from geo.extract.events import extract_events, find_mentions
from geo.render import html
from geo.settings import readonly
from geo.ui import uploads
from pages import common

common.use_router()

SAVED_LISTED = 5_000  # articles whose events are listed after Save; a bulk corpus saves them all
PREVIEW = 10  # articles previewed in full; all of them are saved
HIGHLIGHT_CSS = (
    "<style>mark.place{background:#cfe3ff}mark.actor{background:#ffe0b3}mark.date{background:#d7f5d0}"
    ".article{line-height:1.6;max-height:24em;overflow:auto}</style>"
)

st.title("Articles")
st.caption("Paste an article or upload files; see the places, actors and dates found, then save the events.")

pasted, errors = [], []
paste, upload = st.tabs(["Paste", "Upload files"])
with paste:
    text = st.text_area("Article text", key="art_text", height=200, placeholder="date 2018-02-03\nSyrian opposition fighters said ...")
    c1, c2, c3 = st.columns(3)
    day = c1.date_input("Date (when the text has no 'date' line)", value=None, key="art_date")
    title = c2.text_input("Title", key="art_title")
    url = c3.text_input("Source link", key="art_url")
    if text.strip():
        try:
            pasted.append(
                parse_article(text, name="pasted text", date=day.isoformat() if day else None, title=title, url=url)
            )
        except GeoError as exc:
            errors.append(str(exc))
with upload:
    files = st.file_uploader(
        "Article files (.txt, .md, .html) or bulk files (.csv, .jsonl with date,text[,title,source,url])",
        accept_multiple_files=True,
        key="art_files",
    )
    surveys = [common.survey_upload(f) for f in files or []]  # bulk files are streamed, never held whole
    for survey in surveys:
        errors += survey.errors
        if survey.more_errors:
            errors.append(f"{survey.name}: {survey.more_errors:,} more bad rows not listed")
articles = pasted + [a for survey in surveys for a in survey.preview]  # the ones previewed
total = len(pasted) + sum(survey.articles for survey in surveys)

for message in errors:
    st.error(html.md_text(message))
if not total:
    st.info("Nothing to preview yet.")
    st.stop()

gaz = common.gazetteer()
st.subheader(f"Preview ({min(total, PREVIEW)} of {total} articles)")
st.html(HIGHLIGHT_CSS + '<p>Found: <mark class="place">place</mark> <mark class="actor">actor</mark> <mark class="date">date</mark></p>')
for art in articles[:PREVIEW]:
    with st.expander(html.md_text(f"{art.date} · {art.title or art.path}"), expanded=total == 1):
        try:
            st.html(HIGHLIGHT_CSS + f'<div class="article">{html.highlight_html(art.text, find_mentions(art, gaz))}</div>')
            events = pd.DataFrame([e.to_dict() for e in extract_events(art, gaz)])
        except (GeoError, ValueError, RecursionError) as exc:  # one article's line, the others still shown
            st.error(html.md_text(f"{art.path}: {exc}"))
            continue
        if events.empty:
            st.caption("No events found in this article.")
        else:
            st.dataframe(
                events[["date_start", "event_type", "sub_event_type", "actor1", "actor2", "place", "location", "fatalities", "sentence"]],
                hide_index=True,
            )

if readonly():
    st.caption("Read-only server (GEO_READONLY): articles are previewed, not saved.")
elif st.button(f"Save {total} article(s) to the store", type="primary", key="art_save"):
    bar = st.progress(0.0, text="Saving...")
    noted: list[str] = []  # the saved articles' ids, to list their events afterwards

    def _noting(stream):
        for art in stream:
            if len(noted) < SAVED_LISTED:
                noted.append(art.article_id)
            yield art

    every = _noting(itertools.chain(pasted, *(uploads.stream(f, f.name) for f in files or [])))
    try:
        report = pipeline.ingest_articles(
            common.store(), every, gaz, progress=pipeline.throttled(
                lambda done, _: bar.progress(min(done / total, 1.0), text=f"{done:,}/{total:,} articles"))
        )
    except GeoError as exc:
        st.error(html.md_text(exc))
    else:
        common.store_changed()
        bar.progress(1.0, text="Done")
        saved = common.store().events_of_articles(noted)
        merged = saved[saved["how"] == "merged"]
        into = "; ".join(f"{r.date_start} {r.event_type} at {r.location}" for r in merged.head(3).itertuples())
        st.success(html.md_text(report.summary() + (f" · merged into: {into}" if into else "")))
        if not saved.empty:
            st.dataframe(
                saved.assign(map=[f"./?event={e}" for e in saved["event_id"]]),
                hide_index=True,
                column_order=["map", "how", "date_start", "event_type", "location", "event_id"],
                column_config={"map": st.column_config.LinkColumn("map", display_text="open on map")},
                key="art_saved",
            )
        for message in report.rejected:
            st.error(html.md_text(message))
