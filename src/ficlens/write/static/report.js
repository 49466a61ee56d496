// ficlens report: follow a character through the reader, quote tooltips, and the charts
// (plotly.js, inlined above this script). Nothing here touches the network.
(function () {
  "use strict";
  var reader = document.getElementById("reader");
  var bar = document.getElementById("focus-bar");
  var onlyBox = document.getElementById("only-focused");
  var label = bar ? bar.querySelector(".focus-label") : null;
  var current = null;
  var marked = [];
  var blocks = [];
  var stops = [];
  var index = -1;

  function esc(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : value.replace(/["\\]/g, "\\$&");
  }

  // Plotly reads a few HTML-like tags and entities in its text; show user text as text.
  function plain(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // ------------------------------------------------------------------ following a character

  function clear() {
    marked.forEach(function (el) { el.classList.remove("hl", "current"); });
    blocks.forEach(function (el) { el.classList.remove("has-hl"); });
    marked = [];
    blocks = [];
    stops = [];
    index = -1;
    current = null;
    if (reader) { reader.classList.remove("focused", "only-focused"); }
    if (bar) { bar.hidden = true; }
    document.querySelectorAll("button.character[aria-pressed='true']").forEach(function (b) {
      b.setAttribute("aria-pressed", "false");
    });
  }

  function step(delta) {
    if (!stops.length) { return; }
    if (index >= 0) { stops[index].classList.remove("current"); }
    index = (index + delta + stops.length) % stops.length;
    var el = stops[index];
    el.classList.add("current");
    el.scrollIntoView({ block: "center" });
    label.textContent = label.dataset.base + " (" + (index + 1) + " of " + stops.length + ")";
  }

  function nameOf(id) {
    var button = document.querySelector('button.character[data-focus="' + esc(id) + '"]');
    return button ? button.getAttribute("data-name") : id;
  }

  function focus(id) {
    if (!reader || !bar) { return; }
    clear();
    current = id;
    var sel = '[data-speaker="' + esc(id) + '"], .mention[data-character="' + esc(id) + '"]';
    marked = Array.prototype.slice.call(reader.querySelectorAll(sel));
    var seen = new Set();
    marked.forEach(function (el) {
      el.classList.add("hl");
      var block = el.closest("#reader > p, #reader > details");
      if (block && !seen.has(block)) { seen.add(block); blocks.push(block); }
    });
    blocks.forEach(function (el) { el.classList.add("has-hl"); });
    stops = marked.filter(function (el) {
      return el.classList.contains("quote") && !el.classList.contains("cont");
    });
    if (!stops.length) {
      stops = marked.filter(function (el) { return el.classList.contains("mention"); });
    }
    reader.classList.add("focused");
    if (onlyBox && onlyBox.checked) { reader.classList.add("only-focused"); }
    var lines = marked.filter(function (el) {
      return el.classList.contains("quote") && !el.classList.contains("cont");
    }).length;
    var mentions = marked.length - marked.filter(function (el) {
      return el.classList.contains("quote");
    }).length;
    label.dataset.base = nameOf(id) + ": " + lines + (lines === 1 ? " line" : " lines") +
      ", " + mentions + (mentions === 1 ? " mention" : " mentions");
    label.textContent = label.dataset.base;
    bar.hidden = false;
    var button = document.querySelector('button.character[data-focus="' + esc(id) + '"]');
    if (button) { button.setAttribute("aria-pressed", "true"); }
  }

  function follow(id) {
    if (id === current) { clear(); return; }
    focus(id);
    step(1);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var button = target.closest("button.character[data-focus]");
    if (button) { follow(button.getAttribute("data-focus")); return; }
    var stepper = target.closest(".focus-bar [data-step]");
    if (stepper) { step(parseInt(stepper.getAttribute("data-step"), 10)); return; }
    if (target.closest(".focus-bar [data-clear]")) { clear(); return; }
    if (target.closest("#toggle-notes")) { toggleNotes(target.closest("#toggle-notes")); return; }
    var quote = target.closest(".reader .quote[data-speaker]");
    if (quote && !window.getSelection().toString()) {
      var speaker = quote.getAttribute("data-speaker");
      if (speaker === current) { clear(); } else { focus(speaker); }
    }
  });

  if (onlyBox) {
    onlyBox.addEventListener("change", function () {
      if (!reader || current === null) { return; }
      reader.classList.toggle("only-focused", onlyBox.checked);
      if (index >= 0 && stops[index]) { stops[index].scrollIntoView({ block: "center" }); }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (current === null) { return; }
    if (event.key === "Escape") { clear(); }
  });

  function toggleNotes(button) {
    var fold = button.getAttribute("aria-pressed") !== "true";
    document.querySelectorAll("#reader details.paratext").forEach(function (box) {
      box.open = !fold;
    });
    button.setAttribute("aria-pressed", fold ? "true" : "false");
    button.textContent = fold ? "Unfold notes" : "Fold notes";
  }

  // ------------------------------------------------------------------ quote tooltips

  var tip = document.getElementById("tip");

  function showTip(quote, x, y) {
    if (!tip) { return; }
    var info = quote.getAttribute("data-tip");
    if (info === null) {
      info = quote.getAttribute("title") || "";
      quote.setAttribute("data-tip", info);
      quote.removeAttribute("title");  // our tooltip instead of the browser's
    }
    tip.textContent = "";
    info.split(" \u00b7 ").forEach(function (part, i) {
      var line = document.createElement(i === 0 ? "b" : "div");
      line.textContent = part;
      tip.appendChild(line);
    });
    tip.hidden = false;
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(x + 12, window.innerWidth - width - 4)) + "px";
    tip.style.top = (y + 18 + height > window.innerHeight ? y - height - 10 : y + 18) + "px";
  }

  document.addEventListener("mouseover", function (event) {
    var target = event.target;
    var quote = target instanceof Element ? target.closest(".reader .quote") : null;
    if (quote) { showTip(quote, event.clientX, event.clientY); } else if (tip) { tip.hidden = true; }
  });
  document.addEventListener("mouseleave", function () { if (tip) { tip.hidden = true; } });

  // ------------------------------------------------------------------ charts

  function ready(error) {
    if (error) {
      window.ficlensError = String(error);
      console.error("ficlens: a chart failed to draw:", error);
    }
    window.ficlensReadyAt = performance.now();
    window.ficlensReady = true;
    document.documentElement.setAttribute("data-ready", "true");
  }

  var holder = document.getElementById("ficlens-data");
  if (!holder) { ready(); return; }
  if (typeof window.Plotly === "undefined") { ready("plotly.js is missing"); return; }
  var data = JSON.parse(holder.textContent);
  var style = getComputedStyle(document.documentElement);
  var fg = style.getPropertyValue("--fg").trim() || "#1d1d1f";
  var muted = style.getPropertyValue("--muted").trim() || "#6b6b70";
  var rule = style.getPropertyValue("--rule").trim() || "#d9d5cc";
  var ROMANTIC = "#db2777";
  var PLATONIC = "#0891b2";
  var config = {
    displaylogo: false,
    responsive: true,
    typesetMath: false,
    displayModeBar: "hover",
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
  };

  function layout(extra) {
    var base = {
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      font: { family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", color: fg, size: 12 },
      margin: { l: 56, r: 16, t: 12, b: 48 },
      hoverlabel: { font: { family: "system-ui, sans-serif" } },
      showlegend: false,
    };
    Object.keys(extra).forEach(function (key) { base[key] = extra[key]; });
    return base;
  }

  function axis(extra) {
    var base = { gridcolor: rule, linecolor: rule, zerolinecolor: muted, automargin: true };
    Object.keys(extra || {}).forEach(function (key) { base[key] = extra[key]; });
    return base;
  }

  function draw(id, traces, lay) {
    var div = document.getElementById(id);
    if (!div) { return null; }
    return Plotly.newPlot(div, traces, lay, config).then(function () { return div; });
  }

  function drawNetwork(net) {
    if (!net || net.nodes.length < 2) { return null; }
    var pos = {};
    net.nodes.forEach(function (node) { pos[node.id] = node; });
    var maxSpoken = 1;
    var maxLines = 1;
    net.edges.forEach(function (e) { maxSpoken = Math.max(maxSpoken, e.spoken_to); });
    net.nodes.forEach(function (n) { maxLines = Math.max(maxLines, n.lines); });
    var groups = {};
    var order = [];
    function group(key, width, dash, colour) {
      if (!groups[key]) {
        groups[key] = {
          type: "scatter", mode: "lines", x: [], y: [], hoverinfo: "skip",
          line: { width: width, dash: dash, color: colour },
        };
        order.push(key);
      }
      return groups[key];
    }
    var mids = { type: "scatter", mode: "markers", x: [], y: [], hovertext: [], hoverinfo: "text",
      marker: { size: 14, opacity: 0 } };
    var marks = { type: "scatter", mode: "markers+text", x: [], y: [], text: [], hoverinfo: "skip",
      textposition: "middle center", textfont: { size: 15, color: [] },
      marker: { size: 24, opacity: 1, color: style.getPropertyValue("--bg").trim() || "#fff",
        line: { width: 1.5, color: [] } } };
    net.edges.forEach(function (e) {
      var a = pos[e.a];
      var b = pos[e.b];
      var level = e.spoken_to > 0 ? Math.max(1, Math.ceil(4 * Math.sqrt(e.spoken_to / maxSpoken))) : 0;
      var colour = e.declared === "romantic" ? ROMANTIC : e.declared === "platonic" ? PLATONIC : muted;
      var g;
      if (level > 0) {
        g = group("s" + level + (e.declared || ""), 1 + 1.8 * level, "solid", colour);
      } else if (e.mentions > 0 || e.declared) {
        g = group("m" + (e.declared || ""), 1.2, "dash", colour);
      } else {
        g = group("c", 0.8, "dot", rule);
      }
      g.x.push(a.x, b.x, null);
      g.y.push(a.y, b.y, null);
      var mx = (a.x + b.x) / 2;
      var my = (a.y + b.y) / 2;
      var words = [plain(a.name) + " \u2194 " + plain(b.name),
        e.spoken_to + (e.spoken_to === 1 ? " line" : " lines") + " to each other",
        e.co_present + (e.co_present === 1 ? " scene" : " scenes") + " together",
        e.mentions + (e.mentions === 1 ? " mention" : " mentions") + " in their lines"];
      if (e.declared) { words.push("declared " + e.declared + " pairing"); }
      // An edge whose middle falls on a circle gets no hover point there: the circle wins.
      var covered = net.nodes.some(function (n) { return Math.hypot(n.x - mx, n.y - my) < 0.15; });
      if (covered && !e.declared) { return; }
      mids.x.push(mx);
      mids.y.push(my);
      mids.hovertext.push(words.join("<br>"));
      if (e.declared) {
        marks.x.push(mx);
        marks.y.push(my);
        marks.text.push(e.declared === "romantic" ? "\u2665" : "&amp;");
        marks.textfont.color.push(colour);
        marks.marker.line.color.push(colour);
      }
    });
    var nodes = {
      type: "scatter", mode: "markers+text", textposition: "top center",
      x: net.nodes.map(function (n) { return n.x; }),
      y: net.nodes.map(function (n) { return n.y; }),
      text: net.nodes.map(function (n) { return plain(n.name); }),
      customdata: net.nodes.map(function (n) { return n.id; }),
      hovertext: net.nodes.map(function (n) {
        return "<b>" + plain(n.name) + "</b><br>" + n.lines + (n.lines === 1 ? " line" : " lines") +
          " \u00b7 " + n.mentions + (n.mentions === 1 ? " mention" : " mentions");
      }),
      hoverinfo: "text",
      marker: {
        size: net.nodes.map(function (n) { return 12 + 34 * Math.sqrt(n.lines / maxLines); }),
        color: net.nodes.map(function (n) { return n.colour; }),
        opacity: 1,
        line: { color: style.getPropertyValue("--bg").trim() || "#fff", width: 2 },
      },
      cliponaxis: false,
    };
    var traces = order.map(function (key) { return groups[key]; }).concat([mids, marks, nodes]);
    var hidden = { visible: false, range: [-1.3, 1.3], fixedrange: false };
    var y = { visible: false, range: [-1.25, 1.3], scaleanchor: "x", scaleratio: 1 };
    var promise = draw("chart-network", traces, layout({
      xaxis: hidden, yaxis: y, margin: { l: 8, r: 8, t: 8, b: 8 }, hovermode: "closest",
      dragmode: "pan",
    }));
    return promise && promise.then(function (div) {
      div.on("plotly_click", function (event) {
        var point = event && event.points && event.points[0];
        if (point && typeof point.customdata === "string") { follow(point.customdata); }
      });
      return div;
    });
  }

  function drawArcs(arcs) {
    if (!arcs || !arcs.series.length) { return null; }
    var peak = 0.25;
    arcs.series.forEach(function (s) {
      s.values.forEach(function (v) { if (v !== null) { peak = Math.max(peak, Math.abs(v)); } });
    });
    arcs.mood.forEach(function (v) { if (v !== null) { peak = Math.max(peak, Math.abs(v)); } });
    peak = Math.min(1, peak * 1.15);
    var unit = arcs.unit === "scene" ? "Scene " : "";
    var where = arcs.x.map(function (x) { return arcs.unit === "scene" ? unit + x : x + "%"; });
    var traces = [{
      type: "bar", name: "mood of all the text", x: arcs.x, y: arcs.mood,
      marker: { color: muted, opacity: 0.3 },
      text: where, textposition: "none",
      customdata: arcs.scored,
      hovertemplate: "%{text}: everything %{y:+.2f}<br>%{customdata} lines and sentences<extra></extra>",
    }];
    arcs.series.forEach(function (s) {
      var mean = s.mean === null ? "" : " (mean " + (s.mean >= 0 ? "+" : "") + s.mean.toFixed(2) + ")";
      traces.push({
        type: "scatter", mode: "lines+markers", name: plain(s.name) + mean,
        x: arcs.x, y: s.values, connectgaps: true,
        line: { color: s.colour, width: 2.5 },
        marker: { color: s.colour, size: 6 },
        text: s.values.map(function (_, i) { return plain(s.name) + " \u00b7 " + where[i]; }),
        customdata: s.counts,
        hovertemplate: "%{text}: %{y:+.2f}<br>%{customdata} lines and sentences<extra></extra>",
      });
    });
    return draw("chart-arcs", traces, layout({
      showlegend: true,
      legend: { orientation: "h", y: -0.22, x: 0 },
      hovermode: "closest",
      bargap: 0.15,
      xaxis: axis({ title: { text: arcs.axis }, zeroline: false,
        dtick: arcs.unit === "scene" && arcs.x.length <= 30 ? 1 : undefined }),
      yaxis: axis({ title: { text: "sentiment" }, range: [-peak, peak], zeroline: true }),
      margin: { l: 56, r: 16, t: 12, b: 24 },
    }));
  }

  function drawNumbers(numbers) {
    if (!numbers) { return []; }
    var promises = [];
    var c = numbers.composition;
    promises.push(draw("chart-composition", [{
      type: "pie", hole: 0.55, sort: false, direction: "clockwise",
      labels: ["narration", "speech", "thought", "notes"],
      values: [c.narration, c.speech, c.thought, c.notes],
      marker: { colors: ["#a8a29e", "#1d4ed8", "#a21caf", "#e7c9a0"] },
      textinfo: "percent", hovertemplate: "%{label}: %{value:,} words<extra></extra>",
    }], layout({ showlegend: true, legend: { orientation: "h", y: -0.1 },
      margin: { l: 8, r: 8, t: 8, b: 8 } })));
    var talkers = numbers.talkers.slice().reverse();
    if (talkers.length) {
      var names = talkers.map(function (t) { return plain(t.name); });
      promises.push(draw("chart-talkers", [
        { type: "bar", orientation: "h", name: "spoken", y: names,
          x: talkers.map(function (t) { return t.spoken; }),
          marker: { color: talkers.map(function (t) { return t.colour; }) },
          hovertemplate: "%{y}: %{x:,} words spoken<extra></extra>" },
        { type: "bar", orientation: "h", name: "thought", y: names,
          x: talkers.map(function (t) { return t.thought; }),
          marker: { color: talkers.map(function (t) { return t.colour; }), opacity: 0.4 },
          hovertemplate: "%{y}: %{x:,} words thought<extra></extra>" },
      ], layout({ barmode: "stack", xaxis: axis({ title: { text: "words spoken (pale: thought)" } }),
        yaxis: axis({ automargin: true }), margin: { l: 8, r: 16, t: 8, b: 40 } })));
    }
    if (numbers.scene_words.length > 1) {
      promises.push(draw("chart-scenes", [{
        type: "bar", x: numbers.scene_words.map(function (_, i) { return i + 1; }),
        y: numbers.scene_words, marker: { color: muted },
        hovertemplate: "Scene %{x}: %{y:,} words<extra></extra>",
      }], layout({ xaxis: axis({ title: { text: "scene" },
        dtick: numbers.scene_words.length <= 30 ? 1 : undefined }),
        yaxis: axis({ title: { text: "words" } }) })));
    }
    return promises;
  }

  try {
    var pending = [drawNetwork(data.network), drawArcs(data.arcs)]
      .concat(drawNumbers(data.numbers))
      .filter(function (p) { return p; });
    Promise.all(pending).then(function () { ready(); }, ready);
  } catch (error) {
    ready(error);
  }
})();
