// The chat page starts with the cursor in the message box (also after "no, talk to a person", which reloads the
// page), so a keyboard user types at once instead of tabbing from the top (issue 14, item 22). Focus is left alone
// when something already holds it (a field with an error, a link followed to an anchor).
(function () {
  "use strict";
  function focusMessageBox() {
    var box = document.querySelector("#hc-chat .chat-form textarea");
    var active = document.activeElement;
    if (!box || box.disabled || location.hash || (active && active !== document.body && active.id !== "hc-main")) {
      return;
    }

    if (document.querySelector("#hc-main [aria-invalid='true']")) {
      return;
    }

    box.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusMessageBox);
  } else {
    focusMessageBox();
  }
})();
