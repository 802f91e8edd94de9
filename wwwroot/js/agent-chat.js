// Operator tools. On the request page: "Insert" next to each article found puts its link into the reply (mail or
// chat) at the cursor. In every chat panel (console and request page): canned replies and an article search.
// On the console (/agent/chats) also: heartbeat for presence, the queue refreshed when it changes, claiming
// without a reload, and a new panel when a chat is assigned. Every action also works as a plain form.
(function () {
  "use strict";

  function insert(textarea, value) {
    var start = textarea.selectionStart === undefined ? textarea.value.length : textarea.selectionStart;
    var end = textarea.selectionEnd === undefined ? start : textarea.selectionEnd;
    textarea.value = textarea.value.slice(0, start) + value + textarea.value.slice(end);
    textarea.focus();
    textarea.selectionStart = textarea.selectionEnd = start + value.length;
    textarea.dispatchEvent(new Event("input"));
  }

  function wireTools(panel) {
    var tools = panel.querySelector("[data-chat-tools]");
    var textarea = panel.querySelector(".chat-form textarea");
    if (!tools || !textarea || tools.dataset.wired) { return; }
    tools.dataset.wired = "true";
    tools.hidden = false;
    var canned = tools.querySelector("[data-canned]");
    if (canned) {
      canned.addEventListener("change", function () {
        if (canned.value) { insert(textarea, canned.value); }
        canned.value = "";
      });
    }
    var search = tools.querySelector("[data-article-search]");
    var results = tools.querySelector("[data-article-results]");
    var timer;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = search.value.trim();
        results.textContent = "";
        if (!q) { return; }
        fetch("/api/search?limit=5&lang=" + encodeURIComponent(search.dataset.lang) + "&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            data.results.forEach(function (hit) {
              var item = document.createElement("li");
              var title = document.createElement("span");
              title.textContent = hit.title;
              var button = document.createElement("button");
              button.type = "button";
              button.className = "secondary small";
              button.textContent = results.dataset.insertLabel;
              button.addEventListener("click", function () { insert(textarea, hit.title + " " + new URL(hit.url, location.origin).href); });
              item.append(title, " ", button);
              results.append(item);
            });
          })
          .catch(function () {});
      }, 300);
    });
  }

  var reply = document.querySelector("#hc-reply-form textarea, .chat-panel .chat-form textarea");
  if (reply) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-article-url]"), function (code) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary small";
      button.textContent = code.closest("[data-insert-label]").dataset.insertLabel;
      button.addEventListener("click", function () { insert(reply, code.textContent.trim()); });
      code.after(" ", button);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".chat-panel"), wireTools);

  var panels = document.getElementById("hc-chat-panels");
  if (!panels || !window.HelpCenterChat) { return; }
  var chat = window.HelpCenterChat;

  function heartbeat() { chat.connection.invoke("AgentConsole", null, null).catch(function () {}); }

  function addPanel(reference) {
    if (panels.querySelector('[data-reference="' + reference + '"]')) { return; }
    fetch("/agent/chats?handler=Panel&reference=" + encodeURIComponent(reference))
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (!html || panels.querySelector('[data-reference="' + reference + '"]')) { return; }
        panels.insertAdjacentHTML("beforeend", html);
        var panel = panels.lastElementChild;
        var empty = document.getElementById("hc-no-chats");
        if (empty) { empty.remove(); }
        wireTools(panel);
        chat.attach(panel).catch(function () {});
      });
  }

  function wireQueue() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-claim]"), function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var reference = form.querySelector("[name=reference]").value;
        chat.connection.invoke("Claim", reference).then(function (result) {
          if (result === "Claimed") { addPanel(reference); } else { form.replaceWith(document.createTextNode(form.closest("table").dataset["claim" + result] || result)); }
        }).catch(function () { form.submit(); });
      });
    });
  }

  var pending = null;

  // Coalesced: a busy queue changes many times a second.
  function refreshQueue() {
    if (!pending) { pending = setTimeout(loadQueue, 1000); }
  }

  function loadQueue() {
    pending = null;
    fetch("/agent/chats?handler=Queue")
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var queue = document.getElementById("hc-chat-queue");
        if (html && queue) { queue.outerHTML = html; wireQueue(); document.dispatchEvent(new CustomEvent("hc-chat-queue-loaded")); }
      });
  }

  // Alerts for a new chat (in the queue or assigned) and a customer's message in a chat not in view: a short tone
  // (can be switched off, remembered in this browser), the count in the tab title, and a desktop notification once
  // the operator has allowed them.
  var alerts = document.getElementById("hc-console-alerts");
  var baseTitle = document.title;
  var unread = {};
  var known = waitingReferences();
  var soundBox = alerts && alerts.querySelector("[data-alert-sound]");
  var desktopButton = alerts && alerts.querySelector("[data-alert-desktop]");
  var desktopState = alerts && alerts.querySelector("[data-alert-desktop-state]");
  var audio = null;

  function waitingReferences() {
    return Array.prototype.map.call(document.querySelectorAll("#hc-chat-queue [data-waiting]"), function (row) { return row.dataset.waiting; });
  }

  function inView(panel) {
    if (document.visibilityState !== "visible" || !panel) { return false; }
    var box = panel.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth;
  }

  function updateTitle() {
    var count = waitingReferences().length + Object.keys(unread).reduce(function (sum, reference) { return sum + unread[reference]; }, 0);
    document.title = count > 0 ? "(" + count + ") " + baseTitle : baseTitle;
  }

  function beep() {
    if (!soundBox || !soundBox.checked) { return; }
    try {
      var Context = window.AudioContext || window.webkitAudioContext;
      audio = audio || new Context();
      var tone = audio.createOscillator();
      var volume = audio.createGain();
      tone.frequency.value = 880;
      volume.gain.value = 0.1;
      tone.connect(volume);
      volume.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.15);
    } catch (e) { /* no audio: the title and the notification still tell */ }
  }

  // The callers decide whether it is worth telling (a new chat, or a message in a chat not in view).
  function notify(text, reference) {
    beep();
    updateTitle();
    if (!window.Notification || Notification.permission !== "granted") { return; }
    try {
      var shown = new Notification(text, { tag: "hc-chat-" + (reference || "queue") });
      shown.onclick = function () {
        window.focus();
        var panel = reference && document.querySelector('.chat-panel[data-reference="' + reference + '"]');
        if (panel) { panel.scrollIntoView(); }
      };
    } catch (e) { /* some browsers allow notifications from service workers only */ }
  }

  function showDesktopState() {
    if (!desktopButton) { return; }
    var permission = window.Notification ? Notification.permission : "denied";
    desktopButton.hidden = permission !== "default";
    desktopState.textContent = permission === "granted" ? alerts.dataset.desktopOn : permission === "denied" ? alerts.dataset.desktopBlocked : "";
  }

  if (alerts) {
    alerts.hidden = false;
    soundBox.checked = localStorage.getItem("hc-agent-sound") !== "off";
    soundBox.addEventListener("change", function () { localStorage.setItem("hc-agent-sound", soundBox.checked ? "on" : "off"); });
    desktopButton.addEventListener("click", function () {
      if (window.Notification) { Promise.resolve(Notification.requestPermission()).then(showDesktopState); }
    });
    showDesktopState();
    updateTitle();
  }

  document.addEventListener("hc-chat-queue-loaded", function () {
    var now = waitingReferences();
    now.filter(function (reference) { return known.indexOf(reference) < 0; }).forEach(function (reference) {
      if (alerts) { notify(alerts.dataset.newChat.replace("{0}", reference), null); }
    });
    known = now;
    updateTitle();
  });

  document.addEventListener("hc-chat-message", function (event) {
    var detail = event.detail;
    if (!alerts || detail.message.kind !== "Customer" || !detail.panel.classList.contains("chat-panel") || inView(detail.panel)) { return; }
    unread[detail.reference] = (unread[detail.reference] || 0) + 1;
    notify(alerts.dataset.newMessage.replace("{0}", detail.reference), detail.reference);
  });

  function clearSeen() {
    Object.keys(unread).forEach(function (reference) {
      if (inView(document.querySelector('.chat-panel[data-reference="' + reference + '"]'))) { delete unread[reference]; }
    });
    updateTitle();
  }

  document.addEventListener("visibilitychange", clearSeen);
  window.addEventListener("scroll", clearSeen, { passive: true });
  window.addEventListener("focus", clearSeen);

  wireQueue();
  document.addEventListener("hc-chat-queue-changed", refreshQueue);
  document.addEventListener("hc-chat-assigned", function (event) {
    if (alerts && !document.querySelector('.chat-panel[data-reference="' + event.detail + '"]')) { notify(alerts.dataset.assigned.replace("{0}", event.detail), event.detail); }
    addPanel(event.detail);
  });
  document.addEventListener("hc-chat-connected", function () { heartbeat(); refreshQueue(); });
  setInterval(heartbeat, 30000);
})();
