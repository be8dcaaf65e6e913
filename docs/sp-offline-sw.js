/* Signpost's offline copy: installed only when a visitor taps "Keep these numbers on this phone"
   (signpost-list.js), removed by "Forget them". It sits at the site's root so that it can answer
   for the client page and urgent help; it keeps only the addresses the page hands it, and
   answers from that copy only when the network fails, so online visits always see fresh pages. */
"use strict";

var CACHE = "signpost-offline";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("message", function (event) {
  var reply = event.ports && event.ports[0];
  var data = event.data || {};
  var work = data.forget ? caches.delete(CACHE)
    : Array.isArray(data.keep) ? caches.open(CACHE).then(function (cache) {
        var urls = data.keep.filter(function (path) { return typeof path === "string" && path.charAt(0) === "/"; });
        return cache.addAll(urls);
      })
    : Promise.reject(new Error("unknown message"));
  event.waitUntil(work.then(function () { if (reply) reply.postMessage({ ok: true }); },
                            function () { if (reply) reply.postMessage({ ok: false }); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fetch(request).catch(function () {
    /* A page is kept once, whatever its query (place, via): the address after '#' is never sent.
       (caches.match with a name never creates a cache, so nothing is written after "Forget them".) */
    return caches.match(request, { cacheName: CACHE, ignoreSearch: request.mode === "navigate" })
      .then(function (kept) { return kept || Response.error(); });
  }));
});
