/* gongshi: start Pagefind UI in #search (loaded only on the search page). */
(function () {
  "use strict";
  var el = document.getElementById("search");
  if (!el || typeof PagefindUI === "undefined" || el.hasAttribute("data-ready")) return;
  el.setAttribute("data-ready", "");
  // Results link from the site's root, wherever it is published (e.g. /gongshi/ on
  // GitHub Pages): the search page lives at <root>search/.
  var root = location.pathname.replace(/search\/(index\.html)?$/, "");
  new PagefindUI({ element: "#search", baseUrl: root, showImages: false, showSubResults: false });
  var input = el.querySelector("input");
  if (input && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", "搜索本站内容");
})();
