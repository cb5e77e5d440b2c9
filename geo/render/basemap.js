/* The offline basemap: land, lakes, borders and admin-1 lines of the current zoom band, fetched
 * tile by tile (or read from tiles inlined into a standalone page), and names placed without
 * overlaps, most important first, each time the view changes. Written for conflict-event-map. */
(function () {
  "use strict";

  var measure = document.createElement("canvas").getContext("2d");

  var widths = {};

  function textWidth(text, font) {
    var key = font + "|" + text;
    if (!(key in widths)) {
      measure.font = font;
      widths[key] = Math.ceil(measure.measureText(text).width);
    }
    return widths[key];
  }

  function latlngs(flat) {
    var out = [];
    for (var i = 0; i + 1 < flat.length; i += 2) { out.push([flat[i + 1], flat[i]]); }
    return out;
  }

  function overlaps(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  var FONTS = {
    place: "11px sans-serif",
    capital: "bold 11px sans-serif",
    region: "italic 11px sans-serif",
    country: "bold 12px sans-serif"
  };

  L.CemBasemap = L.Layer.extend({
    options: {
      prefix: "", bands: [], inline: null, svg: false, pane: "cemBasemap", linePane: "cemBasemapLines",
      labelPane: "cemLabels", land: "#f2efe6", lake: "#cfe0ea", border: "#8a8a8a", admin: "#9b7f9b",
      maxLabels: 400
    },

    initialize: function (options) {
      L.setOptions(this, options);
      this._cache = {};
      this._drawn = {};
      this._band = null;
      this._pending = 0;
    },

    onAdd: function (map) {
      if (!map.getPane(this.options.linePane)) {
        var pane = map.createPane(this.options.linePane);
        pane.style.zIndex = 155;
        pane.style.pointerEvents = "none";
      }
      var make = this.options.svg ? L.svg : L.canvas;
      this._fills = make({pane: this.options.pane, padding: 0.3});
      this._strokes = make({pane: this.options.linePane, padding: 0.3});
      this._shapes = L.layerGroup().addTo(map);
      // Names are plain elements in one box of the label pane, placed in layer pixels: far
      // cheaper than a Leaflet marker each, and they move with the map while it pans.
      this._labelBox = L.DomUtil.create("div", "cem-labels", map.getPane(this.options.labelPane));
      this._showLabels = this._showLabels !== false;
      map.on("moveend", this._update, this);
      this._update();
    },

    onRemove: function (map) {
      map.off("moveend", this._update, this);
      map.removeLayer(this._shapes);
      L.DomUtil.remove(this._labelBox);
      this._drawn = {};
      this._band = null;
    },

    pending: function () { return this._pending; },

    showLabels: function (on) {
      this._showLabels = on;
      if (this._map) { this._placeLabels(); }
    },

    _bandFor: function (zoom) {
      var bands = this.options.bands, z = Math.floor(zoom);
      for (var i = 0; i < bands.length; i++) {
        if (z >= bands[i].min && z <= bands[i].max) { return bands[i]; }
      }
      return bands[bands.length - 1];
    },

    _keys: function (band, bounds) {
      var d = band.deg, keys = [];
      var w = Math.max(bounds.getWest(), -180), e = Math.min(bounds.getEast(), 179.9999);
      var s = Math.max(bounds.getSouth(), -90), n = Math.min(bounds.getNorth(), 89.9999);
      if (w > e || s > n) { return keys; }
      for (var c = Math.floor((w + 180) / d); c <= Math.floor((e + 180) / d); c++) {
        for (var r = Math.floor((s + 90) / d); r <= Math.floor((n + 90) / d); r++) {
          keys.push(band.index + "/" + c + "_" + r);
        }
      }
      return keys;
    },

    _update: function () {
      var map = this._map;
      if (!map) { return; }
      var band = this._bandFor(map.getZoom());
      if (this._band !== band.index) {
        this._shapes.clearLayers();
        this._drawn = {};
        this._band = band.index;
      }
      var keys = this._keys(band, map.getBounds().pad(0.1)), self = this;
      keys.forEach(function (key) {
        if (self._drawn[key]) { return; }
        if (key in self._cache) { self._draw(key); return; }
        if (self.options.inline) {
          self._cache[key] = self.options.inline[key] || {};
          self._draw(key);
          return;
        }
        self._pending += 1;
        fetch(self.options.prefix + "/" + key + ".json")
          .then(function (r) { return r.ok ? r.json() : {}; })
          .catch(function () { return {}; })
          .then(function (tile) {
            self._cache[key] = tile || {};
            self._pending -= 1;
            if (self._map && key.split("/")[0] === String(self._band)) {
              self._draw(key);
              self._placeLabels();
            }
          });
      });
      this._placeLabels();
    },

    _draw: function (key) {
      var tile = this._cache[key], o = this.options, group = L.layerGroup();
      this._drawn[key] = true;
      if (tile.l && tile.l.length) {
        group.addLayer(L.polygon(tile.l.map(function (p) { return p.map(latlngs); }), {
          renderer: this._fills, stroke: false, fillColor: o.land, fillOpacity: 1, interactive: false
        }));
      }
      if (tile.k && tile.k.length) {
        group.addLayer(L.polygon(tile.k.map(function (p) { return p.map(latlngs); }), {
          renderer: this._fills, stroke: false, fillColor: o.lake, fillOpacity: 1, interactive: false
        }));
      }
      if (tile.a && tile.a.length) {
        group.addLayer(L.polyline(tile.a.map(latlngs), {
          renderer: this._strokes, color: o.admin, weight: 1, opacity: 0.9, dashArray: "5 3", interactive: false,
          className: "cem-admin1"
        }));
      }
      if (tile.b && tile.b.length) {
        group.addLayer(L.polyline(tile.b.map(latlngs), {
          renderer: this._strokes, color: o.border, weight: 1.2, opacity: 1, interactive: false
        }));
      }
      this._shapes.addLayer(group);
    },

    /* Every name of the drawn tiles in view, most important first. */
    _candidates: function () {
      var map = this._map, zoom = map.getZoom(), view = map.getBounds(), out = [], self = this;
      Object.keys(this._drawn).forEach(function (key) {
        var tile = self._cache[key] || {};
        if (zoom <= 7) {
          (tile.c || []).forEach(function (c) { out.push({kind: "country", name: c[0], lat: c[1], lon: c[2], rank: 1e12}); });
        }
        if (zoom >= 5) {
          (tile.r || []).forEach(function (r) { out.push({kind: "region", name: r[0], lat: r[1], lon: r[2], rank: 3e6}); });
        }
        (tile.p || []).forEach(function (p) {
          out.push({kind: p[4] ? "capital" : "place", name: p[0], lat: p[1], lon: p[2], rank: p[3] + (p[4] ? 1e11 : 0)});
        });
      });
      out = out.filter(function (c) { return view.contains([c.lat, c.lon]); });
      out.sort(function (a, b) { return b.rank - a.rank; });
      return out.slice(0, this.options.maxLabels * 3);
    },

    _placeLabels: function () {
      var map = this._map;
      if (!map) { return; }
      var holder = this._labelBox, size = map.getSize(), placed = [], o = this.options, parts = [];
      holder.textContent = "";
      if (!this._showLabels) { return; }
      var origin = map.containerPointToLayerPoint([0, 0]), frame = map.getContainer();
      // Names keep clear of the map's boxes: controls, legend, a picture's title block and credits.
      var at = frame.getBoundingClientRect();
      Array.prototype.forEach.call(frame.querySelectorAll(".cem-furniture, .leaflet-control"), function (e) {
        var r = e.getBoundingClientRect();
        if (r.width && r.height) { placed.push([r.left - at.left, r.top - at.top, r.right - at.left, r.bottom - at.top]); }
      });
      var boxes = placed.length;
      this._candidates().forEach(function (c) {
        if (placed.length - boxes >= o.maxLabels) { return; }
        var p = map.latLngToContainerPoint([c.lat, c.lon]);
        var w = textWidth(c.kind === "country" ? c.name.toUpperCase() : c.name, FONTS[c.kind]);
        var box;
        if (c.kind === "place" || c.kind === "capital") {  // a dot at the place, the name to its right
          box = [p.x - 3, p.y - 8, p.x + 7 + w, p.y + 8];
        } else {  // centred on its point
          box = [p.x - w / 2 - 2, p.y - 8, p.x + w / 2 + 2, p.y + 8];
        }
        if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) { return; }
        for (var i = 0; i < placed.length; i++) { if (overlaps(box, placed[i])) { return; } }
        placed.push(box);
        var label = document.createElement("div");
        label.className = "cem-label cem-label-" + c.kind;
        label.style.cssText = "position:absolute;left:" + (origin.x + box[0]) + "px;top:" + (origin.y + box[1]) +
          "px;width:" + (box[2] - box[0]) + "px;height:" + (box[3] - box[1]) + "px";
        var div = document.createElement("div");
        var span = document.createElement("span");
        span.className = "cem-label-text";
        span.style.font = FONTS[c.kind];
        span.textContent = c.kind === "country" ? c.name.toUpperCase() : c.name;
        div.appendChild(span);
        label.appendChild(div);
        parts.push(label);
      });
      var frag = document.createDocumentFragment();
      parts.forEach(function (e) { frag.appendChild(e); });
      holder.appendChild(frag);
    }
  });

  L.cemBasemap = function (options) { return new L.CemBasemap(options); };
})();
