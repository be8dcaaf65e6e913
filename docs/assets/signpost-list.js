/* Signpost: the client list a therapist builds, the read-only page a client opens, the urgent
   lines for a place, and the opt-in copy for when there is no signal.
   The list lives only in this browser (localStorage, share codes only) and is written only when
   the therapist adds something; the shared link carries codes after '#', which browsers never
   send to a server. All catalogue text is set with textContent.
   The link's shape, its limit, the places and the urgent lines come from client/data/config.json,
   generated from scripts/signpost/share_link.py and client_data.py: nothing is declared twice. */
(function () {
  "use strict";

  var KEY = "signpost-client-list";
  var shared = window.Signpost;  /* from signpost.js, loaded first */
  var base = shared.siteBase, el = shared.el;
  var schemes = [];  /* from config.json (present.SAFE_SCHEMES), before any entry is drawn */

  function safeHref(href) {
    try {
      return schemes.indexOf(new URL(href, window.location.href).protocol.replace(/:$/, "")) >= 0;
    } catch (e) {
      return false;
    }
  }

  var configPromise = null;
  function config() {
    if (!configPromise) {
      configPromise = fetch(new URL("client/data/config.json", base())).then(function (r) {
        if (!r.ok) throw new Error("config");
        return r.json();
      });
    }
    return configPromise;
  }

  function place(cfg) {
    var asked = (new URLSearchParams(window.location.search).get("place") || "").toLowerCase();
    return /^[a-z]{2,3}$/.test(asked) ? asked : cfg.defaultPlace;
  }

  function link(text, href, className) {
    var a = el("a", className || "", text);
    a.href = href;
    return a;
  }

  /* ---- The link's check: FNV-1a over the codes, low 20 bits in the codes' alphabet ---------- */

  function checkOf(codes, cfg) {
    var value = 0x811c9dc5;
    for (var i = 0; i < codes.length; i++) {
      value = Math.imul(value ^ codes.charCodeAt(i), 0x01000193) >>> 0;
    }
    var out = "";
    for (var n = 0; n < cfg.checkLength; n++) {
      out += cfg.alphabet.charAt(value & 31);
      value = value >>> 5;
    }
    return out;
  }

  /* The place the therapist chose travels with the list (the contract's `place` parameter). */
  function shareLink(codes, cfg) {
    var joined = codes.join("");
    var url = new URL(cfg.path, base());
    var where = new URLSearchParams(window.location.search).get("place");
    if (where && /^[a-z]{2,3}$/.test(where)) url.searchParams.set("place", where);
    return url.href + "#" + joined + cfg.checkSeparator + checkOf(joined, cfg);
  }

  /* What a link after '#' says, and what is wrong with it. Never throws; the work is bounded by
     maxFragment whatever arrives. problem: null, "empty", "cut", "garbled", "old", "too_long". */
  function readLink(hash, cfg) {
    var raw = hash.replace(/^#/, "");
    var tooLong = raw.length > cfg.maxFragment;
    if (tooLong) raw = raw.slice(0, cfg.maxFragment);
    var text, escapes = /%/.test(raw);
    try { text = decodeURIComponent(raw); } catch (e) { text = raw.replace(/%/g, ""); }
    /* Phones capitalise and wrap: neither changes which services were meant. */
    text = text.toLowerCase().replace(/\s+/g, "");
    var code = new RegExp(cfg.codePattern);
    var result = { codes: [], unreadable: 0, over: 0, problem: null };
    if (!text) { result.problem = tooLong ? "too_long" : "empty"; return result; }

    var pieces, check = null, old = text.indexOf(",") >= 0;
    if (old) {
      pieces = text.split(",");
    } else {
      var at = text.lastIndexOf(cfg.checkSeparator);
      var body = at >= 0 ? text.slice(0, at) : text;
      if (at >= 0) check = text.slice(at + 1);
      pieces = [];
      for (var i = 0; i < body.length; i += cfg.codeLength) pieces.push(body.slice(i, i + cfg.codeLength));
    }
    var strange = escapes || /[^a-z0-9,\-]/.test(text);
    pieces.forEach(function (piece) {
      if (code.test(piece)) {
        if (result.codes.indexOf(piece) < 0) result.codes.push(piece);  /* a service named twice is shown once */
      } else if (piece) {
        result.unreadable += 1;
      }
    });
    if (result.codes.length > cfg.maxEntries) {
      result.over = result.codes.length - cfg.maxEntries;
      result.codes = result.codes.slice(0, cfg.maxEntries);
    }
    if (tooLong) result.problem = "too_long";
    else if (old) result.problem = result.unreadable || strange ? "garbled" : "old";
    else if (check === null || check.length < cfg.checkLength) result.problem = "cut";
    else if (strange || check !== checkOf(pieces.join(""), cfg)) result.problem = "garbled";
    else if (!result.codes.length) result.problem = "empty";
    return result;
  }

  /* ---- The therapist's list ------------------------------------------------------------- */

  function readList() {
    try {
      var ids = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      /* Codes are checked against the generated pattern where they are used (the list page). */
      return Array.isArray(ids) ? ids.filter(function (id) { return typeof id === "string"; }) : [];
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

  function toggle(id, button) {
    config().then(function (cfg) {
      var ids = readList();
      var at = ids.indexOf(id);
      if (at >= 0) ids.splice(at, 1);
      else if (ids.length >= cfg.link.maxEntries) {
        say(button, "The list is full: it holds at most " + cfg.link.maxEntries + " services, so a client's page stays short. Remove one first.");
        return;
      } else ids.push(id);
      writeList(ids);
    });
  }

  function say(button, message) {
    if (!button) return;
    var note = button.parentNode.querySelector(".sp-add-note");
    if (!note) {
      note = el("span", "sp-add-note");
      note.setAttribute("role", "status");
      button.after(note);
    }
    note.textContent = " " + message;
  }

  function addButton(host, id) {
    if (host.querySelector(":scope > .sp-add")) return;
    var button = el("button", "sp-add md-button");
    button.type = "button";
    button.dataset.spAdd = id;
    button.addEventListener("click", function () { toggle(id, button); });
    host.appendChild(button);
    paintButton(button);
  }

  function paintButton(button) {
    var listed = readList().indexOf(button.dataset.spAdd) >= 0;
    button.setAttribute("aria-pressed", listed ? "true" : "false");
    button.textContent = listed ? "In client list (remove)" : "Add to client list";
    var note = button.parentNode && button.parentNode.querySelector(".sp-add-note");
    if (note && listed) note.textContent = "";
  }

  function decorate(root) {
    if (document.querySelector("[data-sp-client]")) return;  /* never on the client's own page */
    if (window.SignpostExit && window.SignpostExit.isClientVisit()) return;  /* nor during a client's visit */
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
    var quiet = document.querySelector("[data-sp-client], [data-sp-list]") || (window.SignpostExit && window.SignpostExit.isClientVisit());
    if (quiet || !ids.length) {
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
    bar.appendChild(link("Client list (" + ids.length + "): review and share", new URL("list/", base()).href));
  }

  function fetchEntry(code) {
    return fetch(new URL("client/data/" + code + ".json", base())).then(function (r) {
      if (r.status === 404) return { missing: true, code: code };
      if (!r.ok) throw new Error(code);
      return r.json();
    });
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

  function setupListPage(root, cfg) {
    var max = cfg.link.maxEntries;
    var code = new RegExp(cfg.link.codePattern);
    function render() {
      var all = readList().filter(function (id) { return code.test(id); });
      var ids = all.slice(0, max);
      root.textContent = "";
      if (!all.length) {
        root.appendChild(el("p", "sp-count", "Your list is empty. Add resources from the directory (at most " + max + ")."));
        return;
      }
      root.appendChild(el("p", "sp-count", (ids.length === 1 ? "1 resource" : ids.length + " resources") + " in the list, of at most " + max + "."));
      if (all.length > max) {
        root.appendChild(el("p", "sp-notice", "This browser holds " + all.length + " resources, more than a list can share. Only the first " + max + " are in the link below: remove some to choose which."));
      }
      var list = el("ol", "sp-list-items");
      root.appendChild(list);
      all.forEach(function (id) {
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
        fetchEntry(id).then(function (entry) {
          name.textContent = entry.missing ? "A resource no longer in the catalogue (" + id + ")" : entry.name;
          remove.setAttribute("aria-label", "Remove " + name.textContent);
        }).catch(function () { name.textContent = "A resource that could not be loaded (" + id + ")"; });
      });
      var clear = el("button", "md-button sp-clear", "Clear the list");
      clear.type = "button";
      clear.addEventListener("click", function () { writeList([]); });
      root.appendChild(el("p")).appendChild(clear);

      var address = shareLink(ids, cfg.link);
      var share = el("section", "sp-share");
      share.setAttribute("aria-labelledby", "sp-share-title");
      var title = el("h2", "", "Share with your client");
      title.id = "sp-share-title";
      share.appendChild(title);
      var label = el("label", "sp-search-label", "Link to send (" + address.length + " characters)");
      label.htmlFor = "sp-share-link";
      var input = el("input", "sp-share-link");
      input.id = "sp-share-link";
      input.readOnly = true;
      input.value = address;
      var written = el("p", "sp-share-printed", address);  /* the link as text, for print */
      var copy = el("button", "md-button", "Copy link");
      copy.type = "button";
      var copied = el("span", "sp-copied");
      copied.setAttribute("role", "status");
      copy.addEventListener("click", function () {
        input.select();
        var done = function () { copied.textContent = " Copied."; };
        if (navigator.clipboard) navigator.clipboard.writeText(address).then(done, function () { document.execCommand("copy"); done(); });
        else { document.execCommand("copy"); done(); }
      });
      share.append(label, input, written, el("p"), copy, copied, el("p"));
      share.lastChild.appendChild(link("Open the client's page", address, "sp-open-client"));
      share.appendChild(el("p", "sp-note", "The link ends with a short check, so a link cut short or mistyped is recognised on the client's page instead of silently missing services."));
      /* The link is already on the page: a QR that cannot be drawn only says so. */
      var qr = null;
      try { qr = qrSvg(address); } catch (e) { qr = null; }
      if (qr) {
        share.appendChild(el("p", "sp-qr-intro", "In a video session, your client can scan this code with their phone's camera:"));
        share.appendChild(qr);
      } else {
        share.appendChild(el("p", "sp-note", "A QR code could not be drawn for this link; send the link itself."));
      }
      share.appendChild(el("p", "sp-note", "The link holds only these resources' identifiers. Nothing about your client is in it."));
      root.appendChild(share);
    }
    document.addEventListener("sp:list", render);
    render();
  }

  /* ---- Urgent lines for the place in the address ------------------------------------------ */

  function linesFor(cfg, where) {
    var wanted = cfg.places[where] || [where.toUpperCase()];
    var lines = cfg.urgent.filter(function (line) {
      return wanted.every(function (area) { return line.areas.indexOf(area) >= 0; });
    });
    if (window.Signpost && window.Signpost.order) {
      try {
        var items = lines.map(function (line) { return { areas: line.areas, free: line.free, crisis: line.crisis, name: line.name, hours: line.hours_data, line: line }; });
        var sorted = [];
        window.Signpost.order(items, where, new Date()).groups.forEach(function (group) {
          group.items.forEach(function (item) { sorted.push(item.line); });
        });
        if (sorted.length === lines.length) lines = sorted;
      } catch (e) { /* keep the generated order */ }
    }
    return lines;
  }

  function emergencyButton(cfg, where, small) {
    if (cfg.emergency.places.indexOf(where) >= 0) {
      return link(cfg.emergency.text, cfg.emergency.href, "sp-button sp-button--emergency" + (small ? " sp-button--small" : ""));
    }
    return el("strong", "sp-local-emergency", "Call your local emergency number");
  }

  function drawUrgentButtons(holder, cfg) {
    var where = place(cfg);
    if (where === cfg.defaultPlace && !(window.Signpost && window.Signpost.order)) return;  /* the page already shows these */
    var list = holder.querySelector("[data-sp-urgent-lines]");
    var first = holder.querySelector(".sp-buttons li");
    first.replaceChild(emergencyButton(cfg, where, false), first.firstElementChild);
    list.textContent = "";
    var lines = linesFor(cfg, where);
    lines.forEach(function (line) {
      var li = el("li");
      li.appendChild(link(line.text, line.href, "sp-button"));
      var note = el("span", "sp-button__note");
      note.appendChild(link(line.name, new URL(line.page, base()).href));
      note.appendChild(document.createTextNode(", " + line.hours));
      li.append(" ", note);
      list.appendChild(li);
    });
    if (!lines.length) {
      var li = el("li");
      li.appendChild(link("Find a helpline in your country", new URL("resources/find-a-helpline/", base()).href));
      list.appendChild(li);
    }
  }

  /* One short line: 999 and the first line for the place that the list below does not show. */
  function drawUrgentLine(holder, cfg, chosenCodes) {
    var where = place(cfg);
    var line = linesFor(cfg, where).filter(function (l) { return chosenCodes.indexOf(l.code) < 0; })[0];
    holder.textContent = "";
    holder.append(el("strong", "", "In danger now?"), " ", emergencyButton(cfg, where, true), " ");
    if (line) {
      holder.append(el("span", "sp-urgent-short__or", "To talk, day or night:"), " ");
      var a = link(line.text, line.href, "sp-button sp-button--small");
      a.dataset.spUrgentCode = line.code;
      holder.append(a, " ", el("span", "sp-urgent-short__who", line.name));
    } else {
      holder.appendChild(link("More urgent help", new URL("urgent-help/", base()).href));
    }
  }

  /* ---- The client's page ------------------------------------------------------------------ */

  var PROBLEMS = {
    cut: "This link seems to be cut short. Ask for it again.",
    garbled: "Part of this link could not be read: it may have been changed or mistyped. Ask for it again.",
    old: "This link is in an older form that cannot be checked. If a service you expected is missing, ask for the link again.",
    too_long: "This link is much longer than any link Signpost makes, so only its beginning was read. Ask for it again.",
    empty: "This link does not name any services. Ask the person who sent it.",
  };

  function problemNotice(read, cfg) {
    var box = el("div", "sp-notice sp-notice--link");
    box.setAttribute("role", "alert");
    box.appendChild(el("p", "sp-notice__head", PROBLEMS[read.problem]));
    var found = read.codes.length;
    if (read.problem !== "empty" && read.problem !== "old") {
      box.appendChild(el("p", "", found ? "The part that could be read names " + (found === 1 ? "1 service" : found + " services") + ": " +
        (found === 1 ? "it is" : "they are") + " below." : "No service could be read from it."));
    }
    var help = el("p", "");
    help.append("If you need help now, use the numbers at the top of this page or see ");
    help.appendChild(link("urgent help", new URL("urgent-help/", base()).href));
    help.append(".");
    box.appendChild(help);
    return box;
  }

  function caution(c) {
    var p = el("p", "sp-caution sp-caution--" + c.prominence);
    p.appendChild(el("strong", "", c.heading + ". "));
    p.appendChild(document.createTextNode(c.prominence === "box" ? (c.advice ? c.advice + " " : "") + "What Signpost's reviewers found: " + c.note
      : (c.advice || c.note)));
    return p;
  }

  function renderEntry(entry, note) {
    var section = el("section", "sp-client-entry");
    section.dataset.id = entry.id;
    var heading = el("h2", "", entry.name);
    heading.id = "sp-entry-" + entry.code;
    section.setAttribute("aria-labelledby", heading.id);
    section.appendChild(heading);
    if (note) section.appendChild(el("p", "sp-notice", note));
    section.appendChild(el("p", "sp-lead", entry.summary));
    entry.cautions.filter(function (c) { return c.prominence === "box"; }).forEach(function (c) { section.appendChild(caution(c)); });
    var ways = el("ul", "sp-ways");
    entry.contacts.forEach(function (contact) {
      var li = el("li");
      if (contact.label) li.appendChild(el("span", "sp-contact__label", contact.label));
      if (contact.href && safeHref(contact.href)) li.appendChild(link(contact.text, contact.href, "sp-call"));
      else li.appendChild(el("strong", "", contact.text));
      var when = el("span", "sp-contact__when");
      if (contact.hours) {
        var open = el("span", "sp-open", contact.hours);
        if (contact.open) open.setAttribute("data-sp-open", contact.open);
        when.appendChild(open);
      }
      if (contact.hours && contact.cost) when.append(" · ");
      if (contact.cost) when.append(contact.cost);
      if (when.childNodes.length) li.appendChild(when);
      ways.appendChild(li);
    });
    section.appendChild(ways);
    section.appendChild(el("p", "", "Cost: " + entry.cost));
    entry.cautions.filter(function (c) { return c.prominence !== "box"; }).forEach(function (c) { section.appendChild(caution(c)); });
    var more = el("p", "sp-more");
    more.appendChild(link("More about " + entry.name, new URL(entry.page, base()).href));
    section.appendChild(more);
    return section;
  }

  /* The order for the place (signpost.js, when it offers one); otherwise the therapist's order. */
  function ordered(items) {
    if (!(window.Signpost && window.Signpost.order) || items.length < 2) return [{ label: "", items: items }];
    try {
      var where = new URLSearchParams(window.location.search).get("place") || "uk";
      var groups = window.Signpost.order(items.map(function (item) {
        return { areas: item.entry.areas, free: item.entry.free, crisis: item.entry.crisis, name: item.entry.name, hours: item.entry.hours, item: item };
      }), where, new Date()).groups;
      var labelled = groups.filter(function (g) { return g.items.length; });
      return labelled.map(function (g) {
        return { label: labelled.length > 1 ? g.label : "", items: g.items.map(function (x) { return x.item; }) };
      });
    } catch (e) {
      return [{ label: "", items: items }];
    }
  }

  /* Each code's entry, closed ones followed to the service listed in their place. */
  function resolve(code) {
    return fetchEntry(code).then(function (entry) {
      if (entry.missing || entry.status !== "closed") return { entry: entry };
      if (!entry.replacement) return { closed: entry };
      return fetchEntry(entry.replacement.code).then(function (next) {
        if (next.missing) return { closed: entry };
        var passed = entry.replacement.passed.length ? ", and so has " + entry.replacement.passed.join(", ") + ", which took over from it" : "";
        return { entry: next, note: entry.name + " has closed" + passed + ". Signpost lists " + next.name + " in its place." };
      });
    }).catch(function () { return { failed: code }; });
  }

  function setupClientPage(root, cfg) {
    var generation = 0;
    var urgentLine = document.querySelector("[data-sp-urgent=line]");

    function render() {
      var mine = ++generation;
      root.textContent = "";
      root.setAttribute("aria-busy", "true");
      var read = readLink(window.location.hash, cfg.link);
      var status = el("div", "sp-client-status");
      root.appendChild(status);
      if (read.problem) status.appendChild(problemNotice(read, cfg));
      if (read.over) {
        status.appendChild(el("p", "sp-notice", "This link names " + (read.codes.length + read.over) + " services; a list holds at most " +
          cfg.link.maxEntries + ", so the first " + cfg.link.maxEntries + " are shown."));
      }
      Promise.all(read.codes.map(resolve)).then(function (found) {
        if (mine !== generation) return;
        var shown = [], missing = 0, failed = 0, closedOnes = [];
        found.forEach(function (item) {
          if (item.failed) { failed += 1; return; }
          if (item.entry && item.entry.missing) { missing += 1; return; }
          if (item.closed) { closedOnes.push(item.closed); return; }
          /* a closed service's successor that was also chosen is shown once */
          if (shown.some(function (s) { return s.entry.code === item.entry.code; })) return;
          shown.push({ entry: item.entry, note: item.note || (item.entry.status === "paused" ?
            "This service is paused at the moment. " + item.entry.status_note : "") });
        });
        var list = el("div", "sp-client-list");
        ordered(shown).forEach(function (group) {
          if (group.label) list.appendChild(el("p", "sp-group-label", group.label));
          group.items.forEach(function (item) { list.appendChild(renderEntry(item.entry, item.note)); });
        });
        closedOnes.forEach(function (entry) {
          var gone = el("section", "sp-client-entry sp-client-entry--closed");
          gone.appendChild(el("h2", "", entry.name));
          gone.appendChild(el("p", "sp-notice", entry.name + " has closed. " + entry.status_note +
            " There is no service Signpost can name in its place: ask the person who sent this link, or see urgent help."));
          list.appendChild(gone);
        });
        if (missing) status.appendChild(el("p", "sp-notice", (missing === 1 ? "One service" : missing + " services") + " in this link " + (missing === 1 ? "is" : "are") + " no longer listed. The others are shown here."));
        if (failed) status.appendChild(el("p", "sp-notice", (failed === 1 ? "One service" : failed + " services") + " could not be loaded just now. Check your connection and reload the page."));
        root.appendChild(list);
        root.removeAttribute("aria-busy");
        if (urgentLine) drawUrgentLine(urgentLine, cfg, shown.map(function (s) { return s.entry.code; }));
        document.dispatchEvent(new CustomEvent("sp:drawn"));
      });
    }
    window.addEventListener("hashchange", render);
    render();
  }

  /* ---- Offline copy, only when asked -------------------------------------------------------- */

  var WORKER = "sp-offline-sw.js";

  function setupOffline(box) {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;  /* stays hidden: it cannot work here */
    box.hidden = false;
    var keep = box.querySelector("[data-sp-offline-keep]");
    var forget = box.querySelector("[data-sp-offline-forget]");
    var status = box.querySelector("[data-sp-offline-status]");
    var scope = base().href;

    function show(kept) {
      keep.hidden = kept;
      forget.hidden = !kept;
      status.textContent = kept ? "These numbers are kept on this phone. Anyone who uses it could find the copy." : "";
    }

    function worker(registration) {
      return registration.active || registration.waiting || registration.installing;
    }

    function ask(registration, message) {
      return new Promise(function (resolve, reject) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { (event.data && event.data.ok ? resolve : reject)(event.data); };
        worker(registration).postMessage(message, [channel.port2]);
      });
    }

    function pageUrls() {
      var urls = [window.location.pathname, new URL("urgent-help/", base()).pathname, new URL("client/data/config.json", base()).pathname];
      document.querySelectorAll("link[rel=stylesheet][href], script[src]").forEach(function (node) {
        var url = new URL(node.href || node.src, window.location.href);
        if (url.origin === window.location.origin) urls.push(url.pathname);
      });
      readLink(window.location.hash, cachedLinkConfig || { maxFragment: 0 }).codes.forEach(function (code) {
        urls.push(new URL("client/data/" + code + ".json", base()).pathname);
      });
      return urls.filter(function (u, at, all) { return all.indexOf(u) === at; });
    }

    keep.addEventListener("click", function () {
      status.textContent = "Keeping a copy…";
      navigator.serviceWorker.register(new URL(WORKER, base()).href, { scope: scope })
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function (registration) { return ask(registration, { keep: pageUrls() }); })
        .then(function () { show(true); }, function () { status.textContent = "A copy could not be kept on this phone."; });
    });
    forget.addEventListener("click", function () {
      navigator.serviceWorker.getRegistration(scope).then(function (registration) {
        if (!registration) return null;
        return ask(registration, { forget: true }).catch(function () { return null; }).then(function () { return registration.unregister(); });
      }).then(function () { show(false); status.textContent = "Forgotten: nothing from this site is kept on this phone."; });
    });
    navigator.serviceWorker.getRegistration(scope).then(function (registration) { show(!!registration); });
  }

  var cachedLinkConfig = null;

  document.addEventListener("DOMContentLoaded", function () {
    var client = document.querySelector("[data-sp-client]");
    var list = document.querySelector("[data-sp-list]");
    var buttons = document.querySelector("[data-sp-urgent=buttons]");
    if (client || list || buttons) {
      config().then(function (cfg) {
        cachedLinkConfig = cfg.link;
        schemes = cfg.schemes;
        if (client) setupClientPage(client, cfg);
        if (list) setupListPage(list, cfg);
        if (buttons) drawUrgentButtons(buttons, cfg);
      }).catch(function () {
        if (client) client.appendChild(el("p", "sp-notice", "The services chosen for you could not be loaded just now. Check your connection and reload the page, or use the numbers at the top."));
      });
    }
    document.querySelectorAll("[data-sp-offline]").forEach(setupOffline);
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

  /* For the tests and for signpost.js: the same reading of a link everywhere. */
  window.SignpostList = { readLink: readLink, checkOf: checkOf, shareLink: shareLink };
})();
