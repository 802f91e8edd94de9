// Live chat panels: the customer's chat page, the agent request page and every panel of the agent console.
// The server stores every message with a sequence number before anyone sees it; a panel shows messages in
// sequence order, asks for what it missed after every (re)connect, and resends unacknowledged messages with
// the same client id (the server returns the stored message instead of a duplicate). Messages not yet
// acknowledged wait in sessionStorage, so a reload loses nothing; so does a draft being typed.
(function () {
  "use strict";
  if (!window.signalR) { return; }

  var panels = {};
  var connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/chat")
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .build();

  function newId() {
    return (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).replace(/[^A-Za-z0-9-]/g, "");
  }

  function format(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (_, key) { return values[key] === undefined || values[key] === null ? "" : values[key]; });
  }

  // Plain text with http(s) links made clickable; everything else stays text (never HTML).
  function renderText(element, text) {
    // The same rule as ChatText.Linkify on the server: ASCII URL characters, trailing punctuation left out.
    var pattern = /https?:\/\/[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+/g;
    var at = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var url = match[0].replace(/[.,;:!?)\]]+$/, "");
      element.append(document.createTextNode(text.slice(at, match.index)));
      var link = document.createElement("a");
      link.href = url;
      link.rel = "noopener noreferrer nofollow";
      link.textContent = url;
      element.append(link);
      at = match.index + url.length;
      pattern.lastIndex = at;
    }
    element.append(document.createTextNode(text.slice(at)));
  }

  function Panel(root) {
    this.root = root;
    this.reference = root.dataset.reference;
    this.agent = root.dataset.role === "agent";
    this.log = root.querySelector(".chat-log");
    this.form = root.querySelector(".chat-form");
    this.text = this.form && this.form.querySelector("textarea");
    this.typing = root.querySelector("[data-typing-indicator]");
    this.status = root.querySelector("[data-chat-status]") || document.getElementById("hc-chat-status");
    this.last = parseInt(root.dataset.last || "0", 10);
    this.otherRead = parseInt(root.dataset.read || "0", 10);
    this.outboxKey = "hc-chat-outbox:" + this.reference;
    this.draftKey = "hc-chat-draft:" + this.reference;
    this.outbox = JSON.parse(sessionStorage.getItem(this.outboxKey) || "[]");
    this.wire();
    this.outbox.forEach(this.showPending, this);
    this.markReceipts();
  }

  Panel.prototype.saveOutbox = function () { sessionStorage.setItem(this.outboxKey, JSON.stringify(this.outbox)); };

  Panel.prototype.systemText = function (message) {
    var template = this.root.dataset["system" + message.text.charAt(0).toUpperCase() + message.text.slice(1)];
    return template ? format(template, { 0: message.author }) : message.text;
  };

  Panel.prototype.item = function (kind, sequence) {
    var item = document.createElement("li");
    item.className = "timeline-" + kind.toLowerCase();
    if (sequence) { item.dataset.sequence = sequence; }
    return item;
  };

  Panel.prototype.show = function (message) {
    var pending = message.clientId && this.log.querySelector('[data-client-id="' + message.clientId + '"]');
    if (pending) { pending.remove(); }
    if (!this.log.querySelector('[data-sequence="' + message.sequence + '"]')) {
      var item = this.item(message.kind, message.sequence);
      item.dataset.kind = message.kind;
      var meta = document.createElement("p");
      meta.className = "timeline-meta";
      var time = new Date(message.at);
      var mine = this.agent ? message.kind === "Agent" || message.kind === "Note" : message.kind === "Customer";
      // Times in the site's time zone (HelpCenter:TimeZone, on <html>), as the server renders them.
      var clock = time.toLocaleTimeString("en-GB", { timeZone: document.documentElement.dataset.timeZone, hour: "2-digit", minute: "2-digit" });
      meta.textContent = message.kind === "System" ? clock : clock + " · " +
        (message.kind === "Customer" ? (this.agent ? (message.author || this.root.dataset.customer) : this.root.dataset.you)
          : message.kind === "Note" ? this.root.dataset.note : (message.author || this.root.dataset.operator));
      var body = document.createElement("p");
      body.className = "message-body";
      if (message.kind === "System") {
        body.textContent = this.systemText(message);
      } else if (message.attachment) {
        var link = document.createElement("a");
        link.href = this.root.dataset.imageUrl + encodeURIComponent(message.attachment);
        link.target = "_blank";
        link.rel = "noopener";
        var image = document.createElement("img");
        image.className = "chat-image";
        image.src = link.href;
        image.alt = message.text;
        link.append(image);
        body.append(link);
      } else {
        renderText(body, message.text);
      }
      item.append(meta, body);
      if (!pending) {
        // New to this page (not the stored copy of what was just sent): the console's alerts listen for it.
        document.dispatchEvent(new CustomEvent("hc-chat-message", { detail: { reference: this.reference, message: message, panel: this.root } }));
      }
      if (mine && message.kind !== "Note") {
        var receipt = document.createElement("p");
        receipt.className = "receipt";
        item.append(receipt);
      }
      var after = Array.prototype.find.call(this.log.querySelectorAll("[data-sequence]"), function (li) { return parseInt(li.dataset.sequence, 10) > message.sequence; });
      this.log.insertBefore(item, after || this.log.querySelector(".pending"));
      item.scrollIntoView({ block: "nearest" });
    }
    this.last = Math.max(this.last, message.sequence);
    this.outbox = this.outbox.filter(function (p) { return p.clientId !== message.clientId; });
    this.saveOutbox();
    this.markReceipts();
    this.markRead();
    if (message.kind === "System" && (message.text === "closed" || message.text === "left") && !this.agent) {
      // The chat ended: reload to offer the survey.
      setTimeout(function () { window.location.reload(); }, 800);
    }
  };

  // A message typed but not yet acknowledged: shown greyed as "sending" until the stored copy replaces it.
  Panel.prototype.showPending = function (pending) {
    if (this.log.querySelector('[data-client-id="' + pending.clientId + '"]')) { return; }
    var item = this.item(this.agent ? (pending.note ? "Note" : "Agent") : "Customer");
    item.classList.add("pending");
    item.dataset.clientId = pending.clientId;
    var body = document.createElement("p");
    body.className = "message-body";
    body.textContent = pending.text;
    var receipt = document.createElement("p");
    receipt.className = "receipt";
    receipt.textContent = this.root.dataset.sending || "";
    item.append(body, receipt);
    this.log.append(item);
    item.scrollIntoView({ block: "nearest" });
  };

  // "Delivered" once stored, "read" once the other side has seen it.
  Panel.prototype.markReceipts = function () {
    var read = this.otherRead;
    var labels = this.root.dataset;
    Array.prototype.forEach.call(this.log.querySelectorAll("[data-sequence] .receipt"), function (receipt) {
      var sequence = parseInt(receipt.parentElement.dataset.sequence, 10);
      receipt.textContent = sequence <= read ? labels.readLabel : labels.delivered;
    });
  };

  Panel.prototype.markRead = function () {
    if (document.visibilityState !== "visible" || connection.state !== "Connected" || this.last <= (this.readSent || 0)) { return; }
    this.readSent = this.last;
    connection.invoke(this.agent ? "AgentMarkRead" : "MarkRead", this.reference, this.last).catch(function () {});
  };

  // One message of a conversation at a time, in the order typed: the server runs a connection's calls in parallel
  // (an operator's other conversations do not wait), so the order within one conversation is kept here.
  Panel.prototype.send = function (pending) {
    var self = this;
    var call = (this.sending || Promise.resolve()).then(function () {
      return self.agent
        ? connection.invoke("AgentSend", self.reference, pending.clientId, pending.text, !!pending.note)
        : connection.invoke("Send", self.reference, pending.clientId, pending.text);
    });
    this.sending = call.catch(function () { /* the next message goes on; this one stays in the outbox */ });
    return call.then(function (message) { self.show(message); });
  };

  Panel.prototype.catchUp = function () {
    var self = this;
    return connection.invoke(this.agent ? "AgentJoin" : "Join", this.reference, this.last)
      .then(function (missed) { missed.forEach(self.show, self); })
      .then(function () { return Promise.all(self.outbox.map(self.send, self)); })
      .then(function () { return self.refreshStatus(); });
  };

  // Customers: place in the queue and estimate, or who answers; operators have it on the page.
  Panel.prototype.refreshStatus = function () {
    var self = this;
    if (this.agent || !this.status) { return Promise.resolve(); }
    return connection.invoke("Status", this.reference).then(function (s) {
      var d = self.root.dataset;
      var template = s.stage === "active" ? d.stageActive
        : s.stage === "ended" ? d.stageEnded
        : s.stage === "offered" ? d.stageOffered
        : s.operatorsOnline === 0 ? d.stageNobody
        : s.estimateMinutes ? d.stageWaiting : d.stageWaitingPlace;
      self.status.textContent = format(template, { place: s.place, minutes: s.estimateMinutes, operator: s.operator });
      Array.prototype.forEach.call(document.querySelectorAll("[data-chat-offer]"), function (offer) { offer.hidden = s.stage !== "offered"; });
      Array.prototype.forEach.call(document.querySelectorAll("[data-chat-language]"), function (form) { form.hidden = s.stage !== "offered" && s.stage !== "waiting"; });
      var leave = document.querySelector(".continue-by-email");
      if (leave && s.stage === "waiting" && s.operatorsOnline === 0) { leave.open = true; }
      self.otherRead = Math.max(self.otherRead, s.agentReadSequence);
      self.markReceipts();
    });
  };

  Panel.prototype.wire = function () {
    var self = this;
    if (!this.form || !this.text) { return; }
    this.text.value = sessionStorage.getItem(this.draftKey) || this.text.value;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = self.text.value.trim();
      if (!value) { return; }
      var submitter = event.submitter;
      var pending = { clientId: newId(), text: value, note: !!(submitter && submitter.dataset.note) };
      self.outbox.push(pending);
      self.saveOutbox();
      self.showPending(pending);
      self.text.value = "";
      sessionStorage.removeItem(self.draftKey);
      self.send(pending).catch(function () { /* stays in the outbox; resent after reconnecting */ });
    });
    // Enter sends, Shift+Enter is a new line. While an input method composes (Japanese, Chinese), Enter confirms
    // the conversion and must never send: isComposing, and keyCode 229 for browsers that end the composition first.
    var composing = false;
    this.text.addEventListener("compositionstart", function () { composing = true; });
    this.text.addEventListener("compositionend", function () { composing = false; });
    this.text.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.shiftKey || event.altKey || event.isComposing || composing || event.keyCode === 229) { return; }
      event.preventDefault();
      if (self.form.requestSubmit) { self.form.requestSubmit(); } else { self.form.dispatchEvent(new Event("submit", { cancelable: true })); }
    });
    Array.prototype.forEach.call(this.form.querySelectorAll("[data-enter-hint]"), function (hint) {
      hint.hidden = false;
      if (!hint.id) {
        hint.id = self.text.id + "-enter";
        self.text.setAttribute("aria-describedby", ((self.text.getAttribute("aria-describedby") || "") + " " + hint.id).trim());
      }
    });
    var lastTyping = 0;
    this.text.addEventListener("input", function () {
      sessionStorage.setItem(self.draftKey, self.text.value);
      if (Date.now() - lastTyping < 2000 || connection.state !== "Connected") { return; }
      lastTyping = Date.now();
      connection.invoke(self.agent ? "AgentTyping" : "Typing", self.reference).catch(function () {});
    });
  };

  Panel.prototype.showTyping = function () {
    var typing = this.typing;
    if (!typing) { return; }
    typing.textContent = this.root.dataset.typing;
    typing.hidden = false;
    clearTimeout(typing.timer);
    typing.timer = setTimeout(function () { typing.hidden = true; }, 3000);
  };

  function each(action) { Object.keys(panels).forEach(function (reference) { action(panels[reference]); }); }

  function showOffline() {
    each(function (panel) {
      if (panel.status) { panel.status.textContent = panel.root.dataset.offline; }
    });
  }

  connection.on("MessageAdded", function (message) { if (panels[message.reference]) { panels[message.reference].show(message); } });
  connection.on("Typing", function (reference) { if (panels[reference]) { panels[reference].showTyping(); } });
  connection.on("Read", function (reference, who, sequence) {
    var panel = panels[reference];
    if (panel) { panel.otherRead = Math.max(panel.otherRead, sequence); panel.markReceipts(); }
  });
  connection.on("StatusChanged", function (reference) { if (panels[reference]) { panels[reference].refreshStatus().catch(function () {}); } });
  // Every waiting customer hears every queue change: refresh once, a moment later, spread out, so that a busy
  // queue does not turn into a burst of status calls.
  var queueRefresh = null;
  connection.on("QueueChanged", function () {
    if (!queueRefresh) {
      queueRefresh = setTimeout(function () {
        queueRefresh = null;
        each(function (panel) { panel.refreshStatus().catch(function () {}); });
      }, 500 + Math.random() * 2000);
    }
    document.dispatchEvent(new CustomEvent("hc-chat-queue-changed"));
  });
  connection.on("ChatAssigned", function (reference) { document.dispatchEvent(new CustomEvent("hc-chat-assigned", { detail: reference })); });
  connection.onreconnecting(showOffline);
  connection.onreconnected(function () {
    each(function (panel) { panel.catchUp().catch(function () {}); });
    document.dispatchEvent(new CustomEvent("hc-chat-connected"));
  });
  document.addEventListener("visibilitychange", function () { each(function (panel) { panel.markRead(); }); });

  var started = connection.start();

  function attach(root) {
    var panel = new Panel(root);
    panels[panel.reference] = panel;
    return started.then(function () { return panel.catchUp(); });
  }

  window.HelpCenterChat = { connection: connection, started: started, attach: attach };
  started.then(function () { document.dispatchEvent(new CustomEvent("hc-chat-connected")); }, showOffline);
  Array.prototype.forEach.call(document.querySelectorAll("[data-chat]"), function (root) { attach(root).catch(function () {}); });
})();
