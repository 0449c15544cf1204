// Streams answers into the chat page and sends ratings without leaving it.
// Without this script every form still works by posting the page.
"use strict";
(function () {
  function csrf(form) {
    var f = form.querySelector("input[name=csrf]");
    return f ? f.value : "";
  }
  function notice(text) {
    var box = document.getElementById("notices");
    if (!box) return;
    var p = document.createElement("p");
    p.className = "notice";
    p.setAttribute("role", "status");
    p.textContent = text;
    box.appendChild(p);
  }
  function addTurn(text) {
    var turns = document.getElementById("turns");
    if (!turns || !text) return;
    var t = document.createElement("div");
    t.className = "turn user";
    var b = document.createElement("div");
    b.className = "bubble";
    b.textContent = text;
    t.appendChild(b);
    turns.appendChild(t);
  }
  async function stream(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var answer = document.getElementById("answer");
    var notices = document.getElementById("notices");
    if (notices) notices.textContent = "";
    var q = form.querySelector("textarea[name=question]");
    if (q) { addTurn(q.value); }
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    var live = document.createElement("article");
    live.className = "answer";
    var partial = document.createElement("div");
    partial.className = "partial";
    partial.textContent = "正在分析……";
    live.appendChild(partial);
    answer.textContent = "";
    answer.appendChild(live);
    try {
      var resp = await fetch(form.action, { method: "POST", body: new URLSearchParams(data), headers: { "X-Stream": "1", "X-CSRF-Token": csrf(form) }, credentials: "same-origin" });
      if (!resp.ok || !resp.body) {
        if (resp.status === 401) { location.href = "/login?expired=1"; return; }
        document.open(); document.write(await resp.text()); document.close();
        return;
      }
      var reader = resp.body.getReader();
      var dec = new TextDecoder();
      var buf = "";
      for (;;) {
        var r = await reader.read();
        if (r.done) break;
        buf += dec.decode(r.value, { stream: true });
        var i;
        while ((i = buf.indexOf("\n")) >= 0) {
          var line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (!line) continue;
          var ev = JSON.parse(line);
          if (ev.type === "notice") notice(ev.text);
          else if (ev.type === "partial") partial.textContent = ev.text;
          else if (ev.type === "answer") { answer.innerHTML = ev.html; bind(answer); }
        }
      }
      if (live.parentNode && partial.textContent === "正在分析……") live.remove();
      if (q) q.value = "";
    } catch (e) {
      notice("网络连接中断，请稍后重试。");
    } finally {
      buttons.forEach(function (b) { b.disabled = false; });
    }
  }
  async function rate(form) {
    var resp = await fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), headers: { "X-Stream": "1", "X-CSRF-Token": csrf(form) }, credentials: "same-origin" });
    var msg = "评价没有保存，请稍后再试。";
    try { msg = (await resp.json()).text || msg; } catch (e) {}
    var rateBox = form.closest(".rate");
    if (rateBox) { rateBox.textContent = msg; } else { notice(msg); }
  }
  function bind(root) {
    root.querySelectorAll("form.js-stream").forEach(function (f) {
      if (f.dataset.bound) return;
      f.dataset.bound = "1";
      f.addEventListener("submit", function (e) { e.preventDefault(); stream(f, e.submitter); });
    });
    root.querySelectorAll("form.js-fetch").forEach(function (f) {
      if (f.dataset.bound) return;
      f.dataset.bound = "1";
      f.addEventListener("submit", function (e) { e.preventDefault(); rate(f); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { bind(document); });
})();
