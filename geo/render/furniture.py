"""Map furniture for exported pictures: title, legend with the fatality size key, a scale bar that
fits, a north arrow and the attribution, laid over the map with no Leaflet controls.

Everything is drawn by the page itself (HTML and inline SVG), so PNG, PDF and animation frames
carry the same furniture, sized to the picture rather than to a screen.
"""

from __future__ import annotations

import html
import math

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.render.popups import EVENT_COLOURS, OTHER_COLOUR

__all__ = [
    "SIZE_KEY", "SIZE_PRESETS", "EXTENTS", "fatality_radius", "credits", "size_key_svg", "legend_html", "Furniture", "pad_fit", "strip_controls",
]

SIZE_KEY = (0, 10, 50, 100)  # fatalities shown in the size key
# name -> (width, height, scale): CSS pixels of the page and the device pixels per CSS pixel.
# Print sizes are the paper at 96 CSS px per inch, rendered at 300 dpi (scale 300/96).
SIZE_PRESETS = {
    "slides 16:9 (1920x1080)": (1920, 1080, 1.0),
    "slides 4:3 (1600x1200)": (1600, 1200, 1.0),
    "print A4 landscape, 300 dpi": (1123, 794, 300 / 96),
    "print A4 portrait, 300 dpi": (794, 1123, 300 / 96),
    "print Letter landscape, 300 dpi": (1056, 816, 300 / 96),
    "print Letter portrait, 300 dpi": (816, 1056, 300 / 96),
    "social 16:9 (1200x675)": (1200, 675, 1.0),
    "social square (1080x1080)": (1080, 1080, 1.0),
}
EXTENTS = {"view": "the view on screen", "events": "fitted to the events in view"}
GEONAMES = "Place names: GeoNames (CC BY 4.0)"


def fatality_radius(fatalities: int) -> float:
    """The marker radius geo.maps draws for this many fatalities (kept equal by a test)."""
    return min(5 + 2 * math.sqrt(max(fatalities, 0)), 22)


def credits(basemap_name: str, *, short: bool = False) -> str:
    """The attribution line: the basemap's sources and GeoNames for the names (`short` for small pictures)."""
    from geo.render.basemap import ATTRIBUTION, ATTRIBUTION_SHORT

    if basemap_name == "offline":
        return ATTRIBUTION_SHORT if short else ATTRIBUTION
    tiles = {"osm": "© OpenStreetMap contributors", "carto": "© OpenStreetMap contributors © CARTO"}[basemap_name]
    return f"Basemap: {tiles} · {GEONAMES}"


def size_key_svg(scale: float = 1.0) -> str:
    """Circles of the size key side by side, labelled with their fatalities."""
    radii = [fatality_radius(f) * scale for f in SIZE_KEY]
    gap = 10 * scale
    width = sum(2 * r for r in radii) + gap * (len(radii) + 1)
    height = 2 * radii[-1] + 18 * scale
    x, parts = gap, []
    base = 2 * radii[-1] + 2
    for f, r in zip(SIZE_KEY, radii):
        cx = x + r
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{base - r:.1f}" r="{r:.1f}" fill="#888" fill-opacity="0.35" stroke="#444" stroke-width="1"/>'
            f'<text x="{cx:.1f}" y="{base + 13 * scale:.1f}" text-anchor="middle" font-size="{11 * scale:.0f}" fill="#333">{f}</text>'
        )
        x += 2 * r + gap
    return f'<svg class="cem-size-key" width="{width:.0f}" height="{height:.0f}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'


def legend_html(types: set[str], scale: float = 1.0, *, aggregated: bool = False, heatmap: bool = False) -> str:
    """Event types on the map with their colours, then the size key for fatalities."""
    if heatmap:
        return ("<b>Event density</b><div style='width:140px;height:10px;margin-top:3px;"
                "background:linear-gradient(90deg,blue,cyan,lime,yellow,red)'></div>")
    shown = [(t, c) for t, c in EVENT_COLOURS.items() if t in types] or list(EVENT_COLOURS.items())
    if types - set(EVENT_COLOURS):
        shown.append(("Other", OTHER_COLOUR))
    dot = 10 * scale
    rows = "".join(
        f'<div class="cem-legend-row"><span style="display:inline-block;width:{dot:.0f}px;height:{dot:.0f}px;'
        f'border-radius:50%;background:{c};margin-right:6px;vertical-align:middle"></span>{html.escape(t)}</div>'
        for t, c in shown
    )
    if aggregated:
        key = "<div class='cem-legend-note'>Circles: events per grid cell</div>"
    else:
        key = ("<div class='cem-legend-title' style='margin-top:6px'>Fatalities</div>" + size_key_svg(scale)
               + "<div class='cem-legend-note'>Dashed ring: location uncertainty</div>")
    return f"<div class='cem-legend-title'>Event type</div>{rows}{key}"


def pad_fit(m: folium.Map, base_px: float, subtitle_lines: int) -> None:
    """Keep fitted events clear of the title block (top) and the scale and credit line (bottom)."""
    top = base_px * (3.2 + 1.35 * subtitle_lines)
    for child in m._children.values():
        if isinstance(child, folium.map.FitBounds):
            child.options.update(paddingTopLeft=[round(base_px), round(top)], paddingBottomRight=[round(base_px), round(base_px * 5.5)])


def strip_controls(m: folium.Map) -> None:
    """No zoom buttons, layer switcher, scale or Leaflet attribution: the furniture replaces them."""
    m.options.update(zoom_control=False, attribution_control=False)
    m.control_scale = False
    for key, child in list(m._children.items()):
        if isinstance(child, folium.LayerControl):
            del m._children[key]


class Furniture(MacroElement):
    """Title block, legend, scale bar, north arrow and attribution over the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var box = map.getContainer();
            var css = document.createElement("style");
            css.textContent = {{ this.css|tojson }};
            document.head.appendChild(css);
            function add(cls, inner) {
                var div = document.createElement("div");
                div.className = "cem-furniture " + cls;
                div.innerHTML = inner;
                box.appendChild(div);
                return div;
            }
            add("cem-title-block", {{ this.title_html|tojson }});
            {%- if this.legend_html %}
            add("cem-legend-block", {{ this.legend_html|tojson }});
            {%- endif %}
            add("cem-north", "<svg width='18' height='26' viewBox='0 0 18 26'><path d='M9 0 L17 22 L9 17 L1 22 Z' fill='#333'/></svg><div>N</div>");
            var credit = add("cem-attribution", {{ this.credits_html|tojson }});
            var scale = add("cem-scale", "");
            var above = (credit.offsetHeight + {{ this.gap }}) + "px";  // the credit line may wrap
            scale.style.bottom = above;
            Array.from(box.querySelectorAll(".cem-legend-block")).forEach(function (e) { e.style.bottom = above; });
            function drawScale() {
                var size = map.getSize(), y = size.y / 2;
                var metres = map.containerPointToLatLng([0, y]).distanceTo(map.containerPointToLatLng([100, y])) / 100;
                var most = Math.max(60, size.x * 0.18) * metres, unit = Math.pow(10, Math.floor(Math.log10(most)));
                var nice = [5, 2, 1].map(function (k) { return k * unit; }).filter(function (d) { return d <= most; })[0] || unit;
                var px = Math.round(nice / metres);
                var label = nice >= 1000 ? (nice / 1000) + " km" : nice + " m";
                scale.innerHTML = "<div class='cem-scale-bar' style='width:" + px + "px'></div><div class='cem-scale-label'>" + label + "</div>";
            }
            map.whenReady(drawScale);
            map.on("zoomend moveend resize", drawScale);
            if (window.cemBasemap) { window.cemBasemap.showLabels(window.cemBasemap._showLabels); }  // names clear of the boxes
            window.__cemFurniture = true;
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, *, title: str, subtitle: str, legend: str | None, credit: str, base_px: float, hide_controls: bool = True):
        super().__init__()
        self._name = "Furniture"
        b = base_px
        self.title_html = (f"<div class='cem-title'>{html.escape(title)}</div>"
                           + "".join(f"<div class='cem-subtitle'>{html.escape(line)}</div>" for line in subtitle.splitlines() if line))
        self.legend_html = legend
        self.gap = round(b * 0.8)
        self.credits_html = html.escape(credit)
        panel = f"background:rgba(255,255,255,0.93);border-radius:{b * 0.3:.0f}px;box-shadow:0 1px 4px rgba(0,0,0,.3);"
        self.css = (
            (".leaflet-control-container{display:none!important}" if hide_controls else "")
            + f".cem-furniture{{position:absolute;z-index:1000;font-family:sans-serif;color:#222;pointer-events:none}}"
            f".cem-title-block{{top:{b:.0f}px;left:{b:.0f}px;max-width:60%;padding:{b * 0.5:.0f}px {b * 0.8:.0f}px;{panel}}}"
            f".cem-title{{font-size:{b * 1.5:.1f}px;font-weight:bold;line-height:1.2}}"
            f".cem-subtitle{{font-size:{b * 0.95:.1f}px;line-height:1.35;color:#444;margin-top:2px}}"
            f".cem-legend-block{{right:{b:.0f}px;bottom:{b * 2.6:.0f}px;font-size:{b:.1f}px;line-height:1.45;"
            f"padding:{b * 0.5:.0f}px {b * 0.8:.0f}px;{panel}}}"
            f".cem-legend-title{{font-weight:bold}}.cem-legend-note{{color:#555;font-size:{b * 0.85:.1f}px}}"
            f".cem-north{{top:{b:.0f}px;right:{b:.0f}px;text-align:center;font:bold {b:.0f}px sans-serif;"
            f"padding:{b * 0.3:.0f}px {b * 0.45:.0f}px;{panel}}}"
            f".cem-attribution{{left:0;right:0;bottom:0;padding:{b * 0.25:.0f}px {b * 0.6:.0f}px;font-size:{b * 0.8:.1f}px;"
            f"background:rgba(255,255,255,0.88);color:#333;line-height:1.3}}"
            f".cem-scale{{left:{b:.0f}px;bottom:{b * 2.6:.0f}px;padding:{b * 0.35:.0f}px {b * 0.6:.0f}px;{panel}"
            f"font-size:{b * 0.9:.1f}px;white-space:nowrap}}"
            f".cem-scale-bar{{height:{max(b * 0.35, 4):.0f}px;border:2px solid #222;border-top:0;box-sizing:border-box}}"
            f".cem-scale-label{{margin-top:2px}}"
            # an interactive page keeps its zoom buttons (top left) and layer switcher (top right)
            + ("" if hide_controls else ".cem-title-block{left:54px}.cem-north{display:none}")
        )
