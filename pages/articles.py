"""Articles: paste or upload articles, preview what the pipeline finds in them, save them to the store."""

import pandas as pd
import streamlit as st

from geo import pipeline
from geo.render import html
from geo.extract.articles import parse_article
from geo.errors import GeoError
from geo.extract.events import extract_events, find_mentions
from pages import common

common.use_router()

PREVIEW = 10  # articles previewed in full; all of them are saved
HIGHLIGHT_CSS = (
    "<style>mark.place{background:#cfe3ff}mark.actor{background:#ffe0b3}mark.date{background:#d7f5d0}"
    ".article{line-height:1.6;max-height:24em;overflow:auto}</style>"
)

st.title("Articles")
st.caption("Paste an article or upload files; see the places, actors and dates found, then save the events.")

articles, errors = [], []
paste, upload = st.tabs(["Paste", "Upload files"])
with paste:
    text = st.text_area("Article text", key="art_text", height=200, placeholder="date 2018-02-03\nSyrian opposition fighters said ...")
    c1, c2, c3 = st.columns(3)
    day = c1.date_input("Date (when the text has no 'date' line)", value=None, key="art_date")
    title = c2.text_input("Title", key="art_title")
    url = c3.text_input("Source link", key="art_url")
    if text.strip():
        try:
            articles.append(
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
    for f in files or []:
        found, bad = common.read_upload(f.name, f.getvalue())
        articles += found
        errors += bad

for message in errors:
    st.error(html.md_text(message))
if not articles:
    st.info("Nothing to preview yet.")
    st.stop()

gaz = common.gazetteer()
st.subheader(f"Preview ({min(len(articles), PREVIEW)} of {len(articles)} articles)")
st.html(HIGHLIGHT_CSS + '<p>Found: <mark class="place">place</mark> <mark class="actor">actor</mark> <mark class="date">date</mark></p>')
for art in articles[:PREVIEW]:
    with st.expander(html.md_text(f"{art.date} · {art.title or art.path}"), expanded=len(articles) == 1):
        try:
            st.html(HIGHLIGHT_CSS + f'<div class="article">{html.highlight_html(art.text, find_mentions(art, gaz))}</div>')
            events = pd.DataFrame([e.to_dict() for e in extract_events(art, gaz)])
        except GeoError as exc:
            st.error(html.md_text(f"{art.path}: {exc}"))
            continue
        if events.empty:
            st.caption("No events found in this article.")
        else:
            st.dataframe(
                events[["date_start", "event_type", "sub_event_type", "actor1", "actor2", "place", "location", "fatalities", "sentence"]],
                hide_index=True,
            )

if st.button(f"Save {len(articles)} article(s) to the store", type="primary", key="art_save"):
    bar = st.progress(0.0, text="Saving...")
    try:
        report = pipeline.ingest_articles(
            common.store(), articles, gaz, progress=lambda done, total: bar.progress(done / max(total, 1), text=f"{done}/{total} articles")
        )
    except GeoError as exc:
        st.error(html.md_text(exc))
    else:
        common.store_changed()
        bar.progress(1.0, text="Done")
        st.success(report.summary())
        for message in report.rejected:
            st.error(html.md_text(message))
