"""The parts of the live map the browser draws: the event layer, the uncertainty halos, and the boxes
laid over the map (legend, caption, message, style), each a folium element that st_folium keeps.
"""

from __future__ import annotations

import html

import folium
import folium.plugins
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template
from markupsafe import Markup

from geo.render import assets, basemap
from geo.render.html import script_json
from geo.render.popups import EVENT_COLOURS, OTHER_COLOUR, POPUP_CSS

__all__ = ["EventLayer", "HaloLayer", "Control", "Message", "Style", "legend", "caption", "BOX_STYLE"]

HALO_COLOUR = "#555555"

class EventLayer(JSCSSMixin, folium.map.Layer):
    """Events (or grid cells) as one L.geoJson of circle markers, coloured by type in the browser."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var colours = {{ this.colours|tojson }};
            var data = {{ this.data_json }};
            function colour(p) { return colours[p.event_type] || {{ this.other|tojson }}; }
            function radius(p) {
                if (p.count) { return Math.min(6 + 2.2 * Math.sqrt(p.count), 34); }
                return Math.min(5 + 2 * Math.sqrt(p.fatalities || 0), 22);
            }
            var geo = L.geoJson(data, {
                pointToLayer: function (feature, latlng) {
                    var p = feature.properties, c = colour(p);
                    return L.circleMarker(latlng, {
                        radius: radius(p), color: p.selected ? "#000000" : c,
                        weight: p.selected ? 3 : 1.5, opacity: 1, fillColor: c,
                        fillOpacity: p.count ? 0.55 : 0.8, bubblingMouseEvents: false
                    });
                },
                onEachFeature: function (feature, layer) {
                    layer.bindPopup(feature.properties.popup, {maxWidth: 380});
                    layer.bindTooltip(feature.properties.tooltip, {sticky: true});
                    if (feature.properties.selected) {
                        layer.on("add", function () { layer.bringToFront(); });
                    }
                }
            });
            {%- if this.cluster %}
            var group = L.markerClusterGroup({maxClusterRadius: 45, chunkedLoading: true});
            group.addLayers(geo.getLayers());
            return group;
            {%- else %}
            return geo;
            {%- endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict], *, cluster: bool = False, name: str = "Events"):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "EventLayer"
        self.data_json = Markup(script_json({"type": "FeatureCollection", "features": features}))
        self.colours = EVENT_COLOURS
        self.other = OTHER_COLOUR
        self.cluster = cluster
        # A JSCSSMixin, so st_folium loads the cluster plugin too, from the local copies.
        self.default_js, self.default_css = assets.links_for(folium.plugins.MarkerCluster) if cluster else ([], [])


class HaloLayer(folium.map.Layer):
    """The location uncertainty of the events: one dashed circle in metres per distinct place and
    precision, under the markers (twenty events at one town give one ring, not a dark blot)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var map = {{ this.map_name }};
            if (!map.getPane("cemHalos")) { map.createPane("cemHalos").style.zIndex = 350; }
            var renderer = L.canvas({pane: "cemHalos"});
            var group = L.layerGroup(), seen = {};
            {{ this.events_name }}.eachLayer(function (layer) {
                var p = layer.feature && layer.feature.properties;
                if (!p || !p.halo) { return; }
                var at = layer.getLatLng(), key = at.lat.toFixed(3) + "," + at.lng.toFixed(3) + "," + p.halo;
                if (seen[key]) { return; }
                seen[key] = true;
                group.addLayer(L.circle(at, {
                    radius: p.halo, pane: "cemHalos", renderer: renderer, interactive: false,
                    color: {{ this.colour|tojson }}, weight: 1, opacity: 0.6, dashArray: "4 4",
                    fillColor: {{ this.colour|tojson }}, fillOpacity: 0.06
                }));
            });
            return group;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, events: EventLayer, map_name: str):
        super().__init__(name="Location uncertainty", overlay=True, control=True, show=True)
        self._name = "HaloLayer"
        self.events_name = events.get_name()
        self.map_name = map_name
        self.colour = HALO_COLOUR


class Control(MacroElement):
    """A fixed box (legend, caption, message) as a Leaflet control, so st_folium keeps it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.setAttribute("style", {{ this.style|tojson }});
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, *, position: str, css_class: str, style: str):
        super().__init__()
        self._name = "Control"
        self.html = Markup(html_text)
        self.position = position
        self.css_class = css_class
        self.style = style


BOX_STYLE = "background:rgba(255,255,255,0.92);padding:6px 9px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.35 sans-serif;color:#222;"


def legend(types: set[str], aggregated: bool, heatmap: bool) -> Control:
    """The colours of the event types on the map (all of them when the map is empty)."""
    if heatmap:
        body = "<b>Event density</b><br><span style='display:inline-block;width:120px;height:10px;background:linear-gradient(90deg,blue,cyan,lime,yellow,red)'></span>"
    else:
        shown = [(t, c) for t, c in EVENT_COLOURS.items() if t in types or not types]
        if types - set(EVENT_COLOURS):
            shown.append(("Other", OTHER_COLOUR))
        rows = "".join(
            f'<div><span style="display:inline-block;width:10px;height:10px;border-radius:50%;background:{c};margin-right:5px"></span>{html.escape(t)}</div>'
            for t, c in shown
        )
        note = "Circles: events per grid cell" if aggregated else "Size: fatalities · ring: location uncertainty"
        body = f"<b>Event type</b>{rows}<div style='margin-top:2px;color:#555;font-size:11px'>{note}</div>"
    return Control(body, position="bottomright", css_class="cem-legend", style=BOX_STYLE)


def caption(text: str) -> Control:
    return Control(html.escape(text).replace("\n", "<br>"), position="bottomleft", css_class="cem-caption", style=BOX_STYLE + "width:max-content;max-width:55vw;")


class Message(MacroElement):
    """A message across the middle of the map ("No events ...")."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var div = document.createElement("div");
            div.className = "cem-message";
            div.setAttribute("style", {{ this.style|tojson }});
            div.textContent = {{ this.text|tojson }};
            {{ this._parent.get_name() }}.getContainer().appendChild(div);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Message"
        self.text = text
        self.style = BOX_STYLE + "position:absolute;top:45%;left:50%;transform:translate(-50%,-50%);z-index:800;font-size:18px;"


class Style(MacroElement):
    """Sea colour behind the offline outlines (tiles cover it) and the popups' CSS, set from the
    map's script so st_folium, which drops the page head, keeps them."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.getContainer().style.background = {{ this.colour|tojson }};
        (function () {
            if (document.getElementById("cem-style")) { return; }  // st_folium reruns the script
            var style = document.createElement("style");
            style.id = "cem-style";
            style.textContent = {{ this.css|tojson }};
            document.head.appendChild(style);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, colour: str):
        super().__init__()
        self._name = "Style"
        self.colour = colour
        self.css = POPUP_CSS + basemap.TOWN_CSS
