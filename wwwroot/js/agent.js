// Agent request page: "Insert" next to each article found puts its link into the reply at the cursor.
(function () {
  "use strict";
  var reply = document.querySelector("#hc-reply-form textarea, #hc-chat-text");
  if (!reply) { return; }
  document.querySelectorAll("[data-article-url]").forEach(function (code) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary small";
    button.textContent = code.closest("[data-insert-label]") ? code.closest("[data-insert-label]").dataset.insertLabel : "+";
    button.addEventListener("click", function () {
      var url = code.textContent.trim();
      var start = reply.selectionStart || reply.value.length;
      var end = reply.selectionEnd || start;
      reply.value = reply.value.slice(0, start) + url + reply.value.slice(end);
      reply.focus();
      reply.selectionStart = reply.selectionEnd = start + url.length;
    });
    code.after(" ", button);
  });
})();
