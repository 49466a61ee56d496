// ficlens report: highlight one character's lines. No libraries, no network.
(function () {
  "use strict";
  var reader = document.getElementById("reader");
  var bar = document.getElementById("focus-bar");
  if (!reader || !bar) { return; }
  var label = bar.querySelector(".focus-label");
  var current = null;
  var marked = [];
  var stops = [];
  var index = -1;

  function esc(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : value.replace(/["\\]/g, "\\$&");
  }

  function clear() {
    marked.forEach(function (el) { el.classList.remove("hl", "current"); });
    marked = [];
    stops = [];
    index = -1;
    current = null;
    reader.classList.remove("focused");
    bar.hidden = true;
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
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    label.textContent = label.dataset.base + " (" + (index + 1) + " of " + stops.length + ")";
  }

  function focus(id, name) {
    clear();
    current = id;
    var sel = '[data-speaker="' + esc(id) + '"], .mention[data-character="' + esc(id) + '"]';
    marked = Array.prototype.slice.call(reader.querySelectorAll(sel));
    marked.forEach(function (el) { el.classList.add("hl"); });
    stops = marked.filter(function (el) {
      return el.classList.contains("quote") && !el.classList.contains("cont");
    });
    reader.classList.add("focused");
    label.dataset.base = name + ": " + stops.length + (stops.length === 1 ? " line" : " lines");
    label.textContent = label.dataset.base;
    bar.hidden = false;
    var button = document.querySelector('button.character[data-focus="' + esc(id) + '"]');
    if (button) { button.setAttribute("aria-pressed", "true"); }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var button = target.closest("button.character[data-focus]");
    if (button) {
      var id = button.getAttribute("data-focus");
      if (id === current) { clear(); } else { focus(id, button.getAttribute("data-name")); step(1); }
      return;
    }
    var stepper = target.closest(".focus-bar [data-step]");
    if (stepper) { step(parseInt(stepper.getAttribute("data-step"), 10)); return; }
    if (target.closest(".focus-bar [data-clear]")) { clear(); return; }
    var quote = target.closest(".reader .quote[data-speaker]");
    if (quote && !window.getSelection().toString()) {
      var speaker = quote.getAttribute("data-speaker");
      if (speaker === current) { clear(); return; }
      var owner = document.querySelector('button.character[data-focus="' + esc(speaker) + '"]');
      focus(speaker, owner ? owner.getAttribute("data-name") : speaker);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (current === null) { return; }
    if (event.key === "Escape") { clear(); }
  });
})();
