/* Signpost: quick exit, and history that forgets during a client's visit.

   Quick exit: every page has a real link to a neutral site (a.sp-exit), so it works with scripts
   off. This script makes it faster and leave no trace behind Back: the page is blanked at once
   and the neutral site replaces the current history entry; in a frame, the whole window leaves.
   Escape pressed twice does the same, wherever focus is (a text field included).

   A client's visit: `via=client` in the address (or the client page itself, which a shared link
   opens). Each move within the site then replaces the current history entry instead of adding
   one, and carries `via` (and `place`) on, so the whole visit is one entry in the history and the
   exit leaves nothing of the site behind Back. Nothing is stored: the address is the only memory. */
(function () {
  "use strict";

  var VIA = "via", CLIENT = "client";
  var ESCAPE_WINDOW_MS = 1500;
  var KEPT_PARAMS = [VIA, "place"];

  var startedAs = new URLSearchParams(window.location.search);
  /* Read once, now: another script may later tidy the address (filters), and the visit must not end. */
  var clientVisit = startedAs.get(VIA) === CLIENT || !!document.querySelector("[data-sp-client]");

  function exitTarget() {
    var link = document.querySelector("a.sp-exit");
    return link ? link.href : "https://www.bbc.co.uk/weather";
  }

  function leave() {
    var target = exitTarget();
    document.documentElement.classList.add("sp-leaving");  /* blank at once, before the next page loads */
    try {
      if (window.top !== window.self) { window.top.location.replace(target); return; }
    } catch (e) { /* a framing site of another origin may refuse: leave at least this frame */ }
    window.location.replace(target);
  }

  function isInternal(url) {
    return url.origin === window.location.origin && /^https?:$/.test(url.protocol);
  }

  /* The address of an internal link, with the visit's parameters carried on. */
  function carried(href) {
    var url = new URL(href, window.location.href);
    if (!isInternal(url)) return url;
    if (clientVisit && !url.searchParams.has(VIA)) url.searchParams.set(VIA, CLIENT);
    KEPT_PARAMS.forEach(function (name) {
      var value = startedAs.get(name);
      if (value && !url.searchParams.has(name)) url.searchParams.set(name, value);
    });
    return url;
  }

  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) return;
    if (link.matches("a.sp-exit")) { event.preventDefault(); leave(); return; }
    var entering = link.hasAttribute("data-sp-door");  /* the "I need support" door starts a visit */
    if (!clientVisit && !entering) return;
    if (link.target && link.target !== "_self") return;
    var url = new URL(link.href, window.location.href);
    if (!isInternal(url) || link.hasAttribute("download")) return;
    if (entering) clientVisit = true;
    event.preventDefault();
    window.location.replace(carried(link.href).href);  /* a link within this page too: no new entry */
  }

  var lastEscape = 0;
  function onKey(event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < ESCAPE_WINDOW_MS) leave();
    lastEscape = now;
  }

  /* Capture phase: runs before any other handler, so a text field or a menu cannot swallow Escape. */
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("click", onClick, true);

  window.SignpostExit = { leave: leave, carried: carried, isClientVisit: function () { return clientVisit; } };
})();
