/* gongshi: reading aids for elderly readers (MIIT 2021 guideline for websites):
   "大字" (larger text), "高对比" (high contrast) and "朗读" (read the page aloud).
   No cookies, no server: each choice is one localStorage key, kept across pages.
   Without JavaScript the buttons stay hidden (a switch that cannot work is not shown). */
(function () {
  "use strict";
  var root = document.documentElement;

  function stored(key) {
    try { return localStorage.getItem(key) === "1"; } catch (e) { return false; }
  }
  function store(key, on) {
    try {
      if (on) localStorage.setItem(key, "1"); else localStorage.removeItem(key);
    } catch (e) { /* storage blocked: the switch still works on this page */ }
  }

  /* a switch that puts a class on <html> and remembers it */
  function toggle(id, key, cls) {
    var btn = document.getElementById(id);
    function apply(on) {
      root.classList.toggle(cls, on);
      if (btn) btn.setAttribute("aria-pressed", on ? "true" : "false");
    }
    apply(stored(key));
    if (!btn) return;
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var on = !root.classList.contains(cls);
      apply(on);
      store(key, on);
    });
  }
  toggle("text-size-toggle", "gongshi-large-text", "large-text");
  toggle("contrast-toggle", "gongshi-high-contrast", "high-contrast");

  /* read aloud: the browser's own speech synthesis with a Chinese (zh-CN) voice */
  var reader = document.getElementById("read-aloud");
  var status = document.getElementById("read-aloud-status");
  if (!reader || !status) return;
  var synth = window.speechSynthesis;
  var NO_VOICE = "这部手机（浏览器）没有中文朗读语音，不能朗读。可以打开手机设置里的“读屏”或“长辈模式”朗读功能，或者把字调大（点“大字”）。";

  function say(text) {
    status.hidden = false;
    status.textContent = text;
  }
  function chineseVoice() {
    if (!synth || typeof synth.getVoices !== "function") return null;
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (/^zh[-_]CN/i.test(voices[i].lang)) return voices[i];
    }
    for (var j = 0; j < voices.length; j++) {
      if (/^zh/i.test(voices[j].lang)) return voices[j];
    }
    return null;
  }
  /* the voices arrive a moment after the page loads in some browsers */
  function withVoice(done) {
    var voice = chineseVoice();
    if (voice || !synth) { done(voice); return; }
    var waited = false;
    function finish() {
      if (waited) return;
      waited = true;
      done(chineseVoice());
    }
    if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", finish);
    setTimeout(finish, 1500);
  }
  /* the main text in sentences: some browsers stop a long utterance after 15 s */
  function sentences() {
    var main = document.getElementById("content");
    var text = main ? main.innerText : "";
    return text.replace(/([。！？；\n])/g, "$1\u0000").split("\u0000").map(function (s) { return s.trim(); })
      .filter(function (s) { return s.length > 0; });
  }
  function stop() {
    if (synth) synth.cancel();
    reader.setAttribute("aria-pressed", "false");
  }
  function start(voice) {
    var parts = sentences();
    reader.setAttribute("aria-pressed", "true");
    say("正在朗读本页正文，再点“朗读”停止。");
    parts.forEach(function (part, n) {
      var u = new SpeechSynthesisUtterance(part);
      u.lang = "zh-CN";
      u.voice = voice;
      u.rate = 0.9;
      if (n === parts.length - 1) u.onend = function () { stop(); say("朗读完了。"); };
      synth.speak(u);
    });
  }
  reader.hidden = false;
  reader.addEventListener("click", function () {
    if (reader.getAttribute("aria-pressed") === "true") { stop(); say("已停止朗读。"); return; }
    withVoice(function (voice) {
      if (!voice) { stop(); say(NO_VOICE); return; }
      start(voice);
    });
  });
  window.addEventListener("pagehide", function () { if (synth) synth.cancel(); });
})();
