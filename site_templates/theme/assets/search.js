/* gongshi: start Pagefind UI in #search (loaded only on the search page). A link or a
   QR code can point at a search: /search/?q=停车 fills the box and runs it.
   A decision, voucher or fund-use number (JY-2023-01, TC-2025-014) or a notice's date
   leads straight to its page: the numbers the build published (search/numbers.json,
   builder/site/numbers.py) are listed as "直达" above Pagefind's results. */
(function () {
  "use strict";
  var el = document.getElementById("search");
  if (!el || typeof PagefindUI === "undefined" || el.hasAttribute("data-ready")) return;
  el.setAttribute("data-ready", "");
  // Results link from the site's root, wherever it is published (e.g. /gongshi/ on
  // GitHub Pages): the search page lives at <root>search/.
  var root = location.pathname.replace(/search\/(index\.html)?$/, "");
  var MAX_HITS = 5;
  var PREFIX_FROM = 3; // a query this long or longer also lists the numbers it begins

  // As numbers.normal() in Python: NFKC, upper case, trimmed, every dash as '-'.
  function normal(text) {
    return text.normalize("NFKC").toUpperCase().trim().replace(/[－‐‑‒–—﹣]/g, "-");
  }

  var box = document.getElementById("direct-hits");
  var list = box && box.querySelector("ul");
  var index = null; // {pages, numbers: [[normal, page, anchor]]} once loaded
  var wanted = "";

  function load() {
    if (index || !box || !el.dataset.numbers) return Promise.resolve(index);
    return fetch(el.dataset.numbers)
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return null;
        index = {
          pages: data.pages,
          numbers: data.numbers.map(function (n) {
            return { key: normal(n[0]), number: n[0], page: n[1], anchored: n[2] === 1 };
          }),
        };
        return index;
      })
      .catch(function () { return null; });
  }

  function hits(query) {
    var exact = [], prefixed = [];
    index.numbers.forEach(function (n) {
      if (n.key === query) exact.push(n);
      else if (query.length >= PREFIX_FROM && n.key.indexOf(query) === 0) prefixed.push(n);
    });
    return exact.concat(prefixed).slice(0, MAX_HITS);
  }

  function show(query) {
    if (!index || query !== wanted) return;
    var found = query ? hits(query) : [];
    list.textContent = "";
    found.forEach(function (n) {
      var page = index.pages[n.page];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + page[0] + (n.anchored ? "#" + encodeURIComponent(n.number) : "");
      var number = document.createElement("strong");
      number.textContent = n.number;
      a.appendChild(number);
      a.appendChild(document.createTextNode(" " + page[1]));
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = found.length === 0;
  }

  function direct(term) {
    wanted = normal(term || "");
    if (!wanted) show("");
    else load().then(function () { show(wanted); });
    // Pagefind too searches full-width letters and digits as the ASCII the pages hold.
    return (term || "").normalize("NFKC");
  }

  var ui = new PagefindUI({
    element: "#search", baseUrl: root, showImages: false, showSubResults: false,
    processTerm: direct,
  });
  var input = el.querySelector("input");
  if (input && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", "搜索本站内容");
  // Under the search box, above Pagefind's results (its drawer comes after it).
  var clear = el.querySelector(".pagefind-ui__search-clear");
  if (box && clear) clear.parentNode.insertBefore(box, clear.nextSibling);
  // Pagefind calls processTerm only for a search; an emptied box clears the list too.
  function cleared() { if (input && !input.value.trim()) direct(""); }
  if (input) input.addEventListener("input", cleared);
  if (clear) clear.addEventListener("click", function () { setTimeout(cleared, 0); });
  var query = new URLSearchParams(location.search).get("q");
  if (query && query.trim()) ui.triggerSearch(query.trim());
})();
