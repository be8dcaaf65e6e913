/* Signpost: the client list a therapist builds, the read-only page a client opens, and quick exit.
   The list lives only in this browser (localStorage, ids only) and is written only when the therapist
   adds something; the shared link carries ids after '#', which browsers never send to a server.
   All catalogue text is set with textContent. */
(function () {
  "use strict";

  var KEY = "signpost-client-list";
  var CODE = /^[a-z2-7]{6}$/;  /* an entry's share code: see scripts/signpost/present.py */
  var MAX_IDS = 30;
  var EXIT_TO = "https://www.bbc.co.uk/weather";

  var shared = window.Signpost;  /* from signpost.js, loaded first */
  var base = shared.siteBase, el = shared.el, safeHref = shared.safeHref;

  /* ---- Quick exit ------------------------------------------------------------------------- */

  function leave() {
    document.documentElement.style.visibility = "hidden";  /* blank at once, before the next page loads */
    window.location.replace(EXIT_TO);                       /* replace: Back does not return here */
  }

  function setupExit() {
    if (!document.querySelector("[data-sp-exit]")) return;
    document.querySelectorAll("[data-sp-exit]").forEach(function (button) { button.addEventListener("click", leave); });
    var last = 0;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var now = Date.now();
      if (now - last < 1500) leave();
      last = now;
    });
  }

  /* ---- The therapist's list ------------------------------------------------------------- */

  function readList() {
    try {
      var ids = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(function (id) { return CODE.test(id); }) : [];
    } catch (e) {
      return [];
    }
  }

  function writeList(ids) {
    try {
      if (ids.length) window.localStorage.setItem(KEY, JSON.stringify(ids));
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* storage may be disabled: the list then lasts for this page only */ }
    document.dispatchEvent(new CustomEvent("sp:list"));
  }

  function toggle(id) {
    var ids = readList();
    var at = ids.indexOf(id);
    if (at >= 0) ids.splice(at, 1); else ids.push(id);
    writeList(ids);
  }

  function addButton(host, id) {
    if (host.querySelector(":scope > .sp-add")) return;
    var button = el("button", "sp-add md-button");
    button.type = "button";
    button.dataset.spAdd = id;
    button.addEventListener("click", function () { toggle(id); });
    host.appendChild(button);
    paintButton(button);
  }

  function paintButton(button) {
    var listed = readList().indexOf(button.dataset.spAdd) >= 0;
    button.setAttribute("aria-pressed", listed ? "true" : "false");
    button.textContent = listed ? "In client list (remove)" : "Add to client list";
  }

  function decorate(root) {
    if (document.querySelector("[data-sp-client]")) return;  /* never on the client's own page */
    root.querySelectorAll(".sp-card[data-code]").forEach(function (card) { addButton(card, card.dataset.code); });
    root.querySelectorAll(".sp-resource[data-code]").forEach(function (page) {
      var lead = page.querySelector(".sp-lead");
      var holder = el("p", "sp-add-holder");
      if (lead && !page.querySelector(".sp-add-holder")) {
        lead.after(holder);
        addButton(holder, page.dataset.code);
      }
    });
  }

  function listBar() {
    var bar = document.querySelector(".sp-list-bar");
    var ids = readList();
    if (document.querySelector("[data-sp-client], [data-sp-list]") || !ids.length) {
      if (bar) bar.remove();
      return;
    }
    if (!bar) {
      bar = el("div", "sp-list-bar");
      bar.setAttribute("role", "region");
      bar.setAttribute("aria-label", "Client list");
      document.body.appendChild(bar);
    }
    bar.textContent = "";
    var link = el("a", "", "Client list (" + ids.length + "): review and share");
    link.href = new URL("list/", base()).href;
    bar.appendChild(link);
  }

  function fetchEntry(id) {
    return fetch(new URL("client/data/" + id + ".json", base())).then(function (r) {
      if (!r.ok) throw new Error(id);
      return r.json();
    });
  }

  function shareLink(ids) {
    return new URL("client/", base()).href + "#" + ids.join(",");
  }

  function qrSvg(text) {
    if (typeof window.qrcode !== "function") return null;
    var qr = window.qrcode(0, "M");
    qr.addData(text);
    qr.make();
    var count = qr.getModuleCount(), margin = 4, size = count + margin * 2;
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("class", "sp-qr");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code for the link above");
    var background = document.createElementNS(ns, "rect");
    background.setAttribute("width", size);
    background.setAttribute("height", size);
    background.setAttribute("fill", "#fff");
    svg.appendChild(background);
    var path = "";
    for (var r = 0; r < count; r++) {
      for (var c = 0; c < count; c++) {
        if (qr.isDark(r, c)) path += "M" + (c + margin) + " " + (r + margin) + "h1v1h-1z";
      }
    }
    var dark = document.createElementNS(ns, "path");
    dark.setAttribute("d", path);
    dark.setAttribute("fill", "#000");
    svg.appendChild(dark);
    return svg;
  }

  function setupListPage(root) {
    function render() {
      var ids = readList();
      root.textContent = "";
      if (!ids.length) {
        root.appendChild(el("p", "sp-count", "Your list is empty. Add resources from the directory."));
        return;
      }
      root.appendChild(el("p", "sp-count", ids.length === 1 ? "1 resource in the list" : ids.length + " resources in the list"));
      var list = el("ol", "sp-list-items");
      root.appendChild(list);
      ids.forEach(function (id) {
        var li = el("li", "sp-list-item");
        li.dataset.code = id;
        var name = el("span", "sp-list-name", id);
        li.appendChild(name);
        var remove = el("button", "md-button sp-remove", "Remove");
        remove.type = "button";
        remove.addEventListener("click", function () { toggle(id); });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(remove);
        list.appendChild(li);
        fetchEntry(id).then(function (entry) { name.textContent = entry.name; }).catch(function () {
          name.textContent = "A resource no longer in the catalogue (" + id + ")";
        });
      });
      var clear = el("button", "md-button sp-clear", "Clear the list");
      clear.type = "button";
      clear.addEventListener("click", function () { writeList([]); });
      root.appendChild(el("p")).appendChild(clear);

      var link = shareLink(ids);
      var share = el("section", "sp-share");
      share.appendChild(el("h2", "", "Share with your client"));
      var label = el("label", "sp-search-label", "Link to send (" + link.length + " characters)");
      label.htmlFor = "sp-share-link";
      var input = el("input", "sp-share-link");
      input.id = "sp-share-link";
      input.readOnly = true;
      input.value = link;
      var copy = el("button", "md-button", "Copy link");
      copy.type = "button";
      var copied = el("span", "sp-copied");
      copied.setAttribute("role", "status");
      copy.addEventListener("click", function () {
        input.select();
        var done = function () { copied.textContent = " Copied."; };
        if (navigator.clipboard) navigator.clipboard.writeText(link).then(done, function () { document.execCommand("copy"); done(); });
        else { document.execCommand("copy"); done(); }
      });
      var open = el("a", "", "Open the client's page");
      open.href = link;
      share.append(label, input, el("p"), copy, copied, el("p"));
      share.lastChild.appendChild(open);
      var qr = qrSvg(link);
      if (qr) {
        share.appendChild(el("p", "", "In a video session, your client can scan this code with their phone's camera:"));
        share.appendChild(qr);
      }
      share.appendChild(el("p", "sp-note", "The link holds only these resources' identifiers. Nothing about your client is in it."));
      root.appendChild(share);
    }
    document.addEventListener("sp:list", render);
    render();
  }

  /* ---- The client's page ------------------------------------------------------------------ */

  function renderEntry(entry, note) {
    var section = el("section", "sp-client-entry");
    section.dataset.id = entry.id;
    section.appendChild(el("h2", "", entry.name));
    if (note) section.appendChild(el("p", "sp-notice", note));
    section.appendChild(el("p", "sp-lead", entry.summary));
    var ways = el("ul", "sp-ways");
    entry.contacts.forEach(function (contact) {
      var li = el("li");
      if (contact.href && safeHref(contact.href)) {
        var a = el("a", "sp-call", contact.text);
        a.href = contact.href;
        li.appendChild(a);
      } else {
        li.appendChild(el("strong", "", contact.text));
      }
      var details = [contact.hours, contact.cost].filter(Boolean).join(" · ");
      if (details) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("small", "", details));
      }
      ways.appendChild(li);
    });
    section.appendChild(ways);
    section.appendChild(el("p", "", "Cost: " + entry.cost));
    return section;
  }

  function setupClientPage(root) {
    var ids = decodeURIComponent(window.location.hash.replace(/^#/, "")).split(",")
      .map(function (id) { return id.trim(); })
      .filter(function (id, at, all) { return CODE.test(id) && all.indexOf(id) === at; })
      .slice(0, MAX_IDS);
    if (!ids.length) {
      root.appendChild(el("p", "", "This link does not name any services. Ask the person who sent it, or see the directory."));
      return;
    }
    var holders = ids.map(function (id) {
      var holder = el("div", "sp-client-slot");
      root.appendChild(holder);
      return holder;
    });
    ids.forEach(function (id, at) {
      fetchEntry(id).then(function (entry) {
        if (entry.status === "closed" && entry.successor) {
          return fetchEntry(entry.successor.code).then(function (next) {
            holders[at].appendChild(renderEntry(next, entry.name + " has closed. This service has taken its place."));
          });
        }
        var note = entry.status === "closed" ? entry.name + " has closed. " + entry.status_note
          : entry.status === "paused" ? "This service is paused at the moment. " + entry.status_note : "";
        holders[at].appendChild(renderEntry(entry, note));
      }).catch(function () {
        holders[at].appendChild(el("p", "sp-notice", "One service in this link is no longer listed. The others are shown here."));
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupExit();
    var client = document.querySelector("[data-sp-client]");
    if (client) setupClientPage(client);
    var list = document.querySelector("[data-sp-list]");
    if (list) setupListPage(list);
    decorate(document);
    listBar();
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) { if (node.nodeType === 1) decorate(node.parentNode || document); });
      });
    }).observe(document.body, { childList: true, subtree: true });
    document.addEventListener("sp:list", function () {
      document.querySelectorAll("[data-sp-add]").forEach(paintButton);
      listBar();
    });
  });
})();
