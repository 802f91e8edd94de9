// Typeahead for every search box marked data-typeahead (ARIA 1.2 combobox with a listbox popup).
// Without JavaScript the search form simply submits to /search. Suggestions also appear while a Japanese IME
// is still composing: Chromium fires "input" during composition, others get "compositionupdate".
(function () {
  "use strict";

  var lang = (document.documentElement.lang || "ja").slice(0, 2);
  var counter = 0;

  function attach(input) {
    var id = "hc-suggest-" + (++counter);
    var wrapper = document.createElement("div");
    wrapper.className = "typeahead";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    var list = document.createElement("ul");
    list.id = id;
    list.className = "typeahead-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-typeahead-label") || "");
    list.hidden = true;
    wrapper.appendChild(list);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    var items = [];
    var active = -1;
    var timer = 0;
    var sequence = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", id + "-" + index);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = s.title;
        // A Japanese article offered to an English or Chinese reader says so, as on the category pages.
        if (s.lang && s.lang !== lang) {
          li.setAttribute("lang", s.lang);
          var badge = document.createElement("span");
          badge.className = "badge";
          badge.textContent = input.getAttribute("data-typeahead-other-language") || "";
          li.appendChild(document.createTextNode(" "));
          li.appendChild(badge);
        }
        li.addEventListener("mousedown", function (e) {
          e.preventDefault();
          window.location.assign(s.url);
        });
        list.appendChild(li);
      });
      if (suggestions.length === 0) {
        close();
        return;
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(-1);
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      var mine = ++sequence;
      if (text.length === 0) {
        render([]);
        return;
      }
      fetch("/api/suggest?lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(text), {
        headers: { "Accept": "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (suggestions) { if (mine === sequence) { render(suggestions); } })
        .catch(function () { if (mine === sequence) { render([]); } });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 120);
    }

    input.addEventListener("input", schedule);
    input.addEventListener("compositionupdate", schedule);
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    input.addEventListener("keydown", function (e) {
      if (e.isComposing) {
        return;
      }
      if (e.key === "ArrowDown" && items.length > 0) {
        e.preventDefault();
        if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        highlight((active + 1) % items.length);
      } else if (e.key === "ArrowUp" && items.length > 0) {
        e.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (e.key === "Enter" && active >= 0 && !list.hidden) {
        e.preventDefault();
        window.location.assign(items[active].url);
      } else if (e.key === "Escape" && !list.hidden) {
        e.preventDefault();
        close();
      }
    });
  }

  document.querySelectorAll("input[data-typeahead]").forEach(attach);
})();
