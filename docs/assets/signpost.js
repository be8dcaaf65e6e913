/* Signpost: where, when and what — lists ordered for the visitor's place, "open now", filters that
   count, and a search that forgives. Everything is answered from the site's own generated data
   (scripts/signpost/facets.py); guidance pages are searched with Pagefind. Catalogue text is always
   set with textContent, never as HTML. Nothing is stored or sent anywhere. */
(function () {
  "use strict";

  var PAGE = 25;
  var TYPO_MIN = 5;      /* words this long may carry one typo */
  var PREFIX_MIN = 3;    /* words this long also find longer words that start with them */
  var DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  var UK_ZONE = "Europe/London";
  var PARTIAL = ". No service matches every word: these match some of them.";

  // The site's root is the folder above this script (assets/signpost.js), whatever engine built
  // the page and however deep the page is.
  var SCRIPT_URL = document.currentScript ? document.currentScript.src : window.location.href;
  function siteBase() { return new URL("../", SCRIPT_URL); }
  var DATA = new URL("directory/data/", siteBase());

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The link schemes the site may carry come from present.SAFE_SCHEMES through index.json; until
     it has arrived no catalogue link is trusted (cards are drawn only after it has). */
  function safeHref(href) {
    if (!INDEX || !INDEX.schemes) return false;
    try {
      return INDEX.schemes.indexOf(new URL(href, window.location.href).protocol.replace(/:$/, "")) >= 0;
    } catch (e) {
      return false;
    }
  }

  function json(url) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(String(url)); return r.json(); });
  }

  /* ---- The generated data ------------------------------------------------------------------ */

  var indexPromise = null;
  var INDEX = null;  /* index.json once loaded: the order rule, bank holidays, filter values, words */
  function loadIndex() {
    if (!indexPromise) {
      indexPromise = json(new URL("index.json", DATA)).then(function (index) {
        INDEX = index;
        index.holidaySets = {};
        Object.keys(index.holidays).forEach(function (key) {
          var set = {};
          index.holidays[key].forEach(function (day) { set[day] = true; });
          index.holidaySets[key] = set;
        });
        return index;
      });
    }
    return indexPromise;
  }

  var bitsPromise = null;
  /* Filter bitsets and each resource's hours, for the directory and the search. */
  function loadBits() {
    if (!bitsPromise) {
      var binary = function (name) { return fetch(new URL(name, DATA)).then(function (r) { return r.arrayBuffer(); }); };
      bitsPromise = Promise.all([loadIndex(), binary("facets.bin"), binary("hours.bin"), binary("names.bin")]).then(function (got) {
        var index = got[0];
        var bytes = new Uint8Array(got[1]);
        var width = Math.ceil(index.count / 8);
        var words = Math.ceil(index.count / 32);
        var values = [];
        var offset = 0;
        index.facets.forEach(function (facet) {
          facet.values.forEach(function (pair) {
            var value = { key: facet.key, value: pair[0], label: pair[1], id: values.length, bits: null };
            if (!(facet.key === "open" && pair[0] === "now")) {
              var padded = new Uint8Array(words * 4);
              padded.set(bytes.subarray(offset, offset + width));
              value.bits = new Uint32Array(padded.buffer);
              offset += width;
            }
            values.push(value);
          });
        });
        var lookup = {};
        values.forEach(function (v) { lookup[v.key + "/" + v.value] = v; });
        return { index: index, count: index.count, words: words, values: values, lookup: lookup,
          patterns: new Uint16Array(got[2].slice(0, index.count * 2)),
          names: index.name_rank_bytes === 2 ? new Uint16Array(got[3].slice(0, index.count * 2)) : new Uint32Array(got[3].slice(0, index.count * 4)),
          cache: {} };
      });
    }
    return bitsPromise;
  }

  function has(bits, i) { return bits !== null && (bits[i >> 5] >>> (i & 31)) & 1; }
  function popcount(x) {
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0F0F0F0F) * 0x01010101) >>> 24;
  }

  /* ---- Place ------------------------------------------------------------------------------- */

  var PLACE_PATTERN = /^[a-z]{2,3}$/;
  function currentPlace() {
    var place = new URLSearchParams(window.location.search).get("place");
    return place && PLACE_PATTERN.test(place) ? place : "uk";
  }

  function areaOf(place, rule) {
    if (place === rule.default) return null;
    return rule.nations[place] || place.toUpperCase();
  }

  /* An address with the place added (or removed for UK-wide, the default). */
  function withPlace(href, place) {
    var url = new URL(href, window.location.href);
    if (place && place !== "uk") url.searchParams.set("place", place);
    else url.searchParams.delete("place");
    return url.href;
  }

  /* Internal links carry the place, so it survives moving around the site and sharing a link. */
  function carryPlace(place) {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var url;
      try { url = new URL(a.getAttribute("href"), window.location.href); } catch (e) { return; }
      if (url.origin !== window.location.origin || a.getAttribute("href").charAt(0) === "#") return;
      a.href = withPlace(url.href, place);
    });
  }

  var placeListeners = [];
  function setPlace(place) {
    history.replaceState(null, "", withPlace(window.location.href, place));
    carryPlace(place);
    document.querySelectorAll("[data-sp-place] select").forEach(function (select) { select.value = place; });
    placeListeners.forEach(function (listener) { listener(place); });
  }

  function setupPlaceChooser(form) {
    var select = form.querySelector("select");
    var place = currentPlace();
    if (!select.querySelector('option[value="' + place + '"]')) {
      select.appendChild(el("option", "", place.toUpperCase())).value = place;
    }
    select.value = place;
    form.hidden = false;
    select.addEventListener("change", function () { setPlace(select.value); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  /* The chooser for pages written by hand (the search page), from the same generated list. */
  function buildPlaceChooser(rule) {
    var form = el("form", "sp-place");
    form.setAttribute("data-sp-place", "");
    var label = el("label", "", "Where is the person?");
    label.htmlFor = "sp-place";
    var select = el("select");
    select.id = "sp-place";
    select.name = "place";
    Object.keys(rule.choices).forEach(function (value) {
      var option = el("option", "", rule.choices[value]);
      option.value = value;
      select.appendChild(option);
    });
    form.append(label, select);
    setupPlaceChooser(form);
    return form;
  }

  /* ---- Open now ---------------------------------------------------------------------------- */

  var formats = {};
  /* The wall-clock day (days since 1970-01-01) and minute in a time zone. */
  function wallClock(now, zone) {
    var format = formats[zone] || (formats[zone] = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23" }));
    var parts = {};
    format.formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
    return { day: Date.UTC(+parts.year, +parts.month - 1, +parts.day) / 864e5, minute: (+parts.hour % 24) * 60 + +parts.minute };
  }
  function isoDay(day) { return new Date(day * 864e5).toISOString().slice(0, 10); }
  function weekday(day) { return (day + 3) % 7; }  /* 1970-01-01 was a Thursday; Monday is 0 */
  function minutes(hhmm) { return +hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5); }

  /* The bank holidays that apply: the visitor's nation when the service serves it, otherwise the
     first nation the service names (as opening.calendar_for in Python). */
  function calendarFor(areas, place, index) {
    var area = areaOf(place, index.order);
    if (index.calendars[area] && areas.indexOf(area) >= 0) return index.calendars[area];
    var first = Object.keys(index.calendars).filter(function (a) { return areas.indexOf(a) >= 0; })[0];
    return first ? index.calendars[first] : null;
  }

  /* One set of hours at an instant: {state: open|closed|unknown, change: wall-clock minute of the
     next change (days * 1440 + minute) or null, now: the wall-clock minute now}. */
  function hoursStatus(hours, calendar, now) {
    if (!hours) return { state: "unknown", change: null };
    if (hours.always_open) return { state: "open", change: null };
    if (!INDEX) return { state: "unknown", change: null };  /* the weekdays and bank holidays have not arrived */
    var clock = wallClock(now, hours.timezone || UK_ZONE);
    var holidays = (INDEX && calendar && INDEX.holidaySets[calendar]) || {};
    var here = clock.day * 1440 + clock.minute;
    var spans = [];
    var unknownToday = false;
    for (var offset = -1; offset < 8; offset++) {
      var day = clock.day + offset;
      var periods = hours.weekly;
      if (holidays[isoDay(day)]) {
        periods = periods.filter(function (p) { return p.days.indexOf("bank_holidays") >= 0; });
        if (!periods.length) { if (offset === 0) unknownToday = true; continue; }
      } else {
        periods = periods.filter(function (p) { return p.days.indexOf(INDEX.days[weekday(day)]) >= 0; });
      }
      periods.forEach(function (p) {
        var start = minutes(p.opens), end = minutes(p.closes);
        if (end <= start) end += 1440;
        spans.push([day * 1440 + start, day * 1440 + end]);
      });
    }
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    for (var i = 0; i < merged.length; i++) {
      if (merged[i][0] <= here && here < merged[i][1]) return { state: "open", change: merged[i][1], now: here };
    }
    if (unknownToday) return { state: "unknown", change: null };
    var next = merged.filter(function (s) { return s[0] > here; })[0];
    return { state: "closed", change: next ? next[0] : null, now: here };
  }

  /* A resource is open when any of its ways in is: the latest closing among the open ones, or
     the soonest opening among the closed ones. */
  function status(hoursList, areas, place, now) {
    var list = Array.isArray(hoursList) ? hoursList : hoursList ? [hoursList] : [];
    return statusWithCalendar(list, INDEX ? calendarFor(areas || [], place, INDEX) : null, now);
  }

  function statusWithCalendar(hoursList, calendar, now) {
    var found = hoursList.map(function (h) { return hoursStatus(h, calendar, now); });
    if (!found.length) return { state: "unknown", change: null };
    var open = found.filter(function (s) { return s.state === "open"; });
    if (open.length) return open.reduce(function (a, b) { return a.change === null ? a : b.change === null || b.change > a.change ? b : a; });
    var closed = found.filter(function (s) { return s.state === "closed" && s.change !== null; });
    if (closed.length) return closed.reduce(function (a, b) { return b.change < a.change ? b : a; });
    return found.filter(function (s) { return s.state === "closed"; })[0] || { state: "unknown", change: null };
  }

  function clockText(minute) {
    var m = minute % 1440, hour = Math.floor(m / 60), min = m % 60;
    if (m === 0) return "midnight";
    if (m === 720) return "midday";
    return (hour % 12 || 12) + (min ? ":" + (min < 10 ? "0" : "") + min : "") + (hour < 12 ? "am" : "pm");
  }

  /* "Open now — until 11pm", "Closed — opens 7pm", "Closed — opens tomorrow 9am", "Hours not known". */
  function describe(s) {
    if (s.state === "unknown") return "Hours not known";
    if (s.state === "open") {
      if (s.change === null) return "Open now — 24 hours";
      return "Open now — until " + (s.change - s.now > 1440 ? DAY_NAMES[weekday(Math.floor(s.change / 1440))] + " " : "") + clockText(s.change);
    }
    if (s.change === null) return "Closed";
    var days = Math.floor(s.change / 1440) - Math.floor(s.now / 1440);
    var when = days === 0 ? "" : days === 1 ? "tomorrow " : DAY_NAMES[weekday(Math.floor(s.change / 1440))] + " ";
    return "Closed — opens " + when + clockText(s.change);
  }

  function statusNode(s) {
    var node = el("strong", "sp-open-state sp-open-state--" + s.state, describe(s));
    node.setAttribute("data-sp-open-state", s.state);
    return node;
  }

  /* Fills every [data-sp-open] element: the state now, before the plain hours it already shows. */
  function fillOpenStates(root, now) {
    (root || document).querySelectorAll("[data-sp-open]").forEach(function (node) {
      var data;
      try { data = JSON.parse(node.getAttribute("data-sp-open")); } catch (e) { return; }
      var old = node.querySelector(".sp-open-state");
      if (old) old.remove();
      var s = status(data.hours, data.areas, currentPlace(), now || new Date());
      node.insertBefore(document.createTextNode(" "), node.firstChild);
      node.insertBefore(statusNode(s), node.firstChild);
    });
  }

  /* ---- Order ------------------------------------------------------------------------------- */

  /* The rule's groups and labels come from places.py through index.json, declared once. */
  function rule() { return INDEX.order; }

  function groupsFor(place) {
    var r = rule(), area = areaOf(place, r);
    return place === r.default || r.uk_nations.indexOf(area) >= 0 ? r.in_uk : r.abroad;
  }

  function groupOf(areas, place) {
    var r = rule(), area = areaOf(place, r);
    var ukWide = r.uk_nations.every(function (n) { return areas.indexOf(n) >= 0; });
    if (area && areas.indexOf(area) >= 0 && !(r.uk_nations.indexOf(area) >= 0 && ukWide)) return "own";
    if (ukWide) return "uk";
    if (areas.indexOf(r.worldwide) >= 0) return "worldwide";
    if (r.uk_nations.some(function (n) { return areas.indexOf(n) >= 0; })) return "other_uk";
    return "outside";
  }

  function groupLabel(key, place) {
    var r = rule();
    return r.labels[key].replace("{place}", r.choices[place] || place.toUpperCase());
  }

  /* The documented order (docs/method.md; places.py in Python): the place's groups, then within a
     group open now, free, suitable in a crisis, open to everyone, then name.
     Items: {areas, free, crisis, name, hours} and optionally everyone (true when absent). */
  function order(items, place, now) {
    place = place || currentPlace();
    now = now || new Date();
    /* Before the rule has arrived (Signpost.ready() resolves when it has), the order is unchanged. */
    if (!INDEX) return { groups: [{ key: "all", label: "", items: items.slice() }], pending: true };
    var keys = groupsFor(place);
    var groups = {};
    keys.forEach(function (key) { groups[key] = []; });
    items.forEach(function (item) {
      var open = status(item.hours, item.areas, place, now).state === "open";
      groups[groupOf(item.areas || [], place)].push({ item: item,
        key: [open ? 0 : 1, item.free ? 0 : 1, item.crisis ? 0 : 1, item.everyone === false ? 1 : 0, String(item.name).toLowerCase()] });
    });
    return {
      groups: keys.filter(function (key) { return groups[key].length; }).map(function (key) {
        var sorted = groups[key].sort(function (a, b) {
          for (var i = 0; i < 5; i++) { if (a.key[i] < b.key[i]) return -1; if (a.key[i] > b.key[i]) return 1; }
          return 0;
        });
        return { key: key, label: groupLabel(key, place), items: sorted.map(function (x) { return x.item; }) };
      })
    };
  }

  /* Topic pages: every card is on the page; put them in order for the place and the time now. */
  function setupTopic(root) {
    var staticGroups = root.querySelector("[data-sp-static]");
    var cards = Array.prototype.slice.call(staticGroups.querySelectorAll("li[data-sp-order]"));
    function arrange() {
      var items = cards.map(function (li) {
        var item = JSON.parse(li.getAttribute("data-sp-order"));
        item.node = li;
        return item;
      });
      var ordered = order(items, currentPlace(), new Date());
      var fresh = el("div", "sp-groups");
      fresh.setAttribute("data-sp-static", "");
      ordered.groups.forEach(function (group) {
        fresh.appendChild(el("h2", "sp-group", group.label));
        var ul = el("ul", "sp-cards");
        group.items.forEach(function (item) { ul.appendChild(item.node); });
        fresh.appendChild(ul);
      });
      staticGroups.replaceWith(fresh);
      staticGroups = fresh;
      fillOpenStates(root);
    }
    loadIndex().then(arrange, arrange);
    placeListeners.push(arrange);
  }

  /* ---- Search over resources ---------------------------------------------------------------- */

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* A query's words; a query of digits and spaces is one phone number ('116 123' -> '116123'). */
  function queryWords(query, index) {
    var folded = fold(query).trim();
    if (/^[\d\s+().-]+$/.test(folded) && /\d/.test(folded)) {
      var digits = folded.replace(/\D/g, "");
      if (/^\+?\s*44/.test(folded)) digits = "0" + digits.slice(2);
      return digits.length >= 3 ? [digits] : [];
    }
    var stop = {};
    index.stop.forEach(function (w) { stop[w] = true; });
    var seen = {};
    return (folded.replace(/-/g, "").match(/[a-z0-9]+/g) || []).filter(function (w) {
      if (stop[w] || seen[w] || w.length < 2) return false;
      seen[w] = true;
      return true;
    });
  }

  /* True when a and b differ by at most one letter added, dropped, changed or swapped. */
  function nearlyEqual(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length && i === b.length) return true;
    var ra = a.slice(i + 1), rb = b.slice(i + 1);
    return ra === rb || a.slice(i) === rb || ra === b.slice(i) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }

  function wordMatches(word, candidate) {
    if (candidate === word) return 3;
    if (word.length >= PREFIX_MIN && candidate.indexOf(word) === 0) return 2;
    if (word.length >= TYPO_MIN && !/^\d+$/.test(word) && nearlyEqual(word, candidate)) return 1;
    return 0;
  }

  var shards = {};
  function shard(first) {
    if (!shards[first]) {
      shards[first] = fetch(new URL("words-" + first + ".json", DATA)).then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; });
    }
    return shards[first];
  }

  /* For each word of the query, the resources it finds (by name, provider or number, or through a
     filter value's words and synonyms); resolves to {scores: matches per resource, words: count}. */
  function searchResources(query, data) {
    var words = queryWords(query, data.index);
    if (!words.length) return Promise.resolve({ scores: null, words: 0 });
    var firsts = {};
    words.forEach(function (w) { firsts[w[0]] = true; });
    return Promise.all(Object.keys(firsts).map(function (f) { return shard(f).then(function (s) { return [f, s]; }); })).then(function (loaded) {
      var byFirst = {};
      loaded.forEach(function (pair) { byFirst[pair[0]] = pair[1]; });
      var scores = new Uint8Array(data.count);
      var perWord = [];
      words.forEach(function (word) {
        var hit = new Uint32Array(data.words);
        var names = byFirst[word[0]];
        Object.keys(names).forEach(function (token) {
          if (!wordMatches(word, token)) return;
          var position = 0;
          names[token].forEach(function (step) { position += step; hit[position >> 5] |= 1 << (position & 31); });
        });
        Object.keys(data.index.words).forEach(function (token) {
          if (!wordMatches(word, token)) return;
          data.index.words[token].forEach(function (id) {
            var bits = data.values[id].bits;
            if (bits) for (var k = 0; k < bits.length; k++) hit[k] |= bits[k];
          });
        });
        for (var i = 0; i < data.count; i++) if ((hit[i >> 5] >>> (i & 31)) & 1) scores[i]++;
        perWord.push(hit);
      });
      return { scores: scores, words: words.length, perWord: perWord };
    });
  }

  /* ---- Ranking a whole catalogue at once ---------------------------------------------------- */

  /* Per resource, for a place and a minute: its group's rank and whether it is open now. Worked
     out a 32-resource word at a time from the area bitsets; hours are judged once per distinct
     set of hours and bank-holiday calendar. */
  function standing(data, place, now) {
    var minute = Math.floor(now.getTime() / 60000);
    var key = place + "@" + minute;
    if (data.cache.key === key) return data.cache.value;
    var r = data.index.order, area = areaOf(place, r);
    var groups = groupsFor(place);
    var rankOf = {};
    ["own", "uk", "worldwide", "other_uk", "outside"].forEach(function (g) { rankOf[g] = groups.indexOf(g); });
    function bitsOf(a) { var v = data.lookup["nation/" + a]; return v ? v.bits : new Uint32Array(data.words); }
    var nations = r.uk_nations.map(bitsOf);
    var own = area ? bitsOf(area) : new Uint32Array(data.words);
    var areaIsNation = r.uk_nations.indexOf(area) >= 0;
    var world = bitsOf(r.worldwide);
    var calendarKeys = Object.keys(data.index.calendars);
    var calendarAreas = calendarKeys.map(bitsOf);
    var placeCalendar = data.index.calendars[area] || null;
    var simple = data.index.hours.map(function (list) {
      if (!list.length) return "unknown";
      return list.some(function (h) { return h.always_open; }) ? "open" : null;
    });
    var rank = new Uint8Array(data.count);
    var open = new Uint32Array(data.words);
    var calendarOf = new Array(data.count);
    var judged = {};
    for (var w = 0; w < data.words; w++) {
      var all = nations[0][w] & nations[1][w] & nations[2][w] & nations[3][w];
      var any = nations[0][w] | nations[1][w] | nations[2][w] | nations[3][w];
      var mine = own[w] & (areaIsNation ? ~all : 0xFFFFFFFF);
      for (var b = 0; b < 32; b++) {
        var i = w * 32 + b;
        if (i >= data.count) break;
        var bit = 1 << b;
        rank[i] = rankOf[mine & bit ? "own" : all & bit ? "uk" : world[w] & bit ? "worldwide" : any & bit ? "other_uk" : "outside"];
        var pattern = data.patterns[i];
        var state = simple[pattern];
        if (state === null) {
          var calendar = placeCalendar && (own[w] & bit) ? placeCalendar : null;
          for (var c = 0; c < calendarKeys.length && !calendar; c++) if (calendarAreas[c][w] & bit) calendar = data.index.calendars[calendarKeys[c]];
          calendarOf[i] = calendar;
          var id = pattern + "/" + calendar;
          if (!(id in judged)) judged[id] = statusWithCalendar(data.index.hours[pattern], calendar, now);
          state = judged[id].state;
        }
        if (state === "open") open[w] |= bit;
      }
    }
    /* Every resource in order for this place and minute (group, open now, free, crisis, open to
       everyone, then name): a list of results is then this order, filtered. */
    var free = (data.lookup["cost/free"] || {}).bits || new Uint32Array(data.words);
    var crisis = (data.lookup["topic/crisis"] || {}).bits || new Uint32Array(data.words);
    var everyone = (data.lookup["group/everyone"] || {}).bits || new Uint32Array(data.words);
    var base = new Uint8Array(data.count);
    var ranked = new Uint32Array(data.count);
    for (var j = 0; j < data.count; j++) {
      base[j] = (rank[j] * 2 + (has(open, j) ? 0 : 1)) * 8 + (has(free, j) ? 0 : 4) + (has(crisis, j) ? 0 : 2) + (has(everyone, j) ? 0 : 1);
      ranked[j] = j;
    }
    var names = data.names;
    ranked.sort(function (x, y) { return base[x] - base[y] || names[x] - names[y]; });
    var value = { rank: rank, open: open, ranked: ranked, statusOf: function (i) {
      return statusWithCalendar(data.index.hours[data.patterns[i]], calendarOf[i] || null, now);
    } };
    data.cache = { key: key, value: value };
    return value;
  }

  /* The resources that pass the choices, in order, and how many each filter value would leave.
     choices: {key: [values]}; scores: from searchResources or null. */
  function answer(data, choices, search, place, now) {
    var stand = standing(data, place, now);
    var masks = {};
    Object.keys(choices).forEach(function (key) {
      var mask = new Uint32Array(data.words);
      choices[key].forEach(function (value) {
        var bits = key === "open" && value === "now" ? stand.open : (data.lookup[key + "/" + value] || {}).bits;
        if (bits) for (var k = 0; k < mask.length; k++) mask[k] |= bits[k];
      });
      masks[key] = mask;
    });
    /* A query of several words finds the resources that match all of them; when none does, those
       that match the most words. The filters' counts are counted among those. */
    var best = 0;
    if (search.scores) {
      for (var b = 0; b < data.count; b++) if (search.scores[b] > best) best = search.scores[b];
      var found = new Uint32Array(data.words);
      for (var i = 0; i < data.count; i++) if (best && search.scores[i] === best) found[i >> 5] |= 1 << (i & 31);
      if (best && best < search.words) {
        /* Not every word matched: keep the matches of the most particular word ("bereavement" in
           "bereavement scotland"), not of every word that matches half the catalogue. */
        var narrowest = null, fewest = Infinity;
        search.perWord.forEach(function (hit) {
          var n = 0;
          for (var k = 0; k < found.length; k++) n += popcount(found[k] & hit[k]);
          if (n && n < fewest) { fewest = n; narrowest = hit; }
        });
        if (narrowest) for (var k = 0; k < found.length; k++) found[k] &= narrowest[k];
      }
      masks["\u0000search"] = found;
    }
    var keys = Object.keys(masks);
    function allBut(skip) {
      var out = new Uint32Array(data.words).fill(0xFFFFFFFF);
      if (data.count & 31) out[data.words - 1] = (1 << (data.count & 31)) - 1;
      keys.forEach(function (key) { if (key !== skip) { var m = masks[key]; for (var k = 0; k < out.length; k++) out[k] &= m[k]; } });
      return out;
    }
    var counts = {};
    var facetKeys = {};
    data.values.forEach(function (v) { facetKeys[v.key] = true; });
    Object.keys(facetKeys).forEach(function (key) {
      var others = allBut(key);
      data.values.forEach(function (v) {
        if (v.key !== key) return;
        var bits = key === "open" && v.value === "now" ? stand.open : v.bits;
        var n = 0;
        for (var k = 0; k < others.length; k++) n += popcount(bits[k] & others[k]);
        counts[v.id] = n;
      });
    });
    var pass = allBut(null);
    var hits = [];
    var ranked = stand.ranked;
    for (var n = 0; n < ranked.length; n++) {
      var j = ranked[n];
      if ((pass[j >> 5] >>> (j & 31)) & 1) hits.push(j);
    }
    return { hits: hits, counts: counts, standing: stand, partial: !!search.scores && best > 0 && best < search.words };
  }

  var chunks = {};
  function cards(data, positions) {
    var size = data.index.chunk;
    var needed = {};
    positions.forEach(function (p) { needed[Math.floor(p / size)] = true; });
    return Promise.all(Object.keys(needed).map(function (n) {
      chunks[n] = chunks[n] || json(new URL("cards-" + n + ".json", DATA));
      return chunks[n].then(function (list) { return [n, list]; });
    })).then(function (loaded) {
      var byChunk = {};
      loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
      return positions.map(function (p) { return byChunk[Math.floor(p / size)][p % size]; });
    });
  }

  /* The same card as templates/card.html, built from cards-N.json. */
  function renderCard(card, s) {
    var li = el("li", "sp-card");
    li.dataset.id = card.id;
    li.dataset.code = card.code;
    var h = el("h3", "sp-card__name");
    var a = el("a", "", card.name);
    a.href = withPlace(new URL(card.url, siteBase()).href, currentPlace());
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(el("p", "sp-card__meta", [card.kind, card.cost].concat(card.open247 ? [INDEX.labels.open_247] : []).join(" · ")));
    li.appendChild(el("p", "sp-card__summary", card.summary));
    var contact = el("p", "sp-card__contact");
    if (card.href && safeHref(card.href)) {
      var link = el("a", "", card.contact);
      link.href = card.href;
      contact.appendChild(link);
    } else {
      contact.appendChild(document.createTextNode(card.contact));
    }
    li.appendChild(contact);
    if (card.hours.length || !card.open247) {
      var hours = el("p", "sp-card__hours");
      if (s) { hours.appendChild(statusNode(s)); hours.appendChild(document.createTextNode(" ")); }
      card.hours.forEach(function (line, n) {
        if (n) hours.appendChild(el("br"));
        hours.appendChild(document.createTextNode(line));
      });
      if (card.zone) hours.appendChild(document.createTextNode(" (" + card.zone + ")"));
      li.appendChild(hours);
    }
    li.appendChild(el("p", "sp-card__eval", "Evaluation: " + card.glance + " · Checked " + card.checked));
    return li;
  }

  /* Shows ranked hits a page at a time under their group headings; returns {more()}. */
  function resultList(container, moreWrap, data, result, place, isCurrent) {
    var shown = 0;
    var lastGroup = -1;
    var list = null;
    var groups = groupsFor(place);
    function more() {
      var slice = result.hits.slice(shown, shown + PAGE);
      shown += slice.length;
      return cards(data, slice).then(function (got) {
        if (!isCurrent()) return;
        got.forEach(function (card, n) {
          var position = slice[n];
          var rank = result.standing.rank[position];
          if (rank !== lastGroup || !list) {
            lastGroup = rank;
            container.appendChild(el("h2", "sp-group", groupLabel(groups[rank], place)));
            list = container.appendChild(el("ul", "sp-cards"));
          }
          list.appendChild(renderCard(card, result.standing.statusOf(position)));
        });
        if (moreWrap) moreWrap.hidden = shown >= result.hits.length;
      });
    }
    return { more: more };
  }

  /* ---- Directory ---------------------------------------------------------------------------- */

  function setupDirectory(root) {
    var form = root.querySelector("[data-sp-filters]");
    var input = root.querySelector("#sp-q");
    var count = root.querySelector("[data-sp-count]");
    var staticList = root.querySelector("[data-sp-static]");
    var results = root.querySelector("[data-sp-results]");
    var moreWrap = root.querySelector("[data-sp-more-wrap]");
    var more = root.querySelector("[data-sp-more]");
    var pager = root.querySelector(".sp-pager");
    var generation = 0;
    var lastState = null;
    var list = null;

    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
      if (box.checked) box.closest("details").open = true;
    });

    function choices() {
      var chosen = {};
      form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
        (chosen[box.name] = chosen[box.name] || []).push(box.value);
      });
      return chosen;
    }

    function writeState(chosen) {
      /* Filters and the place go into the address so a view can be bookmarked or sent; typed
         words do not, so a search is never left in the history of a shared device. */
      var out = new URLSearchParams();
      if (currentPlace() !== "uk") out.set("place", currentPlace());
      // A client's visit (via=client) stays one: a reload must not turn history back on.
      var via = new URLSearchParams(window.location.search).get("via");
      if (via) out.set("via", via);
      Object.keys(chosen).forEach(function (key) { chosen[key].forEach(function (v) { out.append(key, v); }); });
      var query = out.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }

    /* Each value's count, and values that would leave nothing hidden; only what changed is touched. */
    var controls = null;
    function showCounts(data, counts) {
      if (!controls) {
        controls = Array.prototype.map.call(form.querySelectorAll("details[data-sp-facet]"), function (details) {
          return { details: details, boxes: Array.prototype.map.call(details.querySelectorAll("input[type=checkbox]"), function (box) {
            var label = box.closest("label");
            return { box: box, label: label, n: label.querySelector("[data-sp-n]"), value: data.lookup[box.name + "/" + box.value], shown: null };
          }) };
        });
      }
      controls.forEach(function (facet) {
        var any = false;
        facet.boxes.forEach(function (c) {
          var n = c.value ? counts[c.value.id] : 0;
          var text = "(" + n + ")";
          if (c.shown !== text) { c.n.textContent = text; c.shown = text; }
          var off = !c.box.checked && !n;
          if (c.label.hidden !== off) c.label.hidden = off;
          if (c.box.disabled !== off) c.box.disabled = off;
          any = any || !off;
        });
        if (facet.details.hidden === any) facet.details.hidden = !any;
      });
    }

    function update(force) {
      var chosen = choices();
      var words = input.value.trim();
      var place = currentPlace();
      var now = new Date();
      var state = JSON.stringify([chosen, words, place, Math.floor(now.getTime() / 60000)]);
      /* Nothing changed (a blur, a repeated event): leave the list alone, so a click on it is not lost. */
      if (state === lastState && !force) return Promise.resolve();
      lastState = state;
      var mine = ++generation;
      function current() { return mine === generation; }
      return loadBits().then(function (data) {
        return searchResources(words, data).then(function (search) {
          if (!current()) return;
          var result = answer(data, chosen, search, place, now);
          showCounts(data, result.counts);
          var fresh = el("div");
          fresh.setAttribute("data-sp-results", "");
          list = resultList(fresh, moreWrap, data, result, place, current);
          return list.more().then(function () {
            if (!current()) return;
            results.replaceWith(fresh);
            results = fresh;
            staticList.hidden = true;
            if (pager) pager.hidden = true;
            var total = result.hits.length;
            var filtered = words || Object.keys(chosen).length;
            count.textContent = (filtered ? (total === 1 ? "1 resource matches" : total + " resources match") :
              total + " active resources") + (result.partial ? PARTIAL : "");
            /* The address is updated once the list is on screen (replaceState is slow on a phone). */
            setTimeout(function () { if (current()) writeState(chosen); }, 0);
          });
        });
      }).catch(function () {
        if (!current()) return;
        count.textContent = "Filtering is not available right now; every resource is listed below.";
        staticList.hidden = false;
        results.hidden = true;
      });
    }

    var timer = null;
    form.hidden = false;
    form.addEventListener("change", function (event) {
      if (event.target === input) return;  /* the text box's change fires on blur: typing is handled below */
      update();
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 150);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); update(); });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    more.addEventListener("click", function () { if (list) list.more(); });
    placeListeners.push(function () { update(); });
    update();
  }

  /* ---- Site search -------------------------------------------------------------------------- */

  var pagefindPromise = null;
  function pagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(new URL("pagefind/pagefind.js", siteBase()).href).then(function (pf) {
        return pf.init().then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  function excerptNode(html) {
    /* Pagefind marks matches with <mark>; keep only text and those marks. */
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    var out = el("p", "sp-result__excerpt");
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") out.appendChild(el("mark", "", node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  /* Pagefind wants every word on a page; when no page has them all, the pages with the most of
     them ("client goes silent" finds the guide on silence). */
  function guidanceSearch(pf, words) {
    return pf.search(words).then(function (search) {
      var parts = (fold(words).match(/[a-z0-9]+/g) || []).filter(function (w) { return w.length > 2 && (INDEX ? INDEX.stop.indexOf(w) < 0 : true); });
      if (search.results.length || parts.length < 2) return search.results;
      return Promise.all(parts.map(function (w) { return pf.search(w); })).then(function (each) {
        var tally = {};
        each.forEach(function (s) {
          s.results.forEach(function (r) { (tally[r.id] = tally[r.id] || { result: r, n: 0, score: 0 }).n++; tally[r.id].score += r.score; });
        });
        var all = Object.keys(tally).map(function (id) { return tally[id]; });
        var most = all.reduce(function (m, t) { return Math.max(m, t.n); }, 0);
        return all.filter(function (t) { return t.n === most && most > 1; })
          .sort(function (a, b) { return b.score - a.score; }).map(function (t) { return t.result; });
      });
    });
  }

  function setupSearch(root) {
    var label = el("label", "sp-search-label", "Search for a service, topic, phone number or guidance");
    label.htmlFor = "sp-site-q";
    var input = el("input");
    input.type = "search";
    input.id = "sp-site-q";
    input.autocomplete = "off";
    input.spellcheck = false;
    var openLabel = el("label", "sp-check");
    var openBox = el("input");
    openBox.type = "checkbox";
    openBox.id = "sp-open-now";
    openLabel.append(openBox, document.createTextNode(" Open now only"));
    var status = el("p", "sp-count");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var resourcesHeading = el("h2", "sp-results-heading", "Services");
    var resources = el("div", "sp-search-resources");
    var moreWrap = el("p");
    var more = el("button", "md-button", "Show more services");
    more.type = "button";
    moreWrap.appendChild(more);
    moreWrap.hidden = true;
    var guideHeading = el("h2", "sp-results-heading", "Guidance");
    var guides = el("ol", "sp-results");
    resourcesHeading.hidden = guideHeading.hidden = true;
    root.append(label, input, openLabel, status, resourcesHeading, resources, moreWrap, guideHeading, guides);
    loadIndex().then(function (index) { root.insertBefore(buildPlaceChooser(index.order), label); });
    var generation = 0;
    var timer = null;
    var list = null;
    var lastState = null;

    function run() {
      var words = input.value.trim();
      var place = currentPlace();
      var now = new Date();
      var state = JSON.stringify([words, place, openBox.checked, Math.floor(now.getTime() / 60000)]);
      if (state === lastState) return;
      lastState = state;
      var mine = ++generation;
      function current() { return mine === generation; }
      guides.textContent = "";
      guideHeading.hidden = true;
      if (!words) {
        resources.textContent = "";
        guides.textContent = "";
        status.textContent = "";
        moreWrap.hidden = resourcesHeading.hidden = guideHeading.hidden = true;
        return;
      }
      var found = { resources: 0, guides: 0 };
      function say() {
        status.textContent = found.resources + (found.resources === 1 ? " service" : " services") + " and " +
          found.guides + (found.guides === 1 ? " guidance page" : " guidance pages") + (found.partial ? PARTIAL : "");
      }
      loadBits().then(function (data) {
        return searchResources(words, data).then(function (search) {
          if (!current()) return;
          var result = search.scores ? answer(data, openBox.checked ? { open: ["now"] } : {}, search, place, now) : { hits: [] };
          var fresh = el("div", "sp-search-resources");
          found.resources = result.hits.length;
          found.partial = result.partial;
          if (!result.hits.length) {
            resources.replaceWith(fresh);
            resources = fresh;
            resourcesHeading.hidden = true;
            moreWrap.hidden = true;
            say();
            return;
          }
          list = resultList(fresh, moreWrap, data, result, place, current);
          return list.more().then(function () {
            if (!current()) return;
            resources.replaceWith(fresh);
            resources = fresh;
            resourcesHeading.hidden = false;
            say();
          });
        });
      }).then(function () {
        /* Guidance pages come after the services, from Pagefind (which indexes only guidance). */
        return pagefind().then(function (pf) { return guidanceSearch(pf, words); }).then(function (results) {
          if (!current()) return null;
          return Promise.all(results.map(function (r) { return r.data(); })).then(function (pages) {
            if (!current()) return;
            guides.textContent = "";
            pages.forEach(function (page) {
              var li = el("li", "sp-result");
              var a = el("a", "", page.meta.title || page.url);
              a.href = withPlace(page.url, place);
              li.appendChild(a);
              li.appendChild(excerptNode(page.excerpt));
              guides.appendChild(li);
            });
            found.guides = pages.length;
            guideHeading.hidden = !pages.length;
            say();
          });
        });
      }).catch(function () { if (current()) status.textContent = "Search is not available right now."; });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    openBox.addEventListener("change", run);
    more.addEventListener("click", function () { if (list) list.more(); });
    placeListeners.push(function () { run(); });
  }

  /* Shared with signpost-list.js and the client page (see CONTRACT: order, open now, place). */
  window.Signpost = {
    siteBase: siteBase, el: el, safeHref: safeHref,
    order: order, place: currentPlace, withPlace: withPlace, openStatus: function (hours, areas, now) {
      return describe(status(hours, areas || [], currentPlace(), now || new Date()));
    },
    ready: loadIndex
  };

  document.addEventListener("DOMContentLoaded", function () {
    carryPlace(currentPlace());
    document.querySelectorAll("[data-sp-place]").forEach(setupPlaceChooser);
    document.querySelectorAll(".sp-directory").forEach(function (root) {
      if (root.querySelector("[data-sp-filters]")) setupDirectory(root);
    });
    document.querySelectorAll("[data-sp-topic]").forEach(setupTopic);
    document.querySelectorAll("[data-sp-search]").forEach(setupSearch);
    if (document.querySelector("[data-sp-open]") && !document.querySelector("[data-sp-topic]")) {
      loadIndex().then(function () { fillOpenStates(document); }, function () { fillOpenStates(document); });
    }
  });
})();
