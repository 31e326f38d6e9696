/* Offline, for signed-in people only (base.html loads it for them alone).

   - Registers the service worker (/sw.js), which keeps visited pages for offline use.
   - The offline banner: shown while the browser says it is offline.
   - "Available offline": saves an enrolled course (its pages, images and documents, and
     audio if asked) in this person's cache, with its size first and progress after.
   - Signing out on a shared phone: warns about writes not sent yet, then deletes every
     Sanad cache and database on the device before the sign-out is sent.

   Without service workers or the Cache API the buttons stay hidden and sign-out is a
   plain form, as before. */
(function () {
  "use strict";

  var script = document.currentScript;
  var keyMeta = document.querySelector("meta[name='sanad-offline-key']");
  var KEY = keyMeta ? keyMeta.content : "";
  var LANG = document.documentElement.lang || "en";
  var supported = "serviceWorker" in navigator && "caches" in window && !!window.fetch;
  var texts = {};

  function text(name, values) {
    var template = texts[name] || "";
    return template.replace(/\{(\w+)\}/g, function (whole, field) {
      return values && field in values ? values[field] : whole;
    });
  }

  function savedCacheName() {
    return "sanad-u-" + KEY + "-saved";
  }

  function formatSize(bytes) {
    var megabytes = bytes >= 1000000;
    try {
      return new Intl.NumberFormat(LANG, {style: "unit", unit: megabytes ? "megabyte" : "kilobyte",
        maximumFractionDigits: megabytes ? 1 : 0}).format(Math.max(1, bytes / (megabytes ? 1e6 : 1e3)));
    } catch (error) {
      return Math.ceil(bytes / 1000) + " kB";
    }
  }

  // --- The banner ----------------------------------------------------------------------

  function showConnection() {
    var banner = document.getElementById("offline-banner");
    if (banner) {
      banner.textContent = navigator.onLine ? "" : banner.getAttribute("data-text");
    }
  }

  // --- Saving a course -----------------------------------------------------------------

  function fetchInto(cache, url, onBytes) {
    var sameOrigin = new URL(url, location.href).origin === location.origin;
    return fetch(url, {credentials: "same-origin", mode: sameOrigin ? "same-origin" : "no-cors"})
      .then(function (response) {
        // A page that sent us elsewhere (to enrol, to log in) is not the page: a browser
        // also refuses to show a kept redirect in place of a page.
        if (sameOrigin && (!response.ok || response.redirected)) {
          throw new Error(url + ": " + response.status);
        }
        return cache.put(url, response.clone()).then(function () {
          onBytes(response);
        });
      });
  }

  function setUpSaver(box) {
    var manifestUrl = box.getAttribute("data-offline-course");
    var status = box.querySelector("[data-offline=status]");
    var offer = box.querySelector("[data-offline=offer]");
    var choice = box.querySelector("[data-offline=choice]");
    var download = box.querySelector("[data-offline=download]");
    var mediaBox = box.querySelector("[data-offline=media]");
    var mediaLabel = box.querySelector("[data-offline=media-label]");
    var cancel = box.querySelector("[data-offline=cancel]");
    var remove = box.querySelector("[data-offline=remove]");
    var listing = null;

    function say(message) {
      status.textContent = message;
    }

    function show(state) {
      offer.hidden = state !== "offer";
      choice.hidden = state !== "choice";
      remove.hidden = state !== "saved";
    }

    function totals() {
      var withMedia = mediaBox.checked;
      return listing.size + (withMedia ? listing.media_size : 0);
    }

    function showChoice() {
      download.textContent = text("download", {size: formatSize(totals())});
    }

    offer.addEventListener("click", function () {
      offer.disabled = true;
      say(text("reading"));
      fetch(manifestUrl, {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (data) {
          listing = data;
          var note = text("size", {size: formatSize(data.size)});
          if (data.videos.length) {
            note += " " + text("videos", {count: data.videos.length});
          }
          say(note);
          mediaBox.closest("p").hidden = !data.media.length;
          mediaLabel.textContent = text("media", {size: formatSize(data.media_size)});
          showChoice();
          show("choice");
          download.focus();
        })
        .catch(function () {
          say(text("unreachable"));
        })
        .then(function () {
          offer.disabled = false;
        });
    });

    mediaBox.addEventListener("change", showChoice);

    cancel.addEventListener("click", function () {
      say("");
      show("offer");
      offer.focus();
    });

    download.addEventListener("click", function () {
      var items = listing.pages.concat(listing.files, mediaBox.checked ? listing.media : []);
      var total = totals();
      var done = 0;
      var failed = 0;
      download.disabled = cancel.disabled = true;
      say(text("progress", {done: formatSize(0), total: formatSize(total)}));
      caches.open(savedCacheName()).then(function (cache) {
        // One at a time: a slow connection gives each file all of it, and progress moves.
        return items.reduce(function (previous, item) {
          return previous.then(function () {
            return fetchInto(cache, item.url, function () {
              done += item.size || 0;
              say(text("progress", {done: formatSize(Math.min(done, total)), total: formatSize(total)}));
            }).catch(function () {
              failed += 1;
            });
          });
        }, Promise.resolve()).then(function () {
          if (failed) {
            throw new Error("failed");
          }
          // The listing itself marks the course as saved, and says what to remove.
          return cache.put(manifestUrl, new Response(JSON.stringify(listing), {
            headers: {"Content-Type": "application/json"}}));
        });
      }).then(function () {
        say(text("saved", {size: formatSize(total)}));
        show("saved");
        remove.focus();
      }).catch(function () {
        say(text("failed", {count: failed}));
      }).then(function () {
        download.disabled = cancel.disabled = false;
      });
    });

    remove.addEventListener("click", function () {
      caches.open(savedCacheName()).then(function (cache) {
        return cache.match(manifestUrl).then(function (found) {
          return found ? found.json() : {pages: [], files: [], media: []};
        }).then(function (saved) {
          var urls = saved.pages.concat(saved.files, saved.media).map(function (item) { return item.url; });
          urls.push(manifestUrl);
          return Promise.all(urls.map(function (url) { return cache.delete(url); }));
        });
      }).then(function () {
        say(text("removed"));
        show("offer");
        offer.focus();
      });
    });

    caches.open(savedCacheName()).then(function (cache) {
      return cache.match(manifestUrl);
    }).then(function (found) {
      if (found) {
        say(text("saved_before"));
        show("saved");
      } else {
        show("offer");
      }
      box.hidden = false;
    });
  }

  // --- Signing out -----------------------------------------------------------------------

  function deleteDatabase(name) {
    return new Promise(function (resolve) {
      var request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = function () { resolve(); };
      // A page still holding the database open delays its deletion, not the sign-out.
      request.onblocked = function () { setTimeout(resolve, 1500); };
    });
  }

  function wipeDevice() {
    var work = [];
    if ("caches" in window) {
      work.push(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) { return name.indexOf("sanad-") === 0; })
          .map(function (name) { return caches.delete(name); }));
      }));
    }
    if (window.indexedDB) {
      var listed = indexedDB.databases ? indexedDB.databases() : Promise.resolve([{name: "sanad-outbox"}]);
      work.push(listed.then(function (databases) {
        return Promise.all(databases.filter(function (db) { return db.name && db.name.indexOf("sanad-") === 0; })
          .map(function (db) { return deleteDatabase(db.name); }));
      }));
    }
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({type: "sanad-signed-out"});
    }
    return Promise.all(work).catch(function () { return null; });
  }

  function unsentWrites() {
    if (!window.SanadOutbox || !window.SanadOutbox.count) {
      return Promise.resolve(0);
    }
    return Promise.resolve(window.SanadOutbox.count()).catch(function () { return 0; });
  }

  function guardSignOut(form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-wiped") === "yes") {
        return;
      }
      event.preventDefault();
      unsentWrites().then(function (count) {
        if (count > 0 && !window.confirm(text("unsent", {count: count}))) {
          return false;
        }
        return wipeDevice().then(function () { return true; });
      }).then(function (go) {
        if (go) {
          form.setAttribute("data-wiped", "yes");
          form.submit();
        }
      });
    });
  }

  // --- Start -----------------------------------------------------------------------------

  var strings = document.getElementById("sanad-offline-text");
  if (strings) {
    try {
      texts = JSON.parse(strings.textContent);
    } catch (error) {
      texts = {};
    }
  }
  var banner = document.getElementById("offline-banner");
  if (banner && banner.getAttribute("data-unsent")) {
    texts.unsent = banner.getAttribute("data-unsent");
  }
  showConnection();
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);

  var logoutPath = /^\/(?:[a-z]{2}\/)?accounts\/logout\/$/;
  Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
    if (logoutPath.test(new URL(form.action, location.href).pathname)) {
      guardSignOut(form);
    }
  });

  if (!supported || !KEY) {
    return;
  }
  navigator.serviceWorker.register(script.getAttribute("data-worker"), {scope: "/"})
    .catch(function () { return null; });
  // A page the worker took over after it loaded never went through it: the worker
  // learns from the page whose it is, so what is saved now opens offline at once.
  function introduce() {
    if (navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({type: "sanad-signed-in", key: KEY});
    }
  }
  introduce();
  navigator.serviceWorker.addEventListener("controllerchange", introduce);
  Array.prototype.forEach.call(document.querySelectorAll("[data-offline-course]"), setUpSaver);
}());
