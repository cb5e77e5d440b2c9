/* The live map's timeline (cem_map.js wires it): the histogram of events per day with a draggable
 * range, and play / pause / step over the dates, all in the browser.
 */
(function () {
  "use strict";

  /* Over the map's shared state S; `api` gives draw, sendValue and the day <-> date helpers. */
  window.cemTimeline = function (S, api) {
    var draw = api.draw, sendValue = api.sendValue, dayIso = api.dayIso;
    var $ = function (id) { return document.getElementById(id); };

    function updateRange() {
      if (!S.data || !S.data.n) { $("cem-range").textContent = ""; return; }
      $("cem-range").textContent = dayIso(S.lo) + " – " + dayIso(S.hi) + " · " + S.shown.toLocaleString("en") + " events · " + S.inView.length.toLocaleString("en") + " in view";
    }

    var hist = { bins: 1, per: 1, x0: 0, w: 0 };
    function drawHist() {
      var cv = $("cem-hist"), D = S.data, dpr = window.devicePixelRatio || 1;
      var w = cv.clientWidth, h = cv.clientHeight;
      if (cv.width !== w * dpr || cv.height !== h * dpr) { cv.width = w * dpr; cv.height = h * dpr; }
      var ctx = cv.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0); ctx.clearRect(0, 0, w, h);
      if (!D || !D.n) { return; }
      var per = Math.max(1, Math.ceil(D.days / Math.max(w / 2, 1))), bins = Math.ceil(D.days / per), bw = w / bins;
      hist = { bins: bins, per: per, w: w, bw: bw };
      if (!D.stack || D.stackPer !== per) {
        D.stack = new Int32Array(bins * D.nt); D.stackPer = per; D.binMax = 1;
        for (var d = 0; d < D.days; d++) { for (var t = 0; t < D.nt; t++) { D.stack[Math.floor(d / per) * D.nt + t] += D.perDay[d * D.nt + t]; } }
        for (var b = 0; b < bins; b++) { var sum = 0; for (var u = 0; u < D.nt; u++) { sum += D.stack[b * D.nt + u]; } D.binMax = Math.max(D.binMax, sum); }
      }
      var base = h - 12, top = 4;
      for (var k = 0; k < bins; k++) {
        var inside = (k + 1) * per - 1 >= S.lo && k * per <= S.hi, y = base;
        ctx.globalAlpha = inside ? 1 : 0.25;
        for (var tt = 0; tt < D.nt; tt++) {
          var v = D.stack[k * D.nt + tt]; if (!v) { continue; }
          var bh = v / D.binMax * (base - top);
          ctx.fillStyle = D.colour[tt]; ctx.fillRect(k * bw, y - bh, Math.max(bw - 0.5, 0.7), bh); y -= bh;
        }
      }
      ctx.globalAlpha = 1;
      var xl = S.lo / D.days * w, xr = (S.hi + 1) / D.days * w;
      ctx.fillStyle = "rgba(31,119,180,.10)"; ctx.fillRect(xl, 0, xr - xl, base);
      ctx.fillStyle = "#1f77b4"; ctx.fillRect(xl - 1, 0, 2, base); ctx.fillRect(xr - 1, 0, 2, base);
      ctx.fillRect(xl - 4, base / 2 - 8, 7, 16); ctx.fillRect(xr - 4, base / 2 - 8, 7, 16);
      ctx.fillStyle = "#555"; ctx.font = "10px system-ui, sans-serif"; ctx.textBaseline = "alphabetic";
      ctx.textAlign = "left"; ctx.fillText(dayIso(0), 1, h - 1);
      ctx.textAlign = "right"; ctx.fillText(dayIso(D.days - 1), w - 1, h - 1);
    }

    function histDay(clientX) {
      var cv = $("cem-hist"), box = cv.getBoundingClientRect();
      return Math.max(0, Math.min(S.data.days - 1, Math.floor((clientX - box.left) / box.width * S.data.days)));
    }

    function setWindow(lo, hi) {
      S.lo = Math.max(0, Math.min(lo, hi)); S.hi = Math.min(S.data.days - 1, Math.max(lo, hi));
      S.listDirty = true; draw();
    }

    function tellDates() { sendValue({ dates: [dayIso(S.lo), dayIso(S.hi)] }); }

    function initHistDrag() {
      var cv = $("cem-hist"), drag = null;
      cv.addEventListener("pointerdown", function (e) {
        if (!S.data || !S.data.n) { return; }
        pause(false);
        var d = histDay(e.clientX), box = cv.getBoundingClientRect(), px = (e.clientX - box.left) / box.width * S.data.days;
        var near = 6 / box.width * S.data.days;
        if (Math.abs(px - S.lo) <= near) { drag = { kind: "lo" }; }
        else if (Math.abs(px - (S.hi + 1)) <= near) { drag = { kind: "hi" }; }
        else if (d >= S.lo && d <= S.hi) { drag = { kind: "move", from: d, lo: S.lo, hi: S.hi }; }
        else { drag = { kind: "new", from: d }; setWindow(d, d); }
        cv.setPointerCapture(e.pointerId);
      });
      cv.addEventListener("pointermove", function (e) {
        if (!drag) { return; }
        var d = histDay(e.clientX);
        if (drag.kind === "lo") { setWindow(Math.min(d, S.hi), S.hi); }
        else if (drag.kind === "hi") { setWindow(S.lo, Math.max(d, S.lo)); }
        else if (drag.kind === "new") { setWindow(Math.min(drag.from, d), Math.max(drag.from, d)); }
        else {
          var shift = Math.max(-drag.lo, Math.min(S.data.days - 1 - drag.hi, d - drag.from));
          setWindow(drag.lo + shift, drag.hi + shift);
        }
      });
      cv.addEventListener("pointerup", function () { if (drag) { drag = null; tellDates(); } });
    }

    function stepDays() { return $("cem-stepby").value === "week" ? 7 : 1; }

    function nextFrame(first) {
      var last = S.data.days - 1, k = stepDays(), cumulative = $("cem-mode").value === "cumulative";
      if (first && S.hi >= last) {  // start again from the beginning
        if (cumulative) { return [0, Math.min(k - 1, last)]; }
        var width = Math.max(S.hi - S.lo, k - 1);
        if (width >= last) { width = 4 * k - 1; }  // a window over everything would be one frame
        return [0, Math.min(width, last)];
      }
      if (S.hi >= last) { return null; }
      var hi = Math.min(S.hi + k, last);
      return cumulative ? [S.lo, hi] : [S.lo + (hi - S.hi), hi];
    }

    function step(first) {
      var f = nextFrame(first);
      if (!f) { pause(true); return false; }
      S.lo = f[0]; S.hi = f[1]; S.listDirty = true;
      S.stats.frames++; S.stats.lastFrameAt = performance.now();
      if (S.stats.frames === 1) { S.stats.firstFrameAt = S.stats.lastFrameAt; }
      draw();
      return true;
    }

    function tick(now) {
      if (!S.playing) { return; }
      var gap = 1000 / (+$("cem-fps").value || 10);
      if (now - S.lastFrame >= gap - 2) { S.lastFrame = now; if (!step(false)) { return; } }
      S.timer = requestAnimationFrame(tick);
    }

    function play() {
      if (!S.data || !S.data.n || S.playing) { return; }
      S.playing = true; $("cem-play").innerHTML = "&#10074;&#10074; Pause"; $("cem-step").disabled = true;
      if (S.hi >= S.data.days - 1) { step(true); }
      S.lastFrame = performance.now();
      S.timer = requestAnimationFrame(tick);
    }

    function pause(tell) {
      if (!S.playing) { return; }
      S.playing = false; cancelAnimationFrame(S.timer);
      $("cem-play").innerHTML = "&#9654; Play"; $("cem-step").disabled = false;
      S.listDirty = true; draw();
      if (tell) { tellDates(); }
    }

    return { updateRange: updateRange, drawHist: drawHist, tellDates: tellDates, initHistDrag: initHistDrag,
             step: step, play: play, pause: pause };
  };
})();
