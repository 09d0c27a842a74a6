// Local preview only (`gongshi serve` adds this script; a published site has neither it
// nor the file it reads): when the last edit left problems, the preview writes them to
// gongshi-preview-problems.json beside the pages, and this shows them as a banner at the
// top of every page, over the last good preview. Built with textContent: the messages
// quote staff-typed values, which must never be read as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var address = new URL("../gongshi-preview-problems.json", script.src);

  function line(tag, text, style) {
    var element = document.createElement(tag);
    element.textContent = text;
    if (style) element.setAttribute("style", style);
    return element;
  }

  function show(report) {
    var banner = document.createElement("section");
    banner.setAttribute("role", "alert");
    banner.className = "gongshi-preview-problems";
    banner.setAttribute(
      "style",
      "background:#fff4e5;color:#3d2600;border-bottom:3px solid #b35c00;" +
        "padding:0.75em 1em;font-size:1rem;line-height:1.6;max-height:60vh;overflow:auto"
    );
    banner.appendChild(line("p", report.heading, "margin:0;font-weight:bold"));
    banner.appendChild(line("p", report.heading_en, "margin:0 0 0.5em"));
    var list = document.createElement("ul");
    list.setAttribute("style", "margin:0;padding-left:1.2em");
    (report.problems || []).forEach(function (problem) {
      var where = problem.file + (problem.line ? "，第 " + problem.line + " 行" : "") +
        (problem.field ? " · " + problem.field : "");
      var item = document.createElement("li");
      item.appendChild(line("strong", (problem.severity === "error" ? "错误" : "提醒") + " " + where));
      item.appendChild(document.createTextNode("：" + problem.message));
      item.appendChild(line("div", problem.message_en + " (" + problem.code + ")", "font-size:0.9em"));
      list.appendChild(item);
    });
    banner.appendChild(list);
    if (report.detail) banner.appendChild(line("pre", report.detail, "white-space:pre-wrap"));
    document.body.insertBefore(banner, document.body.firstChild);
  }

  function load() {
    fetch(address, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (report) { if (report) show(report); })
      .catch(function () {});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", load);
  } else {
    load();
  }
})();
