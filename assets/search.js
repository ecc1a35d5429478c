// Search page: loads Pagefind's UI over the static index and runs the
// query from ?q=. Without JavaScript, or when the index is missing, the
// page keeps its plain form and its links to browse instead.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  var form = document.querySelector(".search-form");
  var down = document.querySelector(".search-down");
  var bundle = box.getAttribute("data-bundle");
  // The index is sharded by month: the newest shard's UI searches the
  // older shards too (Pagefind's mergeIndex).
  var merge = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (p) {
    return { bundlePath: p };
  });
  function unavailable() {
    box.hidden = true;
    if (down) down.hidden = false;
  }
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = bundle + "pagefind-ui.css";
  document.head.appendChild(css);
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onerror = unavailable;
  script.onload = function () {
    if (typeof window.PagefindUI !== "function") return unavailable();
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: bundle,
      mergeIndex: merge,
      baseUrl: box.getAttribute("data-base"),
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      autofocus: !new URLSearchParams(location.search).get("q")
    });
    if (form) form.hidden = true;
    // Pagefind's input has only a title; give it a real accessible name.
    (function name(tries) {
      var input = box.querySelector("input");
      if (input) input.setAttribute("aria-label", "Search stories and articles");
      else if (tries > 0) requestAnimationFrame(function () { name(tries - 1); });
    })(60);
    var q = new URLSearchParams(location.search).get("q");
    if (q) ui.triggerSearch(q);
  };
  document.head.appendChild(script);
})();
