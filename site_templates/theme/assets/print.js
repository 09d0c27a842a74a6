/* gongshi: the "打印" button of a print version (the browser's own Print works as well). */
(function () {
  "use strict";
  var btn = document.getElementById("print-button");
  if (!btn) return;
  btn.hidden = false;
  btn.addEventListener("click", function () { window.print(); });
})();
