// Contact flow: as the customer types the question (after a pause), up to 5 matching articles appear.
// Without JavaScript the "Find answers" button does the same through a normal GET.
(function () {
  "use strict";

  var form = document.getElementById("hc-contact-form");
  var section = document.getElementById("hc-suggestions");
  if (!form || !section || !window.fetch) { return; }

  var question = form.querySelector("textarea[name=q]");
  var topic = form.querySelector("select[name=topic]");
  var list = section.querySelector(".suggestion-list");
  var timer = null;
  var composing = false;
  var lastAsked = null;

  form.querySelectorAll("[data-no-js-only]").forEach(function (element) { element.hidden = true; });

  function render(items) {
    list.textContent = "";
    var empty = section.querySelector("[data-empty-message]");
    if (empty) { empty.remove(); }
    if (items.length === 0) {
      var none = document.createElement("p");
      none.className = "muted";
      none.setAttribute("data-empty-message", "");
      none.textContent = section.dataset.empty;
      section.appendChild(none);
      return;
    }
    items.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      var summary = document.createElement("p");
      summary.className = "card-summary";
      summary.textContent = item.summary;
      var matched = document.createElement("p");
      matched.className = "matched";
      matched.textContent = section.dataset.matched + " " + item.matched.join("、");
      li.append(link, summary, matched);
      list.appendChild(li);
    });
  }

  function ask() {
    var text = question.value.trim();
    var key = topic.value + "\u0000" + text;
    if (key === lastAsked) { return; }
    lastAsked = key;
    var url = "/api/contact/suggest?flow=" + encodeURIComponent(form.dataset.flow) +
      "&topic=" + encodeURIComponent(topic.value) + "&q=" + encodeURIComponent(text);
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(render)
      .catch(function () { /* suggestions are a convenience; the form keeps working */ });
  }

  function schedule() {
    if (composing) { return; }
    clearTimeout(timer);
    timer = setTimeout(ask, 350);
  }

  question.addEventListener("compositionstart", function () { composing = true; });
  question.addEventListener("compositionend", function () { composing = false; schedule(); });
  question.addEventListener("input", schedule);
  topic.addEventListener("change", schedule);
})();

// Request forms: the browser's time zone (for the operator), and one submission per click.
(function () {
  "use strict";
  var form = document.getElementById("hc-request-form");
  if (!form) { return; }
  var zone = form.querySelector("[data-browser-timezone]");
  try {
    if (zone && window.Intl) { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; }
  } catch (e) { /* optional */ }
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    // Disabled after the browser has taken the form's values; the server also deduplicates.
    setTimeout(function () { if (button) { button.disabled = true; } }, 0);
  });
})();
