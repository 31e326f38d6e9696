/* The offline outbox: writes made with no connection wait on the device, then are sent
   to /offline/sync/ exactly once.

   Each write gets an id made here (crypto.randomUUID) and keeps it until the server has
   answered for it, so a write sent twice (an answer lost on the way back) is applied
   once: the server remembers the ids it applied. Writes belong to the person who was
   signed in when they were made; they are only ever sent while that same person is
   signed in (the server checks the key again).

   Usable from a page (<script defer>) and from a service worker (importScripts): both
   get self.SanadOutbox = {count, flush, queue, list, update, discard, wipe, remember}.
   The page part below catches the forms marked data-outbox="<kind>" when offline. */
(function (scope) {
  "use strict";

  var DB_NAME = "sanad-outbox";
  var WRITES = "writes";
  var META = "meta";
  var SYNC_TAG = "sanad-outbox";
  var MAX_WRITES = 100;
  var MAX_BYTES = 256 * 1024;
  var KEEP_DONE = 20;
  var opening = null;
  var flushing = null;
  var last = 0;

  // Writes are sent in the order they were made; two made in the same millisecond
  // (an entry, then its edit) must not swap.
  function stamp() {
    last = Math.max(Date.now(), last + 1);
    return last;
  }

  function open() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var request = scope.indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          var db = request.result;
          db.createObjectStore(WRITES, {keyPath: "id"});
          db.createObjectStore(META, {keyPath: "name"});
        };
        request.onsuccess = function () {
          var db = request.result;
          // Signing out deletes the database: let go of it at once (here and in the
          // service worker), or the deletion would wait for this page to close.
          db.onversionchange = function () { db.close(); opening = null; };
          resolve(db);
        };
        request.onerror = function () { opening = null; reject(request.error); };
      });
    }
    return opening;
  }

  // Runs fn(store) in one transaction; resolves with what fn returns once it commits.
  function tx(name, mode, fn) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(name, mode);
        var out = fn(t.objectStore(name));
        t.oncomplete = function () { resolve(out && "result" in out ? out.result : out); };
        t.onerror = t.onabort = function () { reject(t.error); };
      });
    });
  }

  function all() {
    return tx(WRITES, "readonly", function (store) { return store.getAll(); });
  }

  function person() {
    return tx(META, "readonly", function (store) { return store.get("person"); });
  }

  function mine(records, me) {
    return records.filter(function (r) { return me && r.person === me.key; })
      .sort(function (a, b) { return a.created - b.created; });
  }

  function changed() {
    if (scope.BroadcastChannel) {
      new scope.BroadcastChannel(DB_NAME).postMessage("changed");
    }
    if (scope.document) {
      scope.document.dispatchEvent(new CustomEvent("sanad-outbox"));
    }
  }

  var api = {
    // The signed-in person's key, where to send and the CSRF token (set by each page).
    remember: function (me) {
      return tx(META, "readwrite", function (store) {
        store.put({name: "person", key: me.key, url: me.url, csrf: me.csrf});
      });
    },
    list: function () {
      return Promise.all([all(), person()]).then(function (got) { return mine(got[0], got[1]); });
    },
    // How many of the person's writes wait or were refused (sent ones are not counted).
    count: function () {
      return api.list().then(function (records) {
        return records.filter(function (r) { return r.state !== "done"; }).length;
      });
    },
    // Keep a write; `replace` names a write it supersedes while that one still waits.
    queue: function (kind, fields, about) {
      about = about || {};
      return person().then(function (me) {
        if (!me) { throw new Error("no person"); }
        return all().then(function (records) {
          var record = {
            id: scope.crypto.randomUUID(), person: me.key, kind: kind, fields: fields,
            state: "waiting", created: stamp(), label: about.label || kind,
            page: about.page || "", labels: about.labels || {}, replace: about.replace || ""
          };
          return tx(WRITES, "readwrite", function (store) {
            mine(records, me).forEach(function (old) {
              if (record.replace && old.replace === record.replace && old.state === "waiting") {
                store.delete(old.id);
              }
            });
            store.put(record);
          }).then(function () { changed(); register(); return record; });
        });
      });
    },
    // Correct the fields of a refused (or waiting) write; it waits to be sent again.
    update: function (id, fields) {
      return tx(WRITES, "readwrite", function (store) {
        var request = store.get(id);
        request.onsuccess = function () {
          var record = request.result;
          if (record) {
            Object.keys(fields).forEach(function (name) { record.fields[name] = fields[name]; });
            record.state = "waiting";
            delete record.errors;
            store.put(record);
          }
        };
      }).then(changed);
    },
    discard: function (id) {
      return tx(WRITES, "readwrite", function (store) { store.delete(id); }).then(changed);
    },
    // Everything on this device, for everyone (signing out of a shared phone).
    wipe: function () {
      return Promise.all([WRITES, META].map(function (name) {
        return tx(name, "readwrite", function (store) { store.clear(); });
      })).then(changed);
    },
    // Send what waits, in batches; resolves with {applied, refused, offline}.
    flush: function () {
      if (!flushing) {
        // The page and the service worker (Background Sync) may both send when the
        // connection returns: one lock across them, so the second finds nothing waiting
        // instead of racing the first with the same writes.
        var locks = scope.navigator && scope.navigator.locks;
        var sending = locks ? locks.request("sanad-outbox-send", send) : send();
        flushing = sending.then(function (outcome) {
          flushing = null;
          changed();
          return outcome;
        }, function (error) {
          flushing = null;
          throw error;
        });
      }
      return flushing;
    }
  };

  function send() {
    var outcome = {applied: 0, refused: 0, offline: false};
    return Promise.all([all(), person()]).then(function (got) {
      var me = got[1];
      var waiting = mine(got[0], me).filter(function (r) { return r.state === "waiting"; });
      var batches = [];
      var batch = [];
      var size = 0;
      waiting.forEach(function (r) {
        var write = {id: r.id, kind: r.kind, fields: r.fields};
        var bytes = JSON.stringify(write).length;
        if (batch.length && (batch.length >= MAX_WRITES || size + bytes > MAX_BYTES)) {
          batches.push(batch);
          batch = [];
          size = 0;
        }
        batch.push(write);
        size += bytes;
      });
      if (batch.length) { batches.push(batch); }
      // One batch after another: a later write may name an entry an earlier one makes.
      return batches.reduce(function (previous, writes) {
        return previous.then(function (go) {
          return go && post(me, writes, outcome);
        });
      }, Promise.resolve(true));
    }).then(function () { return outcome; });
  }

  // A request a dead network never answers must not hold the send lock for ever: the
  // writes stay here and go with the next try.
  var SEND_WAIT_MS = 30000;

  function post(me, writes, outcome) {
    var controller = new scope.AbortController();
    var timer = setTimeout(function () { controller.abort(); }, SEND_WAIT_MS);
    return scope.fetch(me.url, {
      method: "POST", credentials: "same-origin", signal: controller.signal,
      headers: {"Content-Type": "application/json", "Accept": "application/json",
                "X-CSRFToken": me.csrf},
      body: JSON.stringify({key: me.key, writes: writes})
    }).then(function (response) {
      if (!response.ok) {
        // Signed out, another person, too large: everything stays here for later.
        return false;
      }
      return response.json().then(function (answer) {
        return settle(answer.writes || [], outcome).then(function () { return true; });
      });
    }).then(function (sent) {
      clearTimeout(timer);
      return sent;
    }, function () {
      // No connection, or the answer was lost: the writes stay and are sent again.
      clearTimeout(timer);
      outcome.offline = true;
      return false;
    });
  }

  function settle(answers, outcome) {
    return all().then(function (records) {
      var byId = {};
      records.forEach(function (r) { byId[r.id] = r; });
      var done = records.filter(function (r) { return r.state === "done"; })
        .sort(function (a, b) { return b.sent - a.sent; });
      return tx(WRITES, "readwrite", function (store) {
        answers.forEach(function (answer) {
          var record = byId[answer.id];
          if (!record) { return; }
          record.message = answer.message || "";
          if (answer.status === "refused") {
            outcome.refused += 1;
            record.state = "refused";
            record.errors = answer.errors || {};
          } else {
            outcome.applied += 1;
            record.state = "done";
            record.sent = Date.now();
            record.url = (answer.result || {}).url || "";
            done.unshift(record);
          }
          store.put(record);
        });
        // Sent writes are kept a while to show their result (a knowledge check's grade).
        done.slice(KEEP_DONE).forEach(function (r) { store.delete(r.id); });
      });
    });
  }

  function register() {
    var workers = scope.navigator && scope.navigator.serviceWorker;
    if (workers && scope.document) {
      workers.getRegistration().then(function (registration) {
        if (registration && registration.sync) {
          return registration.sync.register(SYNC_TAG);
        }
      }).catch(function () {});
    }
  }

  scope.SanadOutbox = api;
  if (!scope.document) {
    return;
  }

  // --- The page: catch marked forms offline, show the count, send when online --------

  var document = scope.document;
  var config = document.getElementById("sanad-outbox");
  if (!config || !scope.indexedDB || !scope.crypto || !scope.crypto.randomUUID) {
    return;
  }
  var words = config.dataset;
  var SKIP = {csrfmiddlewaretoken: 1, once_token: 1, save: 1, submit: 1, outbox_kind: 1,
              outbox_with: 1};
  var EMAIL = /[\w.+%-]*\w@\w[\w-]*/;
  var DATES = /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}/g;
  var PHONE_RUN = /\+?[\d(][\d\s.\-()/]{5,}\d/g;

  // The privacy guard's plain cases; the server checks every case again.
  function privacyProblem(text) {
    if (EMAIL.test(text)) { return words.email; }
    var runs = text.replace(DATES, "#").match(PHONE_RUN) || [];
    for (var i = 0; i < runs.length; i += 1) {
      var digits = runs[i].replace(/\D/g, "").length;
      if (digits >= 7 && digits <= 15) { return words.phone; }
    }
    return "";
  }

  function status(form) {
    var line = form.previousElementSibling;
    if (!line || !line.hasAttribute("data-outbox-status")) {
      line = document.createElement("p");
      line.className = "outbox-status";
      line.setAttribute("role", "status");
      line.setAttribute("data-outbox-status", "");
      form.parentNode.insertBefore(line, form);
    }
    return line;
  }

  function say(form, text, state) {
    var line = status(form);
    line.textContent = text;
    line.setAttribute("data-state", state);
  }

  function fieldsOf(form, submitter) {
    var fields = {};
    var labels = {};
    new FormData(form).forEach(function (value, name) {
      if (SKIP[name] || typeof value !== "string") { return; }
      fields[name] = name in fields ? [].concat(fields[name], value) : value;
      var input = form.elements[name];
      var label = input && input.id && form.querySelector("label[for='" + input.id + "']");
      if (label && (input.tagName === "TEXTAREA" || input.type === "text")) {
        labels[name] = label.textContent.trim();
      }
    });
    if (submitter && submitter.name === "submit") { fields.submit = true; }
    var extra = form.getAttribute("data-outbox-with");
    if (extra) {
      var known = JSON.parse(extra);
      Object.keys(known).forEach(function (name) { fields[name] = known[name]; });
    }
    return {fields: fields, labels: labels};
  }

  function check(form) {
    var texts = form.querySelectorAll("textarea, input[type=text]");
    Array.prototype.forEach.call(form.querySelectorAll("[data-outbox-invalid]"), function (box) {
      box.removeAttribute("aria-invalid");
      box.removeAttribute("data-outbox-invalid");
    });
    for (var i = 0; i < texts.length; i += 1) {
      var problem = privacyProblem(texts[i].value);
      if (problem) {
        texts[i].setAttribute("aria-invalid", "true");
        texts[i].setAttribute("data-outbox-invalid", "");
        texts[i].focus();
        return problem;
      }
    }
    if (!form.checkValidity()) {
      form.reportValidity();
      return form.querySelector(":invalid") ? (form.querySelector(":invalid").validationMessage
                                                || " ") : "";
    }
    return "";
  }

  // Each form the outbox knows names its kind in the request too, so the service worker
  // can keep it when a form sent "online" reaches no server (see service_worker.js).
  Array.prototype.forEach.call(document.querySelectorAll("form[data-outbox]"), function (form) {
    [["outbox_kind", form.getAttribute("data-outbox")],
     ["outbox_with", form.getAttribute("data-outbox-with") || ""]].forEach(function (pair) {
      if (!pair[1] || form.querySelector("input[name=" + pair[0] + "]")) { return; }
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute("data-outbox");
    if (!kind || scope.navigator.onLine !== false) {
      return;
    }
    event.preventDefault();
    // The line speaks of this save only: a confirmation of the one before goes first.
    say(form, "", "saving");
    var problem = check(form);
    if (problem) {
      say(form, problem, "error");
      return;
    }
    var got = fieldsOf(form, event.submitter);
    var title = document.querySelector("h1");
    api.queue(kind, got.fields, {
      label: form.getAttribute("data-outbox-label") || (title ? title.textContent.trim() : kind),
      page: scope.location.pathname, labels: got.labels
    }).then(function () {
      say(form, words.queued, "queued");
      if (form.hasAttribute("data-outbox-reset")) { form.reset(); }
      // On a phone the button is a long way below the line that says what happened.
      status(form).scrollIntoView({block: "center"});
    });
  });

  // reflection.js asks here when a save found no connection.
  scope.SanadOutbox.queueReflection = function (form, text) {
    var known = JSON.parse(form.getAttribute("data-outbox-with") || "{}");
    known.text = text;
    return api.queue("reflection.save", known, {
      label: form.getAttribute("data-outbox-label") || "", page: scope.location.pathname,
      labels: {text: (form.querySelector("label") || {}).textContent || ""},
      replace: "reflection:" + known.lesson + ":" + known.block
    });
  };

  function showCount() {
    var link = document.querySelector("[data-outbox-link]");
    if (!link) { return; }
    api.count().then(function (count) {
      link.hidden = count === 0;
      link.querySelector("[data-outbox-count]").textContent = String(count);
      link.setAttribute("aria-label", link.firstChild.textContent.trim() + " — " +
                        words.countLabel + " " + count);
    });
  }

  function flushAndTell() {
    if (scope.navigator.onLine === false) { return; }
    var started = Date.now();
    api.flush().then(function (outcome) {
      return api.list().then(function (records) {
        // What the server said about the writes made on this page (a knowledge check's
        // grade, say), after the line saying they were sent.
        var said = records.filter(function (r) {
          return r.state === "done" && r.sent >= started && r.page === scope.location.pathname;
        }).map(function (r) { return r.message; }).filter(Boolean);
        var lines = document.querySelectorAll("[data-outbox-status][data-state=queued]");
        Array.prototype.forEach.call(lines, function (line) {
          line.textContent = [outcome.refused ? words.refused : words.sent].concat(said)
            .join(" ");
          line.setAttribute("data-state", outcome.refused ? "refused" : "sent");
        });
      });
    }).catch(function () {});
  }

  // --- The outbox page: what waits and what was refused, to correct or discard -------

  var list = document.querySelector("[data-outbox-list]");

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function messagesOf(errors, names) {
    var out = [];
    Object.keys(errors || {}).forEach(function (name) {
      if (names.indexOf(name) === -1) { out = out.concat(errors[name]); }
    });
    return out;
  }

  function card(record) {
    var words = list.dataset;
    var box = element("article", "", "outbox-write");
    box.setAttribute("data-state", record.state);
    box.setAttribute("aria-labelledby", "write-" + record.id);
    // Written on a page in the person's language then, which may not be this page's.
    var title = element("h2", record.label);
    title.dir = "auto";
    title.id = "write-" + record.id;
    box.appendChild(title);
    box.appendChild(element("p", new Date(record.created).toLocaleString(
      document.documentElement.lang), "muted"));
    var state = {waiting: words.waiting, refused: words.refusedState, done: words.done};
    // A refusal's messages are listed below, next to the words they are about.
    var said = record.state === "refused" || !record.message ? "" : " " + record.message;
    box.appendChild(element("p", state[record.state] + said, "outbox-state"));
    if (record.state === "done") {
      if (record.url) {
        var link = element("a", words.open);
        link.href = record.url;
        box.appendChild(link);
      }
      return box;
    }
    var names = Object.keys(record.labels || {});
    var general = messagesOf(record.errors, names.concat(["__all__"]));
    general = ((record.errors || {}).__all__ || []).concat(general);
    if (general.length && record.state === "refused") {
      var ul = element("ul", "", "errorlist");
      general.forEach(function (m) { ul.appendChild(element("li", m)); });
      box.appendChild(ul);
    }
    var form = element("form", "", "outbox-form");
    names.forEach(function (name) {
      var id = "write-" + record.id + "-" + name;
      var field = element("div", "", "field");
      var label = element("label", record.labels[name]);
      label.htmlFor = id;
      label.dir = "auto";
      var input = element("textarea");
      input.id = id;
      input.name = name;
      input.rows = 3;
      input.dir = "auto";
      input.value = typeof record.fields[name] === "string" ? record.fields[name] : "";
      field.appendChild(label);
      var problems = (record.errors || {})[name] || [];
      if (problems.length) {
        var errorsId = id + "-errors";
        var errorList = element("ul", "", "errorlist");
        errorList.id = errorsId;
        problems.forEach(function (m) { errorList.appendChild(element("li", m)); });
        field.appendChild(errorList);
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", errorsId);
      }
      field.appendChild(input);
      form.appendChild(field);
    });
    var actions = element("div", "", "actions");
    var resend = element("button", record.state === "refused" ? words.resend : words.send);
    resend.type = "submit";
    var discard = element("button", words.discard, "button button-danger");
    discard.type = "button";
    discard.addEventListener("click", function () {
      if (scope.confirm(words.confirm)) { api.discard(record.id); }
    });
    actions.appendChild(resend);
    actions.appendChild(discard);
    form.appendChild(actions);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var edited = {};
      names.forEach(function (name) { edited[name] = form.elements[name].value; });
      api.update(record.id, edited).then(flushAndTell);
    });
    box.appendChild(form);
    return box;
  }

  function showList() {
    api.list().then(function (records) {
      list.textContent = "";
      var open = records.filter(function (r) { return r.state !== "done"; });
      document.querySelector("[data-outbox-empty]").hidden = open.length > 0;
      open.concat(records.filter(function (r) { return r.state === "done"; }).reverse())
        .forEach(function (r) { list.appendChild(card(r)); });
    });
  }

  if (list) {
    document.addEventListener("sanad-outbox", showList);
  }
  document.addEventListener("sanad-outbox", showCount);
  if (scope.BroadcastChannel) {
    new scope.BroadcastChannel(DB_NAME).onmessage = showCount;
  }
  scope.addEventListener("online", flushAndTell);
  api.remember({key: words.key, url: words.syncUrl, csrf: words.csrf}).then(function () {
    showCount();
    if (list) { showList(); }
    flushAndTell();
  });
})(self);
