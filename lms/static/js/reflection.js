/* Reflection boxes on lesson pages: saved as the trainee types.

   Without this script each box is a plain form with a Save button, which works the same.
   With it, a pause in typing (or leaving the box) posts the form in the background and
   the status line, read out by screen readers (aria-live), says whether it is saved.
   The words never leave the box: a refused or failed save keeps them and says why, and
   a save that failed for want of a connection is tried again when it returns. */
(function () {
  "use strict";

  var PAUSE_MS = 1200;

  function setUp(form) {
    var box = form.querySelector("textarea");
    var status = form.querySelector("[data-status]");
    if (!box || !status || !window.fetch || !window.FormData) {
      return;
    }
    var lastSaved = box.value;
    var timer = null;
    var sending = false;
    var again = false;

    function say(text, state) {
      if (status.textContent !== text) {
        status.textContent = text;
      }
      status.setAttribute("data-state", state);
    }

    function save() {
      window.clearTimeout(timer);
      timer = null;
      if (box.value === lastSaved) {
        // Typed back to what is saved (after a refusal, say): nothing to send.
        var state = status.getAttribute("data-state");
        if (!sending && (state === "unsaved" || state === "error")) {
          say(form.getAttribute("data-saved"), "saved");
        }
        return;
      }
      if (sending) {
        again = true;
        return;
      }
      sending = true;
      var sent = box.value;
      say(form.getAttribute("data-saving"), "saving");
      window.fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: {"Accept": "application/json"}
      }).then(function (response) {
        return response.json().then(function (answer) {
          if (response.ok && answer.saved) {
            lastSaved = sent;
            say(box.value === sent ? answer.message : form.getAttribute("data-unsaved"),
                box.value === sent ? "saved" : "unsaved");
          } else {
            say((answer.errors || []).join(" "), "error");
          }
        });
      }).catch(function () {
        var outbox = window.SanadOutbox && window.SanadOutbox.queueReflection;
        if (navigator.onLine === false && outbox) {
          // Kept on the device and sent by the outbox when the connection returns.
          return outbox(form, sent).then(function () {
            lastSaved = sent;
            say(form.getAttribute("data-queued"), "saved");
          });
        }
        // Offline, or an answer that is not ours (a session that ended, a proxy's page).
        say(form.getAttribute(navigator.onLine === false ? "data-offline" : "data-failed"),
            "error");
      }).catch(function () {
        say(form.getAttribute("data-offline"), "error");
      }).then(function () {
        sending = false;
        if (again) {
          again = false;
          save();
        }
      });
    }

    box.addEventListener("input", function () {
      say(form.getAttribute("data-unsaved"), "unsaved");
      window.clearTimeout(timer);
      timer = window.setTimeout(save, PAUSE_MS);
    });
    box.addEventListener("blur", save);
    window.addEventListener("online", save);
    // The Save button still works: it saves in the background and stays on the lesson.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (box.value === lastSaved && !sending) {
        say(form.getAttribute("data-saved"), "saved");
      }
      save();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-reflection]"), setUp);
})();
