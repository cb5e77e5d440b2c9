/* The live map's drawing (cem_map.js wires it): the shapes of the event types, one canvas over the
 * Leaflet map redrawn per frame, pan and zoom, and the hit test of what was drawn.
 */
(function () {
  "use strict";

  // --- shapes: an icon per event type, drawn on the map and in the list from one path ------------
  var SHAPES = {
    "Battles": "M-.9 -.55 L-.55 -.9 L0 -.35 L.55 -.9 L.9 -.55 L.35 0 L.9 .55 L.55 .9 L0 .35 L-.55 .9 L-.9 .55 L-.35 0 Z",
    "Explosions/Remote violence": "M0 -1 L.25 -.45 L.85 -.6 L.5 -.1 L1 .3 L.4 .35 L.45 1 L0 .55 L-.45 1 L-.4 .35 L-1 .3 L-.5 -.1 L-.85 -.6 L-.25 -.45 Z",
    "Violence against civilians": "M0 -1 L.95 .8 L-.95 .8 Z",
    "Protests": "M-.8 -.8 L.8 -.8 L.8 .8 L-.8 .8 Z",
    "Riots": "M0 -1 L1 0 L0 1 L-1 0 Z",
    "Strategic developments": "M-.5 -.87 L.5 -.87 L1 0 L.5 .87 L-.5 .87 L-1 0 Z",
    "Displacement": "M-.9 -.35 L.1 -.35 L.1 -.9 L1 0 L.1 .9 L.1 .35 L-.9 .35 Z",
    "": "M1 0 A1 1 0 1 1 -1 0 A1 1 0 1 1 1 0 Z"
  };
  var paths = {};
  function path(type) {
    var d = SHAPES[type] || SHAPES[""];
    if (!paths[d]) { paths[d] = new Path2D(d); }
    return paths[d];
  }
  function iconSvg(type, colour, size) {
    var d = SHAPES[type] || SHAPES[""];
    return '<svg width="' + size + '" height="' + size + '" viewBox="-1.2 -1.2 2.4 2.4" aria-hidden="true">' +
      '<path d="' + d + '" fill="' + colour + '" stroke="#fff" stroke-width=".18"/></svg>';
  }

  window.cemIcon = iconSvg;

  /* The drawing functions over the map's shared state S; `api` gives the event helpers and the
   * hook run after every draw (list, histogram, counts). */
  window.cemDrawing = function (S, api) {
    var typeOf = api.typeOf, colourOf = api.colourOf, finishDraw = api.finishDraw;
    var $ = function (id) { return document.getElementById(id); };

    // --- drawing: one canvas over the map, redrawn per frame, pan and zoom --------------------------
    var HALO_M = { 1: 2000, 2: 15000, 3: 50000 };
    var MAX_MARKERS = 2000, PAD = 0.35;

    var EventCanvas = L.Layer.extend({
      onAdd: function (map) {
        this._canvas = L.DomUtil.create("canvas", "leaflet-zoom-animated cem-canvas");
        this._canvas.style.pointerEvents = "none";
        map.getPane("overlayPane").appendChild(this._canvas);
        map.on("moveend zoomend resize viewreset", this._reset, this);
        map.on("zoomanim", this._animate, this);
        this._reset();
      },
      onRemove: function (map) {
        L.DomUtil.remove(this._canvas);
        map.off("moveend zoomend resize viewreset", this._reset, this);
        map.off("zoomanim", this._animate, this);
      },
      _animate: function (e) {
        var scale = this._map.getZoomScale(e.zoom), offset = this._map._latLngToNewLayerPoint(this._topLatLng, e.zoom, e.center);
        L.DomUtil.setTransform(this._canvas, offset, scale);
      },
      _reset: function () {
        var map = this._map, size = map.getSize(), dpr = window.devicePixelRatio || 1;
        var tl = map.containerPointToLayerPoint([-size.x * PAD, -size.y * PAD]).round();
        this._topLeft = tl; this._topLatLng = map.layerPointToLatLng(tl);
        this._w = Math.round(size.x * (1 + 2 * PAD)); this._h = Math.round(size.y * (1 + 2 * PAD));
        this._canvas.width = this._w * dpr; this._canvas.height = this._h * dpr;
        this._canvas.style.width = this._w + "px"; this._canvas.style.height = this._h + "px";
        L.DomUtil.setPosition(this._canvas, tl);
        S.listDirty = true;
        draw();
      }
    });

    function drawShape(ctx, type, x, y, r, fill, stroke, width) {
      ctx.save(); ctx.translate(x, y); ctx.scale(r, r);
      ctx.fillStyle = fill; ctx.fill(path(type));
      ctx.lineWidth = width / r; ctx.strokeStyle = stroke; ctx.stroke(path(type));
      ctx.restore();
    }

    function badge(ctx, x, y, text) {
      ctx.font = "bold 10px system-ui, sans-serif";
      var w = Math.max(14, ctx.measureText(text).width + 6);
      ctx.fillStyle = "#222"; ctx.beginPath();
      ctx.arc(x, y, 7, Math.PI / 2, Math.PI * 1.5); ctx.arc(x + w - 14, y, 7, Math.PI * 1.5, Math.PI / 2); ctx.fill();
      ctx.fillStyle = "#fff"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.fillText(text, x + (w - 14) / 2, y + 0.5);
    }

    function draw() {
      var layer = S.layer, D = S.data;
      if (!layer || !layer._canvas || !S.map) { return; }
      var t0 = performance.now(), map = S.map, ctx = layer._canvas.getContext("2d");
      var dpr = window.devicePixelRatio || 1;
      L.DomUtil.setTransform(layer._canvas, layer._topLeft, 1);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, layer._w, layer._h);
      S.hits = []; S.inView = []; S.shown = 0;
      if (D && D.seen) { D.seen.fill(0); }
      if (!D || !D.n) { message(D ? "No events match these filters" : ""); finishDraw(t0); return; }
      var zoom = map.getZoom(), scale = 256 * Math.pow(2, zoom);
      var origin = map.getPixelOrigin(), tl = layer._topLeft;
      var ox = origin.x + tl.x, oy = origin.y + tl.y;  // world pixel of the canvas' top-left
      var size = map.getSize(), vx0 = size.x * PAD, vy0 = size.y * PAD, vx1 = vx0 + size.x, vy1 = vy0 + size.y;
      var idx = [], xs = [], ys = [];
      for (var i = 0; i < D.n; i++) {
        if (D.d0[i] > S.hi || D.d1[i] < S.lo) { continue; }
        S.shown++;
        var x = D.mx[i] * scale - ox, y = D.my[i] * scale - oy;
        if (x < -20 || y < -20 || x > layer._w + 20 || y > layer._h + 20) { continue; }
        idx.push(i); xs.push(x); ys.push(y);
        if (x >= vx0 && x <= vx1 && y >= vy0 && y <= vy1) { S.inView.push(i); D.seen[i] = 1; }
      }
      message(S.shown ? "" : "No events in these dates");
      var mode = S.mode;
      if (mode === "heatmap" && S.heat) {
        var pts = [];
        for (var h = 0; h < idx.length; h++) { pts.push([S.data.raw.lat[idx[h]], S.data.raw.lon[idx[h]], 1]); }
        S.heat.setLatLngs(pts);
      } else if (mode === "cluster" || S.inView.length > MAX_MARKERS) {
        drawCells(ctx, idx, xs, ys, mode === "cluster" ? 60 : 46, mode === "cluster", ox, oy);
      } else {
        drawMarkers(ctx, idx, xs, ys, zoom);
      }
      finishDraw(t0);
    }

    function drawCells(ctx, idx, xs, ys, cell, singles, ox, oy) {
      // Grid cells anchored to world pixels, so a pan does not reshuffle them.
      var cells = new Map(), order = [];
      for (var k = 0; k < idx.length; k++) {
        var key = Math.floor((xs[k] + ox) / cell) * 4194304 + Math.floor((ys[k] + oy) / cell), c = cells.get(key);
        if (!c) { c = { n: 0, x: 0, y: 0, f: 0, types: {}, members: [] }; cells.set(key, c); order.push(c); }
        var i = idx[k];
        c.n++; c.x += xs[k]; c.y += ys[k]; c.f += S.data.raw.f[i]; c.members.push(i);
        var t = S.data.t[i]; c.types[t] = (c.types[t] || 0) + 1;
      }
      order.forEach(function (c) {
        var x = c.x / c.n, y = c.y / c.n;
        if (c.n === 1 && singles) {
          var i = c.members[0];
          drawShape(ctx, typeOf(i), x, y, 7, colourOf(i), i === S.selIdx ? "#000" : "#fff", i === S.selIdx ? 3 : 1.2);
          S.hits.push({ x: x, y: y, r: 8, kind: "event", i: i });
          return;
        }
        var r = Math.min(12 + 3.2 * Math.log2(c.n), 30), start = -Math.PI / 2;
        Object.keys(c.types).sort(function (a, b) { return c.types[b] - c.types[a]; }).forEach(function (t) {
          var share = c.types[t] / c.n * Math.PI * 2;
          ctx.beginPath(); ctx.moveTo(x, y); ctx.arc(x, y, r, start, start + share); ctx.closePath();
          ctx.fillStyle = +t >= 0 ? S.data.colour[+t] : S.data.raw.other; ctx.fill();
          start += share;
        });
        ctx.beginPath(); ctx.arc(x, y, r * 0.64, 0, Math.PI * 2); ctx.fillStyle = "#fff"; ctx.fill();
        ctx.lineWidth = 1; ctx.strokeStyle = "rgba(0,0,0,.35)"; ctx.beginPath(); ctx.arc(x, y, r, 0, Math.PI * 2); ctx.stroke();
        ctx.fillStyle = "#111"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
        ctx.font = "bold " + (c.n >= 1000 ? 10 : 11) + "px system-ui, sans-serif";
        ctx.fillText(c.n >= 10000 ? Math.round(c.n / 1000) + "k" : String(c.n), x, y + 0.5);
        S.hits.push({ x: x, y: y, r: r, kind: "cell", members: c.members, f: c.f, types: c.types });
      });
    }

    function drawMarkers(ctx, idx, xs, ys, zoom) {
      var stacks = {}, order = [], D = S.data;
      for (var k = 0; k < idx.length; k++) {
        var i = idx[k], key = D.raw.lat[i] + "," + D.raw.lon[i], st = stacks[key];
        if (!st) { st = stacks[key] = { x: xs[k], y: ys[k], members: [] }; order.push(st); }
        st.members.push(i);
      }
      // Uncertainty rings: only where a ring is big enough to mean something, or for the selection.
      var metresPerPx = 40075016.7 * Math.cos(S.map.getCenter().lat * Math.PI / 180) / (256 * Math.pow(2, zoom));
      ctx.setLineDash([4, 4]); ctx.lineWidth = 1;
      order.forEach(function (st) {
        var g = D.raw.g[st.members[0]], rpx = (HALO_M[g] || HALO_M[3]) / metresPerPx;
        var sel = st.members.indexOf(S.selIdx) >= 0;
        if (!sel && (zoom < 9 || rpx < 10 || rpx > 600)) { return; }
        ctx.beginPath(); ctx.arc(st.x, st.y, rpx, 0, Math.PI * 2);
        ctx.fillStyle = sel ? "rgba(0,0,0,.07)" : "rgba(85,85,85,.04)"; ctx.fill();
        ctx.strokeStyle = sel ? "rgba(0,0,0,.75)" : "rgba(85,85,85,.5)"; ctx.stroke();
      });
      ctx.setLineDash([]);
      var selected = null, spread = S.spread;
      order.forEach(function (st) {
        var key = D.raw.lat[st.members[0]] + "," + D.raw.lon[st.members[0]];
        if (spread && spread.key === key) { drawSpread(ctx, st); return; }
        // the top of a stack: the selected event if it is there, else the deadliest
        var top = st.members.indexOf(S.selIdx) >= 0 ? S.selIdx : st.members.reduce(function (a, b) { return D.raw.f[b] > D.raw.f[a] ? b : a; });
        var r = Math.min(6 + 1.6 * Math.sqrt(D.raw.f[top]), 16);
        if (top === S.selIdx) { selected = { st: st, i: top, r: r }; return; }
        drawShape(ctx, typeOf(top), st.x, st.y, r, colourOf(top), "#fff", 1.3);
        if (st.members.length > 1) { badge(ctx, st.x + r * 0.5, st.y - r * 0.8, String(st.members.length)); }
        S.hits.push(st.members.length > 1
          ? { x: st.x, y: st.y, r: r + 3, kind: "stack", key: key, members: st.members }
          : { x: st.x, y: st.y, r: r + 2, kind: "event", i: top });
      });
      if (selected) {
        var s = selected;
        ctx.beginPath(); ctx.arc(s.st.x, s.st.y, s.r + 5, 0, Math.PI * 2); ctx.fillStyle = "rgba(255,215,0,.55)"; ctx.fill();
        drawShape(ctx, typeOf(s.i), s.st.x, s.st.y, s.r + 1, colourOf(s.i), "#000", 2.5);
        if (s.st.members.length > 1) { badge(ctx, s.st.x + s.r * 0.5, s.st.y - s.r * 0.8, String(s.st.members.length)); }
        S.hits.push(s.st.members.length > 1
          ? { x: s.st.x, y: s.st.y, r: s.r + 3, kind: "stack", key: D.raw.lat[s.i] + "," + D.raw.lon[s.i], members: s.st.members }
          : { x: s.st.x, y: s.st.y, r: s.r + 3, kind: "event", i: s.i });
      }
    }

    function drawSpread(ctx, st) {
      // A stack spread on a circle around its place, each event with a leader line.
      var n = st.members.length, ring = Math.max(26, n * 5.5), D = S.data;
      ctx.beginPath(); ctx.arc(st.x, st.y, 3, 0, Math.PI * 2); ctx.fillStyle = "#222"; ctx.fill();
      st.members.forEach(function (i, k) {
        var a = -Math.PI / 2 + k * 2 * Math.PI / n, x = st.x + ring * Math.cos(a), y = st.y + ring * Math.sin(a);
        ctx.beginPath(); ctx.moveTo(st.x, st.y); ctx.lineTo(x, y); ctx.strokeStyle = "rgba(0,0,0,.45)"; ctx.lineWidth = 1; ctx.stroke();
        var r = Math.min(6 + 1.6 * Math.sqrt(D.raw.f[i]), 12);
        drawShape(ctx, typeOf(i), x, y, r, colourOf(i), i === S.selIdx ? "#000" : "#fff", i === S.selIdx ? 2.5 : 1.3);
        S.hits.push({ x: x, y: y, r: r + 2, kind: "event", i: i, spread: true });
      });
    }

    function message(text) {
      var el = $("cem-msg");
      if (!el) {
        el = L.DomUtil.create("div", "cem-box cem-msg", S.map.getContainer()); el.id = "cem-msg";
      }
      el.textContent = text; el.style.display = text ? "" : "none";
    }

    // --- pointer: hover tooltip (kept inside the map), click to select / spread / zoom in -----------
    function hitAt(containerPoint) {
      var lx = containerPoint.x + S.map.getSize().x * PAD, ly = containerPoint.y + S.map.getSize().y * PAD;
      var best = null, bestD = Infinity;
      for (var k = S.hits.length - 1; k >= 0; k--) {
        var h = S.hits[k], dx = h.x - lx, dy = h.y - ly, d = dx * dx + dy * dy;
        if (d <= h.r * h.r && (d < bestD || h.spread)) { best = h; bestD = d; if (h.spread) { break; } }
      }
      return best;
    }

    return { EventCanvas: EventCanvas, draw: draw, hitAt: hitAt, message: message, PAD: PAD };
  };
})();
