// Passkeys (WebAuthn) for the sign-in page and the passkey settings page.
// A form marked with data-options-url gets its WebAuthn options from the server (same form fields, so the
// antiforgery token goes along), asks the browser for a credential, puts its JSON into a hidden field and submits.
// Without WebAuthn support the sign-in form stays hidden; the settings page explains that a browser is needed.
(function () {
  "use strict";

  var supported = typeof window.PublicKeyCredential === "function" &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function" &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";

  function fetchOptions(form) {
    var body = new FormData(form);
    return fetch(form.dataset.optionsUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          // A refusal (wrong password, too many attempts) carries the message to show.
          return response.json().catch(function () { return {}; }).then(function (body) {
            var failure = new Error("options " + response.status);
            failure.userMessage = body && body.error;
            throw failure;
          });
        }
        return response.json();
      });
  }

  function wire(form, ceremony, field) {
    var error = form.querySelector("[data-passkey-error]");
    var fallback = error ? error.textContent : "";
    form.addEventListener("submit", function (event) {
      if (form.querySelector(field).value) { return; }
      event.preventDefault();
      if (error) { error.hidden = true; }
      fetchOptions(form)
        .then(ceremony)
        .then(function (credential) {
          form.querySelector(field).value = JSON.stringify(credential);
          form.submit();
        })
        .catch(function (failure) {
          if (error) {
            error.textContent = (failure && failure.userMessage) || fallback;
            error.hidden = false;
          }
        });
    });
  }

  function init() {
    var signIn = document.getElementById("hc-passkey-signin");
    var create = document.getElementById("hc-passkey-create");
    if (!supported) { return; }
    if (signIn) {
      signIn.hidden = false;
      wire(signIn, function (options) {
        return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
      }, "input[name=credentialJson]");
    }
    if (create) {
      wire(create, function (options) {
        return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
      }, "input[name='Input.CredentialJson']");
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
