// Sportello console: live updates by server-sent events, the claim kept alive while
// the page is open, and inserting canned responses and article links. Everything
// works without it but the live parts.
(function () {
  "use strict";

  // Change the console language as soon as it is chosen.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });

  // Insert the chosen canned response or article link into the reply box.
  document.querySelectorAll("select[data-insert-into]").forEach(function (sel) {
    sel.addEventListener("change", function () {
      var box = document.getElementById(sel.dataset.insertInto);
      if (!box || !sel.value) return;
      var start = box.selectionStart || box.value.length;
      var before = box.value.slice(0, start), after = box.value.slice(start);
      var sep = before && !before.endsWith("\n") ? "\n" : "";
      box.value = before + sep + sel.value + after;
      box.focus();
      sel.value = "";
    });
  });

  // Refetch a fragment when the server says it changed, and whenever the stream
  // opens or reopens after a break: the server announces only the changes after
  // that, so one made while the page loaded or the stream was down would be missed.
  function live(topic, url, target) {
    if (!window.EventSource || !topic || !target) return;
    var asked = 0, shown = 0;
    function refresh() {
      var n = ++asked;
      fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (r.ok) return r.text();
        throw new Error(r.status);
      }).then(function (html) {
        if (n < shown) return; // a newer answer is already shown
        shown = n;
        target.innerHTML = html;
        target.dispatchEvent(new CustomEvent("sportello:updated", { bubbles: true }));
      }).catch(function () {});
    }
    var es = new EventSource("/events?topic=" + encodeURIComponent(topic));
    es.addEventListener("open", refresh);
    es.addEventListener("changed", refresh);
  }

  var rows = document.getElementById("queue-rows");
  var liveQueue = document.querySelector("[data-live='queue']");
  if (rows && liveQueue) live("queue", rows.dataset.src, rows);

  var esc = document.querySelector(".esc[data-live]");
  if (esc) {
    live(esc.dataset.live, esc.dataset.transcript, document.getElementById("live-part"));
    // Keep the claim while the page is open; the server lets it run out otherwise.
    if (esc.dataset.renew) {
      var every = (parseInt(esc.dataset.renewSeconds, 10) || 30) * 1000;
      setInterval(function () {
        fetch(esc.dataset.renew, {
          method: "POST", credentials: "same-origin",
          headers: { "X-CSRF-Token": esc.dataset.csrf, "X-Requested-With": "fetch" }
        }).then(function (r) {
          if (r.status === 409) location.replace(location.pathname + "?notice=lease_lost");
        }).catch(function () {});
      }, every);
    }
  }
})();
