/* The app's live event map: a Streamlit component (no build step, no network).
 *
 * Python sends the URL of one columnar JSON file with every filtered event (all dates) and the
 * sidebar's date window. Everything a reader does after that happens here: play, step and drag
 * the date range, pan, zoom, aggregate, select. Python hears back only when something it shows
 * must change (the date range when playback stops, the selected event, the view for exports).
 * The drawing is in cem_draw.js, the timeline in cem_timeline.js.
 */
(function () {
  "use strict";

  // --- Streamlit's component protocol (what streamlit-component-lib does, by hand) -------------
  function post(type, data) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data || {}), "*");
  }
  var sent = 0;
  function sendValue(patch) {
    // Only what changed: an old selection or date range resent with a pan would undo the sidebar's.
    sent++;
    post("streamlit:setComponentValue", { value: Object.assign({ seq: sent }, patch), dataType: "json" });
  }

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // --- state -------------------------------------------------------------------------------------
  var DAY_MS = 86400000;
  var S = {
    args: {}, data: null, dataUrl: null, map: null, layer: null, heat: null, offline: null, base: null,
    lo: 0, hi: 0, playing: false, timer: null, lastFrame: 0, selected: null, selIdx: -1, spread: null,
    mode: "markers", fit: null, focus: null, hits: [], inView: [], shown: 0, listDirty: true, listAt: 0,
    stats: { frames: 0, draws: 0, lastDrawMs: 0, firstFrameAt: 0, lastFrameAt: 0, renders: 0, loads: 0 }
  };
  window.cem = S;  // for tests and benchmarks: state, frame counts, the Leaflet map
  var drawing = window.cemDrawing(S, { typeOf: typeOf, colourOf: colourOf, finishDraw: finishDraw });
  var draw = drawing.draw, hitAt = drawing.hitAt, message = drawing.message, EventCanvas = drawing.EventCanvas;
  var PAD = drawing.PAD, iconSvg = window.cemIcon;
  var timeline = window.cemTimeline(S, { draw: draw, sendValue: sendValue, dayIso: dayIso });
  var updateRange = timeline.updateRange, drawHist = timeline.drawHist, tellDates = timeline.tellDates;
  var initHistDrag = timeline.initHistDrag, step = timeline.step, play = timeline.play, pause = timeline.pause;

  var $ = function (id) { return document.getElementById(id); };

  function dayIso(d) { return new Date(S.data.day0ms + d * DAY_MS).toISOString().slice(0, 10); }
  function isoDay(iso) {
    var t = Date.parse(iso + "T00:00:00Z");
    return isNaN(t) ? null : Math.round((t - S.data.day0ms) / DAY_MS);
  }

  // --- data --------------------------------------------------------------------------------------
  function prepare(raw) {
    var n = raw.n || 0, D = { n: n, raw: raw };
    D.day0ms = raw.day0 ? Date.parse(raw.day0 + "T00:00:00Z") : 0;
    D.days = raw.days || 1;
    D.mx = new Float64Array(n); D.my = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      var lat = Math.max(Math.min(raw.lat[i], 85.05), -85.05) * Math.PI / 180;
      D.mx[i] = 0.5 + raw.lon[i] / 360;
      D.my[i] = 0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI);
    }
    D.d0 = Int32Array.from(raw.d0 || []); D.d1 = Int32Array.from(raw.d1 || []);
    D.t = Int16Array.from(raw.t || []);
    D.colour = (raw.types || []).map(function (t) { return raw.colours[t] || raw.other; });
    D.index = {};
    for (var k = 0; k < n; k++) { D.index[raw.id[k]] = k; }
    // events per day and type, for the histogram
    var nt = (raw.types || []).length;
    D.perDay = new Int32Array(D.days * Math.max(nt, 1));
    for (var j = 0; j < n; j++) { if (D.t[j] >= 0) { D.perDay[D.d0[j] * nt + D.t[j]]++; } }
    D.nt = nt;
    // newest first, once: the list then scans this order instead of sorting the events in view
    var keys = new Float64Array(n), M = n + 1;
    for (var q = 0; q < n; q++) { keys[q] = (D.days - D.d0[q]) * M + (n - 1 - q); }
    keys.sort();
    D.newest = new Int32Array(n);
    for (var o = 0; o < n; o++) { D.newest[o] = n - 1 - (keys[o] % M); }
    D.seen = new Uint8Array(n);  // 1 = in view in the last drawn frame
    return D;
  }

  function typeOf(i) { var t = S.data.t[i]; return t >= 0 ? S.data.raw.types[t] : ""; }
  function colourOf(i) { var t = S.data.t[i]; return t >= 0 ? S.data.colour[t] : S.data.raw.other; }
  function str(table, i) { return i >= 0 ? S.data.raw[table][i] : ""; }
  function placeOf(i) {
    var r = S.data.raw;
    return [str("places", r.p[i]), str("admin1s", r.r[i]), str("countries", r.c[i])].filter(Boolean).join(", ");
  }
  function summaryOf(i) {
    var r = S.data.raw, a = str("actors", r.a1[i]), b = str("actors", r.a2[i]);
    var who = a && b ? a + " vs " + b : a || b;
    return (str("subs", r.s[i]) || typeOf(i)) + (who ? ": " + who : "");
  }
  function datesOf(i) {
    var a = dayIso(S.data.d0[i]), b = dayIso(S.data.d1[i]);
    return a === b ? a : a + " – " + b;
  }
  function inWindow(i) { return S.data.d0[i] <= S.hi && S.data.d1[i] >= S.lo; }

  // --- after every draw: counts, histogram, list (the list at most every 300 ms while playing) ---
  function finishDraw(t0) {
    S.stats.draws++; S.stats.lastDrawMs = performance.now() - t0;
    updateRange(); drawHist();
    var now = performance.now();
    if (S.listDirty && (!S.playing || now - S.listAt > 300)) { renderList(); S.listAt = now; }
  }

  var tip;
  function showTip(e) {
    var h = hitAt(e.containerPoint);
    S.map.getContainer().style.cursor = h ? "pointer" : "";
    if (!h) { tip.style.display = "none"; return; }
    var text = h.kind === "event" ? esc(datesOf(h.i)) + " · " + esc(typeOf(h.i)) + "<br>" + esc(placeOf(h.i))
      : h.kind === "stack" ? "<b>" + h.members.length + " events here</b> · " + esc(placeOf(h.members[0])) + "<br>click to spread them out"
      : "<b>" + h.members.length + " events</b>, " + h.f + " fatalities<br>click to zoom in";
    tip.innerHTML = text; tip.style.display = "block";
    var size = S.map.getSize(), w = tip.offsetWidth, hgt = tip.offsetHeight;
    var x = e.containerPoint.x + 14, y = e.containerPoint.y + 14;
    if (x + w > size.x - 4) { x = e.containerPoint.x - w - 14; }
    if (y + hgt > size.y - 4) { y = e.containerPoint.y - hgt - 14; }
    tip.style.left = Math.max(4, x) + "px"; tip.style.top = Math.max(4, y) + "px";
  }

  function onClick(e) {
    var h = hitAt(e.containerPoint);
    tip.style.display = "none";
    if (!h) { if (S.spread) { S.spread = null; draw(); } return; }
    if (h.kind === "event") { select(h.i, { popup: true, tell: true }); }
    else if (h.kind === "stack") {
      if (h.members.length > 40) { stackPopup(h); } else { S.spread = { key: h.key }; draw(); }
    } else if (h.kind === "cell") {
      var ll = S.map.containerPointToLatLng([h.x - S.map.getSize().x * PAD, h.y - S.map.getSize().y * PAD]);
      S.map.setView(ll, Math.min(S.map.getZoom() + 2, 18));
    }
  }

  function stackPopup(h) {
    var items = h.members.slice().sort(function (a, b) { return S.data.d0[b] - S.data.d0[a]; }).map(function (i) {
      return '<li><a class="pick" data-i="' + i + '">' + esc(datesOf(i)) + " " + esc(summaryOf(i)) + "</a></li>";
    });
    var i0 = h.members[0];
    L.popup({ maxWidth: 380 }).setLatLng([S.data.raw.lat[i0], S.data.raw.lon[i0]])
      .setContent('<div class="cem-popup" style="border-color:#444"><b>' + h.members.length + " events at " + esc(placeOf(i0)) + "</b><ul>" + items.join("") + "</ul></div>")
      .openOn(S.map);
  }

  function popupHtml(i) {
    var r = S.data.raw, detail = S.args.detail || {};
    var lines = ["<b>" + esc(datesOf(i)) + "</b> " + esc(typeOf(i) + (str("subs", r.s[i]) ? " / " + str("subs", r.s[i]) : ""))];
    var a = str("actors", r.a1[i]), b = str("actors", r.a2[i]);
    if (a || b) { lines.push(esc(a && b ? a + " vs " + b : a || b)); }
    var facts = esc(placeOf(i)) + " <small>(precision " + r.g[i] + ")</small>";
    if (r.f[i]) { facts += " · " + r.f[i] + " killed"; }
    lines.push(facts);
    var extra = detail.id === r.id[i] ? detailHtml(i, detail) : '<div class="cem-more"><small>Loading the sentence…</small></div>';
    return '<div class="cem-popup" style="border-color:' + colourOf(i) + '">' + lines.join("<br>") + extra + "</div>";
  }

  function detailHtml(i, detail) {
    // The sentence the event was coded from, escaped, with the place named in it marked.
    var sentence = esc(detail.sentence || ""), needles = [str("mentions", S.data.raw.m[i]), str("places", S.data.raw.p[i])];
    for (var k = 0; k < needles.length; k++) {
      var needle = esc(needles[k]), at = needle ? sentence.toLowerCase().indexOf(needle.toLowerCase()) : -1;
      if (at >= 0) { sentence = sentence.slice(0, at) + "<mark>" + sentence.slice(at, at + needle.length) + "</mark>" + sentence.slice(at + needle.length); break; }
    }
    var url = detail.url || "", source = detail.source || url, link = /^https?:\/\//i.test(url)
      ? '<a href="' + esc(url) + '" target="_blank" rel="noopener">' + esc(source) + "</a>" : esc(source);
    return (sentence ? "<blockquote>" + sentence + "</blockquote>" : "") + (link ? "Source: " + link : "") +
      (detail.n_sources > 1 ? " · " + detail.n_sources + " sources" : "");
  }

  function select(i, opts) {
    opts = opts || {};
    S.selIdx = i; S.selected = i >= 0 ? S.data.raw.id[i] : null;
    if (i < 0) { draw(); return; }
    var ll = L.latLng(S.data.raw.lat[i], S.data.raw.lon[i]);
    if (opts.centre) {
      S.map.setView(ll, Math.max(S.map.getZoom(), opts.zoom || 9), { animate: false });
    }
    S.listDirty = true;
    draw();
    if (opts.popup) {
      S.popup = L.popup({ maxWidth: 380, autoPanPaddingTopLeft: [10, 10] }).setLatLng(ll).setContent(popupHtml(i)).openOn(S.map);
    }
    if (opts.tell) { sendValue({ selected: S.selected }); }
  }

  // --- list beside the map (newest first, the events in view and in the dates) -------------------
  var LIST_MAX = 250;
  function renderList() {
    S.listDirty = false;
    var rows = $("cem-rows"), head = $("cem-list-head");
    if (!S.data || !S.data.n) { rows.innerHTML = ""; head.textContent = "No events"; return; }
    var D = S.data, total = S.inView.length, shown = [];
    for (var o = 0; o < D.n && shown.length < LIST_MAX; o++) { if (D.seen[D.newest[o]]) { shown.push(D.newest[o]); } }
    head.textContent = total.toLocaleString("en") + " events in view";
    if (S.selIdx >= 0 && shown.indexOf(S.selIdx) < 0 && inWindow(S.selIdx)) { shown.unshift(S.selIdx); }
    var html = shown.map(function (i) {
      return '<li data-i="' + i + '" data-id="' + esc(S.data.raw.id[i]) + '"' + (i === S.selIdx ? ' class="sel" aria-selected="true"' : "") + ">" +
        iconSvg(typeOf(i), colourOf(i), 18) + '<span class="when">' + esc(datesOf(i)) + " · " + esc(placeOf(i)) + "</span>" +
        '<span class="what" title="' + esc(summaryOf(i)) + '">' + esc(summaryOf(i)) + "</span></li>";
    });
    if (total > LIST_MAX) { html.push('<li class="more">' + (total - LIST_MAX).toLocaleString("en") + " more: zoom in</li>"); }
    rows.innerHTML = html.join("");
    var sel = rows.querySelector("li.sel");
    if (sel) { sel.scrollIntoView({ block: "nearest" }); }
  }

  // --- map set-up --------------------------------------------------------------------------------
  function fitData(useWindow) {
    var D = S.data;
    if (!D || !D.n) { return; }
    var b = D.raw.bounds;
    if (useWindow) {
      var lats = [], lons = [];
      for (var i = 0; i < D.n; i++) { if (inWindow(i)) { lats.push(D.raw.lat[i]); lons.push(D.raw.lon[i]); } }
      if (lats.length) {
        lats.sort(function (a, c) { return a - c; }); lons.sort(function (a, c) { return a - c; });
        var q = function (arr, p) { return arr[Math.min(arr.length - 1, Math.max(0, Math.round(p * (arr.length - 1))))]; };
        var lo = lats.length >= 20 ? 0.05 : 0, hi = 1 - lo;
        var s = q(lats, lo), n = q(lats, hi), w = q(lons, lo), e = q(lons, hi), pad = Math.max(0.15, 0.08 * Math.max(n - s, e - w));
        b = [s - pad, w - pad, n + pad, e + pad];
      }
    }
    S.map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { animate: false });
  }

  function makeMap() {
    var map = L.map("cem-map", { preferCanvas: true, zoomControl: true, scrollWheelZoom: false, minZoom: 2, maxZoom: 18, worldCopyJump: false, attributionControl: true });
    S.map = map;
    map.setView([35, 38], 6);
    L.control.scale({ imperial: false }).addTo(map);
    // Wheel: the page scrolls over an unfocused map; a click (or focus) lets the wheel zoom until the pointer leaves. Ctrl/Cmd+wheel always zooms.
    var container = map.getContainer();
    map.on("click focus", function () { map.scrollWheelZoom.enable(); });
    container.addEventListener("focus", function () { map.scrollWheelZoom.enable(); });
    container.addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
    container.addEventListener("wheel", function (e) {
      if ((e.ctrlKey || e.metaKey) && !map.scrollWheelZoom.enabled()) {
        e.preventDefault();
        map.setZoomAround(map.mouseEventToContainerPoint(e), map.getZoom() + (e.deltaY < 0 ? 1 : -1));
      }
    }, { passive: false });
    var Fit = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var b = L.DomUtil.create("button", "leaflet-bar cem-fit");
        b.type = "button"; b.textContent = "Zoom to results"; b.title = "Fit the map to the events of these filters and dates";
        L.DomEvent.disableClickPropagation(b);
        L.DomEvent.on(b, "click", function () { fitData(true); });
        return b;
      }
    });
    new Fit().addTo(map);
    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () { var d = L.DomUtil.create("div", "cem-box cem-legend"); d.id = "cem-legend"; L.DomEvent.disableClickPropagation(d); return d; }
    });
    new Legend().addTo(map);
    tip = L.DomUtil.create("div", "cem-tip", container);
    S.layer = new EventCanvas().addTo(map);
    map.on("mousemove", showTip);
    map.on("mouseout", function () { tip.style.display = "none"; });
    map.on("click", onClick);
    map.on("zoomstart", function () { S.spread = null; tip.style.display = "none"; });
    var viewTimer = null;
    map.on("moveend", function () {
      clearTimeout(viewTimer);
      viewTimer = setTimeout(function () {
        var b = map.getBounds(), c = map.getCenter();
        sendValue({ view: { zoom: map.getZoom(), center: { lat: c.lat, lng: c.lng },
          bounds: { _southWest: { lat: b.getSouth(), lng: b.getWest() }, _northEast: { lat: b.getNorth(), lng: b.getEast() } } } });
      }, 600);
    });
    $("cem-rows").addEventListener("click", function (e) {
      var li = e.target.closest("li[data-i]");
      if (li) { select(+li.dataset.i, { centre: true, popup: true, tell: true }); }
    });
    $("cem-play").addEventListener("click", function () { if (S.playing) { pause(true); } else { play(); } });
    $("cem-step").addEventListener("click", function () { if (S.data && S.data.n && step(false)) { tellDates(); } });
    initHistDrag();
    window.addEventListener("resize", function () { map.invalidateSize(); drawHist(); });
  }

  function legend() {
    var el = $("cem-legend"); if (!el || !S.data) { return; }
    var r = S.data.raw;
    if (S.mode === "heatmap") { el.innerHTML = "<b>Event density</b>"; return; }
    el.innerHTML = '<div class="cem-legend-rows">' + (r.types || []).map(function (t) {
      return "<span>" + iconSvg(t, r.colours[t] || r.other, 12) + esc(t) + "</span>";
    }).join("") + '</div><div class="cem-legend-note">Size: fatalities · number: events at one place · rings: location uncertainty</div>';
  }

  var TILES = {
    osm: ["https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", "&copy; OpenStreetMap contributors", "abc"],
    carto: ["https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png", "&copy; OpenStreetMap contributors &copy; CARTO", "abcd"]
  };
  function setBasemap(name, offline) {
    // The offline basemap (geo/render/basemap.js) always lies under everything: tiles cover it
    // and it shows through when the network is down; its names show with no tiles chosen.
    if (!S.offline && offline && L.cemBasemap) {
      ["cemBasemap", "cemLabels"].forEach(function (pane, k) {
        var p = S.map.createPane(pane); p.style.zIndex = k ? 340 : 150; p.style.pointerEvents = "none";
      });
      var style = document.createElement("style"); style.textContent = offline.css || ""; document.head.appendChild(style);
      S.map.getContainer().style.background = offline.lake;
      S.offline = L.cemBasemap(Object.assign({ pane: "cemBasemap", labelPane: "cemLabels" }, offline)).addTo(S.map);
      S.map.attributionControl.addAttribution(esc(offline.attribution || ""));
    }
    if (S.baseName === name) { return; }
    S.baseName = name;
    if (S.base) { S.map.removeLayer(S.base); S.base = null; }
    if (S.offline && S.offline.showLabels) { S.offline.showLabels(name === "offline"); }
    if (name === "osm" || name === "carto") {
      var t = TILES[name];
      S.base = L.tileLayer(t[0], { attribution: t[1], subdomains: t[2], maxZoom: 18 }).addTo(S.map);
    }
  }

  function setMode(mode) {
    if (S.mode === mode && (mode !== "heatmap" || S.heat)) { return; }
    S.mode = mode;
    if (S.heat) { S.map.removeLayer(S.heat); S.heat = null; }
    if (mode === "heatmap" && L.heatLayer) { S.heat = L.heatLayer([], { radius: 18, blur: 15, minOpacity: 0.3 }).addTo(S.map); }
    legend();
  }

  // --- render: what Python sends on every rerun ---------------------------------------------------
  function applyWindow(win) {
    if (!S.data || !S.data.n) { return; }
    var lo = win && win[0] ? isoDay(win[0]) : 0, hi = win && win[1] ? isoDay(win[1]) : S.data.days - 1;
    lo = lo == null ? 0 : Math.max(0, lo); hi = hi == null ? S.data.days - 1 : Math.min(S.data.days - 1, hi);
    if (hi < lo) { hi = lo; }
    if (lo !== S.lo || hi !== S.hi) { S.lo = lo; S.hi = hi; S.listDirty = true; }
  }

  function afterData(args) {
    var winKey = JSON.stringify(args.window || null);
    if (S.playing) {
      // the sidebar's dates during playback are the ones we sent: keep playing
    } else if (winKey !== S.winKey || S.dataChanged) { applyWindow(args.window); }
    S.winKey = winKey; S.dataChanged = false;
    if (args.fit !== S.fit) { S.fit = args.fit; fitData(false); }
    var sel = args.selected || null;
    if (args.focus && args.focus !== S.focus) {
      S.focus = args.focus;
      var i = sel != null && S.data.index[sel] != null ? S.data.index[sel] : -1;
      if (i >= 0) { select(i, { centre: true, popup: true, zoom: 10 }); }
    } else if (sel !== S.selected) {
      var j = sel != null && S.data.index[sel] != null ? S.data.index[sel] : -1;
      S.selIdx = j; S.selected = sel; S.listDirty = true;
    }
    // the sentence and sources of the selection arrive a rerun after the click
    if (S.popup && S.selIdx >= 0 && S.map.hasLayer(S.popup) && args.detail && args.detail.id === S.selected) {
      S.popup.setContent(popupHtml(S.selIdx));
    }
    legend();
    draw();
  }

  function onRender(args) {
    S.args = args; S.stats.renders++;
    if (args.height && args.height !== S.height) {
      S.height = args.height; document.getElementById("cem").style.height = args.height + "px";
      post("streamlit:setFrameHeight", { height: args.height });
      if (S.map) { S.map.invalidateSize(); }
    }
    if (!S.map) { makeMap(); }
    setBasemap(args.basemap || "offline", args.offline);
    setMode(args.mode || "markers");
    if (args.data_url && args.data_url !== S.dataUrl) {
      S.dataUrl = args.data_url;
      message(S.data ? "" : "Loading events…");  // a new filter keeps the old events until the new ones arrive
      fetch(args.data_url).then(function (r) { return r.json(); }).then(function (raw) {
        if (S.dataUrl !== args.data_url) { return; }
        var keep = S.selected;
        S.data = prepare(raw); S.stats.loads++; S.dataChanged = true; S.spread = null;
        S.selIdx = keep != null && S.data.index[keep] != null ? S.data.index[keep] : -1;
        if (S.playing) { pause(false); }
        afterData(S.args);
      }).catch(function (err) { message("Could not load the events: " + err); });
    } else if (S.data) {
      afterData(args);
    }
  }

  window.addEventListener("message", function (ev) {
    var d = ev.data;
    if (d && d.type === "streamlit:render") { onRender(d.args || {}); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.code === "Space" && e.target.tagName !== "SELECT" && e.target.tagName !== "BUTTON") {
      e.preventDefault(); if (S.playing) { pause(true); } else { play(); }
    }
  });
  post("streamlit:componentReady", { apiVersion: 1 });
})();
