// Live chat for customers (/chat/{reference}) and operators (the agent request page).
// The server stores every message with a sequence number before anyone sees it; this script shows messages in
// sequence order, asks for what it missed after every (re)connect, and resends unacknowledged messages with
// the same client id (the server returns the stored message instead of a duplicate). Messages not yet
// acknowledged wait in sessionStorage, so a reload loses nothing.
(function () {
  "use strict";
  var root = document.getElementById("hc-chat");
  if (!root || !window.signalR) { return; }

  var reference = root.dataset.reference;
  var agent = root.dataset.role === "agent";
  var log = root.querySelector(".chat-log");
  var form = root.querySelector(".chat-form");
  var text = form && form.querySelector("textarea");
  var typing = root.querySelector("[data-typing-indicator]");
  var status = document.getElementById("hc-chat-status");
  var last = parseInt(root.dataset.last || "0", 10);
  var outboxKey = "hc-chat-outbox:" + reference;
  var outbox = JSON.parse(sessionStorage.getItem(outboxKey) || "[]");

  function saveOutbox() { sessionStorage.setItem(outboxKey, JSON.stringify(outbox)); }

  function newId() {
    return (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).replace(/[^A-Za-z0-9-]/g, "");
  }

  function show(message) {
    if (log.querySelector('[data-sequence="' + message.sequence + '"]')) { return; }
    var item = document.createElement("li");
    item.className = "timeline-" + message.kind.toLowerCase();
    item.dataset.sequence = message.sequence;
    var meta = document.createElement("p");
    meta.className = "timeline-meta";
    var time = new Date(message.at);
    meta.textContent = time.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + " · " +
      (message.kind === "Customer" ? root.dataset.you : (message.author || root.dataset.operator));
    var body = document.createElement("p");
    body.className = "message-body";
    body.textContent = message.kind === "System" && message.text === "closed" ? root.dataset.closed : message.text;
    item.append(meta, body);
    var after = Array.prototype.find.call(log.children, function (li) { return parseInt(li.dataset.sequence, 10) > message.sequence; });
    log.insertBefore(item, after || null);
    last = Math.max(last, message.sequence);
    outbox = outbox.filter(function (pending) { return pending.clientId !== message.clientId; });
    saveOutbox();
    item.scrollIntoView({ block: "nearest" });
    if (message.kind === "System" && message.text === "closed" && !agent) {
      // The chat ended: reload to offer the survey.
      setTimeout(function () { window.location.reload(); }, 800);
    }
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/chat")
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .build();

  connection.on("MessageAdded", show);
  connection.on("Typing", function () {
    if (!typing) { return; }
    typing.textContent = root.dataset.typing;
    typing.hidden = false;
    clearTimeout(typing.timer);
    typing.timer = setTimeout(function () { typing.hidden = true; }, 3000);
  });

  function send(pending) {
    var call = agent
      ? connection.invoke("AgentSend", reference, pending.clientId, pending.text, !!pending.note)
      : connection.invoke("Send", reference, pending.clientId, pending.text);
    return call.then(show);
  }

  function catchUp() {
    return connection.invoke(agent ? "AgentJoin" : "Join", reference, last)
      .then(function (missed) { missed.forEach(show); })
      .then(function () { return Promise.all(outbox.map(send)); })
      .then(function () { if (status && root.dataset.online) { status.textContent = root.dataset.online; } });
  }

  connection.onreconnecting(function () { if (status) { status.textContent = root.dataset.offline; } });
  connection.onreconnected(catchUp);

  if (form && text) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = text.value.trim();
      if (!value) { return; }
      var submitter = event.submitter;
      var pending = { clientId: newId(), text: value, note: !!(submitter && submitter.dataset.note) };
      outbox.push(pending);
      saveOutbox();
      text.value = "";
      send(pending).catch(function () { /* stays in the outbox; resent after reconnecting */ });
    });
    var lastTyping = 0;
    text.addEventListener("input", function () {
      if (agent || Date.now() - lastTyping < 2000 || connection.state !== "Connected") { return; }
      lastTyping = Date.now();
      connection.invoke("Typing", reference).catch(function () {});
    });
  }

  connection.start().then(catchUp).catch(function () {
    if (status) { status.textContent = root.dataset.offline; }
  });
})();
