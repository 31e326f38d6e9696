/* Served at /sw.js by lms.offline.service_worker, which puts self.SANAD above this line
   (version, static files, texts). Hand-written, see lms/offline.py for why.

   Pages: network first; a signed-in person's pages are kept in caches named after their
   offline key (sent by the server in a header), and offline a page is answered only from
   the caches of the key last seen online. Static files: cache first (their names or the
   version change with their contents). Never kept: anything but GET, assessment results
   (?attempt=), responses marked no-store, accounts pages, redirects.

   Updates: a new version never skips its wait. It installs, then waits until no page uses the old
   one, so it never takes over a page in the middle of a form. */
"use strict";

var CONFIG = self.SANAD;
var STATIC_CACHE = "sanad-static-" + CONFIG.version;
var META_CACHE = "sanad-meta";
var USER_URL = "/__sanad/offline-key";
var PAGES_KEPT = 60;
var NETWORK_WAIT_MS = 8000;
var NEVER_KEPT = /^\/(?:[a-z]{2}\/)?(?:accounts|cms|django-admin|csp-report)\//;
// The administrators' sites are left to the network alone.
var NOT_HANDLED = /^\/(?:cms|django-admin)\//;
// ManifestStaticFilesStorage's names: sanad.3f2a9c1b7e4d.css
var HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;
var currentKey; // undefined until read from META_CACHE

if (CONFIG.outbox) {
  try {
    importScripts(CONFIG.outbox);
  } catch (error) {
    // Without the outbox, reading offline still works; writes wait for a page.
  }
}

function userCaches(key) {
  return {pages: "sanad-u-" + key + "-pages", saved: "sanad-u-" + key + "-saved"};
}

function readKey() {
  if (currentKey !== undefined) {
    return Promise.resolve(currentKey);
  }
  return caches.open(META_CACHE).then(function (cache) {
    return cache.match(USER_URL);
  }).then(function (found) {
    return found ? found.text() : "";
  }).then(function (key) {
    currentKey = key;
    return key;
  });
}

function forgetOthers(key) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("sanad-u-") === 0 && name.indexOf("sanad-u-" + key + "-") !== 0;
    }).map(function (name) { return caches.delete(name); }));
  });
}

function setKey(key) {
  return readKey().then(function (previous) {
    if (key === previous) {
      return null;
    }
    currentKey = key;
    return caches.open(META_CACHE).then(function (cache) {
      return cache.put(USER_URL, new Response(key));
    }).then(function () {
      // Someone signed in: nothing of another person's stays on the device.
      return key ? forgetOthers(key) : null;
    });
  });
}

function keepable(request, response) {
  var url = new URL(request.url);
  var control = response.headers.get("Cache-Control") || "";
  var type = response.headers.get("Content-Type") || "";
  return response.status === 200 && response.type === "basic" && !response.redirected
    && type.indexOf("text/html") === 0 && control.indexOf("no-store") === -1
    && !url.searchParams.has("attempt") && !NEVER_KEPT.test(url.pathname);
}

function keepPage(key, request, response) {
  var names = userCaches(key);
  var savedCopy = response.clone();
  return caches.open(names.pages).then(function (cache) {
    return cache.put(request.url, response).then(function () {
      return cache.keys();
    }).then(function (requests) {
      // Oldest first: put() moves a page to the end, so the least recently seen go.
      return Promise.all(requests.slice(0, Math.max(0, requests.length - PAGES_KEPT))
        .map(function (old) { return cache.delete(old); }));
    });
  }).then(function () {
    // A course saved for offline stays as fresh as the last visit.
    return caches.open(names.saved).then(function (cache) {
      return cache.match(request.url, {ignoreVary: true}).then(function (found) {
        return found ? cache.put(request.url, savedCopy) : null;
      });
    });
  });
}

function fromUserCaches(request) {
  return readKey().then(function (key) {
    if (!key) {
      return null;
    }
    var names = userCaches(key);
    return caches.open(names.pages).then(function (cache) {
      return cache.match(request.url, {ignoreVary: true});
    }).then(function (found) {
      return found || caches.open(names.saved).then(function (cache) {
        return cache.match(request.url, {ignoreVary: true});
      });
    });
  });
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, function (c) {
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"}[c];
  });
}

function texts(pathname) {
  var match = /^\/([a-z]{2})\//.exec(pathname);
  return CONFIG.fallback[match && CONFIG.fallback[match[1]] ? match[1] : CONFIG.defaultLanguage];
}

// A page of the worker's own, in the language of `t`, for when Sanad cannot answer.
function noticePage(t, notice, status) {
  var html = "<!doctype html><html lang=\"" + t.lang + "\" dir=\"" + t.dir + "\"><head>"
    + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    + "<title>" + escapeHtml(notice.title) + "</title><link rel=\"stylesheet\" href=\"" + CONFIG.css + "\">"
    + "</head><body>" + (notice.banner ? "<p class=\"offline-banner\" role=\"status\">"
    + escapeHtml(notice.banner) + "</p>" : "") + "<main id=\"main\" class=\"wrap\"><h1>"
    + escapeHtml(notice.title) + "</h1><p" + (notice.banner ? "" : " role=\"status\"") + ">"
    + escapeHtml(notice.text) + "</p><p><a class=\"button\" href=\"" + escapeHtml(notice.url)
    + "\">" + escapeHtml(notice.link) + "</a></p></main></body></html>";
  return new Response(html, {status: status, headers: {
    "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}});
}

function fallbackPage(url) {
  var t = texts(url.pathname);
  return noticePage(t, {title: t.title, text: t.text, link: t.link, url: t.url,
                        banner: t.banner}, 503);
}

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
    promise.then(function (value) { clearTimeout(timer); resolve(value); },
      function (error) { clearTimeout(timer); reject(error); });
  });
}

function page(event) {
  var request = event.request;
  var network = fetch(request).then(function (response) {
    // A redirect's headers cannot be read: it says nothing about who is signed in.
    if (response.type === "opaqueredirect") {
      return response;
    }
    var key = response.headers.get(CONFIG.keyHeader) || "";
    var copy = response.clone();
    event.waitUntil(setKey(key).then(function () {
      return key && keepable(request, copy) ? keepPage(key, request, copy) : null;
    }));
    return response;
  });
  // On a connection that hangs, what is kept is shown after a while; without a kept
  // copy the page waits for the network as long as the browser does.
  return withTimeout(network, NETWORK_WAIT_MS).catch(function () {
    return fromUserCaches(request).then(function (found) {
      return found || network.catch(function () { return fallbackPage(new URL(request.url)); });
    });
  });
}

function staticFile(request) {
  // Cache first for the files this version lists and for names carrying a hash of their
  // contents; any other static file (the CMS's, in development) from the network, or
  // from the cache when offline, so a changed file is never hidden behind an old copy.
  var path = new URL(request.url).pathname;
  var fixed = CONFIG.static.indexOf(path) !== -1 || HASHED.test(path);
  return caches.open(STATIC_CACHE).then(function (cache) {
    return (fixed ? cache.match(request) : Promise.resolve(null)).then(function (found) {
      return found || fetch(request).then(function (response) {
        if (response.ok && fixed) {
          cache.put(request, response.clone());
        }
        return response;
      }, function (error) {
        return cache.match(request).then(function (old) {
          if (old) {
            return old;
          }
          throw error;
        });
      });
    });
  });
}

function other(request) {
  // Images and documents of a saved course; anything else goes to the network only.
  return fetch(request).catch(function (error) {
    return fromUserCaches(request).then(function (found) {
      if (found) {
        return found;
      }
      throw error;
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
    return cache.addAll(CONFIG.static);
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("sanad-static-") === 0 && name !== STATIC_CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () {
    // Only pages no worker controls are taken: an old version is never replaced under
    // an open page, since this version activates once none is left.
    return self.clients.claim();
  }));
});

// Form fields that are not the write itself (tokens, which button was pressed).
var NOT_FIELDS = {csrfmiddlewaretoken: 1, once_token: 1, save: 1, submit: 1,
                  outbox_kind: 1, outbox_with: 1};

// A phone can say it is online on a network that reaches nothing (a camp's Wi-Fi with
// no way out). A form the outbox knows (outbox.js marks it with `outbox_kind`) that
// cannot reach Sanad is kept on the device like one written offline, instead of the
// browser's error page; any other form gets the browser's error as before.
function keepUnsent(request) {
  if (!self.SanadOutbox) {
    return Promise.resolve(Response.error());
  }
  return request.formData().then(function (form) {
    var kind = form.get("outbox_kind");
    if (typeof kind !== "string" || !kind) {
      return Response.error();
    }
    var fields = JSON.parse(form.get("outbox_with") || "{}");
    form.forEach(function (value, name) {
      if (NOT_FIELDS[name] || typeof value !== "string") {
        return;
      }
      fields[name] = name in fields ? [].concat(fields[name], value) : value;
    });
    if (form.get("submit") !== null) {
      fields.submit = true;
    }
    var back = request.referrer ? new URL(request.referrer) : new URL(request.url);
    return self.SanadOutbox.queue(kind, fields, {label: kind, page: back.pathname})
      .then(function () { return keptPage(back); });
  }).catch(function () { return Response.error(); });
}

function keptPage(back) {
  var t = texts(back.pathname);
  return noticePage(t, {title: t.kept_title, text: t.kept_text, link: t.kept_link,
                        url: back.pathname + back.search}, 202);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method === "POST" && request.mode === "navigate"
      && new URL(request.url).origin === self.location.origin
      && !NOT_HANDLED.test(new URL(request.url).pathname)) {
    var copy = request.clone();
    event.respondWith(fetch(request).catch(function () { return keepUnsent(copy); }));
    return;
  }
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === "/sw.js"
      || NOT_HANDLED.test(url.pathname)) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (url.pathname.indexOf(CONFIG.staticPrefix) === 0) {
    event.respondWith(staticFile(request));
  } else {
    event.respondWith(other(request));
  }
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "sanad-signed-out") {
    // The page has deleted the caches; the worker forgets the key it held.
    currentKey = "";
  } else if (data.type === "sanad-signed-in" && /^[0-9a-f]{32}$/.test(data.key || "")) {
    // A page this worker took over after it loaded: whose it is, from the page.
    event.waitUntil(setKey(data.key));
  }
});

self.addEventListener("sync", function (event) {
  if (event.tag === "sanad-outbox" && self.SanadOutbox) {
    event.waitUntil(self.SanadOutbox.flush());
  }
});
