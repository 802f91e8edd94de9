// The editors' console: live preview, a local copy of what is typed, image insertion.
// The page works without this file (the preview button, plain forms). Japanese input: nothing here runs while an
// IME composition is open (compositionstart..compositionend, or input events with isComposing), and nothing ever
// writes to the text box while the editor types, so a composition is never interrupted.
(function () {
  "use strict";

  var form = document.getElementById("hc-article-form");
  if (!form) {
    return;
  }

  var body = form.querySelector("[data-preview-source]");
  var previewButton = form.querySelector("[data-preview-button]");
  var key = form.getAttribute("data-draft-key");
  var composing = false;
  var timer = null;
  var PREVIEW_DELAY = 700;

  function fields() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.name && element.name.indexOf("Input.") === 0 && element.type !== "hidden" && element.type !== "checkbox") {
        values[element.name] = element.value;
      }
    });
    return values;
  }

  function keepCopy() {
    try {
      window.localStorage.setItem(key, JSON.stringify(fields()));
    } catch (e) {
      // Storage full or disabled: the server keeps what was saved.
    }
  }

  function refreshPreview() {
    timer = null;
    if (composing || !previewButton) {
      return;
    }
    // Posts the form into the preview frame (formaction/formtarget of the button), as the button does without script.
    form.requestSubmit(previewButton);
  }

  function changed(event) {
    if (composing || (event && event.isComposing)) {
      return;
    }
    keepCopy();
    if (timer) {
      window.clearTimeout(timer);
    }
    timer = window.setTimeout(refreshPreview, PREVIEW_DELAY);
  }

  form.addEventListener("compositionstart", function () {
    composing = true;
    if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
  });
  form.addEventListener("compositionend", function () {
    composing = false;
    changed(null);
  });
  form.addEventListener("input", changed);

  // A submitted form is on the server (saved, or shown again with what was typed): the local copy is no longer needed.
  form.addEventListener("submit", function (event) {
    if (event.submitter !== previewButton) {
      try {
        window.localStorage.removeItem(key);
      } catch (e) {
        // ignore
      }
    }
  });

  // Offer a copy left by a tab that was closed before saving.
  var restore = document.querySelector("[data-draft-restore]");
  try {
    var stored = window.localStorage.getItem(key);
    if (stored && restore) {
      var values = JSON.parse(stored);
      var current = fields();
      var differs = Object.keys(values).some(function (name) { return current[name] !== undefined && current[name] !== values[name]; });
      if (differs) {
        restore.hidden = false;
        restore.querySelector("[data-draft-restore-button]").addEventListener("click", function () {
          Object.keys(values).forEach(function (name) {
            var element = form.elements.namedItem(name);
            if (element && element.value !== undefined) {
              element.value = values[name];
            }
          });
          restore.hidden = true;
          changed(null);
        });
      }
    }
  } catch (e) {
    // ignore
  }

  // "Insert" puts an uploaded image's Markdown where the cursor was in the text box.
  Array.prototype.forEach.call(document.querySelectorAll("[data-insert]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-insert");
      var start = body.selectionStart || 0;
      var end = body.selectionEnd || 0;
      body.setRangeText("\n" + text + "\n", start, end, "end");
      body.focus();
      changed(null);
    });
  });
})();
