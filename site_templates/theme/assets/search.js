/* gongshi: start Pagefind UI in #search (loaded only on the search page). A link or a
   QR code can point at a search: /search/?q=停车 fills the box and runs it. */
(function () {
  "use strict";
  var el = document.getElementById("search");
  if (!el || typeof PagefindUI === "undefined" || el.hasAttribute("data-ready")) return;
  el.setAttribute("data-ready", "");
  // Results link from the site's root, wherever it is published (e.g. /gongshi/ on
  // GitHub Pages): the search page lives at <root>search/.
  var root = location.pathname.replace(/search\/(index\.html)?$/, "");
  var ui = new PagefindUI({ element: "#search", baseUrl: root, showImages: false, showSubResults: false });
  var input = el.querySelector("input");
  if (input && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", "搜索本站内容");
  var query = new URLSearchParams(location.search).get("q");
  if (query && query.trim()) ui.triggerSearch(query.trim());
})();
