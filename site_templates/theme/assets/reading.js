/* gongshi: "大字" (large text) toggle. No cookies; one localStorage key. */
(function () {
  "use strict";
  var KEY = "gongshi-large-text";
  var root = document.documentElement;
  var btn = document.getElementById("text-size-toggle");
  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function apply(on) {
    root.classList.toggle("large-text", on);
    if (btn) btn.setAttribute("aria-pressed", on ? "true" : "false");
  }
  apply(stored());
  if (!btn) return;
  btn.hidden = false;
  btn.addEventListener("click", function () {
    var on = !root.classList.contains("large-text");
    apply(on);
    try {
      if (on) localStorage.setItem(KEY, "1"); else localStorage.removeItem(KEY);
    } catch (e) { /* storage blocked: the toggle still works for this page */ }
  });
})();
