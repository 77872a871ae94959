/* Probe of the search benchmark (bench.mjs adds it to the search page it serves; it is not
   part of the theme). With `?bench=QUERY&settle=MS` in the URL, it waits until the page has
   loaded and shown its empty state, then MS milliseconds more, issues QUERY as a form submit
   (no typing debounce), and when the results are shown (aria-busy="false") posts to
   /bench/report the time since the submit, in phases taken from the Resource Timing of the
   index files. Nothing else watches the page:
   the browser runs without a debugging connection. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search), q = params.get("bench");
  var settle = Number(params.get("settle")) || 0;
  if (q === null) return;
  var list = document.querySelector("[data-search-results]");
  var input = document.querySelector("[data-search-input]");
  var status = document.querySelector("[data-search-status]");
  function report(r) {
    fetch("/bench/report", { method: "POST", body: JSON.stringify(r), keepalive: true });
  }
  function settled() {
    return document.readyState === "complete" && list.getAttribute("aria-busy") === "false" && status.textContent;
  }
  function issue() {
    performance.clearResourceTimings();
    var t0 = performance.now(), busy = false;
    new MutationObserver(function () {
      if (list.getAttribute("aria-busy") === "true") { busy = true; return; }
      if (!busy) return;
      var ms = performance.now() - t0;
      var files = performance.getEntriesByType("resource").filter(function (e) { return e.name.indexOf("/search/") >= 0; });
      var meta = files.filter(function (e) { return e.name.indexOf("/search/m/") >= 0; });
      var index = files.filter(function (e) { return e.name.indexOf("/search/m/") < 0; });
      var end = function (e) { return e.responseEnd - t0; }, start = function (e) { return e.startTime - t0; };
      var indexEnd = Math.max.apply(null, [0].concat(index.map(end)));
      var metaStart = meta.length ? Math.min.apply(null, meta.map(start)) : ms;
      var metaEnd = meta.length ? Math.max.apply(null, meta.map(end)) : ms;
      report({
        ms: ms, index: indexEnd, rank: metaStart - indexEnd, meta: metaEnd - metaStart, render: ms - metaEnd,
        shown: list.children.length, status: status.textContent,
      });
    }).observe(list, { attributes: true });
    input.value = q;
    input.form.requestSubmit();
  }
  (function wait() {
    if (settled()) setTimeout(issue, settle);
    else setTimeout(wait, 20);
  })();
})();
