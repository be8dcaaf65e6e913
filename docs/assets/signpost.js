/* Signpost: directory filters and site search, both answered by Pagefind from the site's own files.
   Catalogue text is always set with textContent, never as HTML. Nothing is stored or sent anywhere. */
(function () {
  "use strict";

  var PAGE = 25;

  // The site's root is the folder above this script (assets/signpost.js), whatever engine built
  // the page and however deep the page is.
  var SCRIPT_URL = document.currentScript ? document.currentScript.src : window.location.href;
  function siteBase() {
    return new URL("../", SCRIPT_URL);
  }

  var pagefindPromise = null;
  function pagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(new URL("pagefind/pagefind.js", siteBase()).href).then(function (pf) {
        return pf.init().then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function safeHref(href) {
    try {
      var scheme = new URL(href, window.location.href).protocol;
      return ["https:", "http:", "tel:", "sms:", "mailto:"].indexOf(scheme) >= 0;
    } catch (e) {
      return false;
    }
  }

  /* ---- Directory ---------------------------------------------------------------------------- */

  function renderCard(card, url) {
    var li = el("li", "sp-card");
    li.dataset.id = card.id;
    if (card.code) li.dataset.code = card.code;
    var h = el("h3", "sp-card__name");
    var a = el("a", "", card.name);
    a.href = url;
    h.appendChild(a);
    li.appendChild(h);
    var meta = [card.kind, card.cost];
    if (card.hours === "Open 24/7") meta.push(card.hours);
    li.appendChild(el("p", "sp-card__meta", meta.join(" · ")));
    li.appendChild(el("p", "sp-card__summary", card.summary));
    var contact = el("p", "sp-card__contact");
    if (card.href && safeHref(card.href)) {
      var link = el("a", "", card.contact);
      link.href = card.href;
      contact.appendChild(link);
    } else {
      contact.appendChild(document.createTextNode(card.contact));
    }
    if (card.hours && card.hours !== "Open 24/7") {
      contact.appendChild(document.createTextNode(" "));
      contact.appendChild(el("span", "sp-card__hours", card.hours));
    }
    li.appendChild(contact);
    li.appendChild(el("p", "sp-card__eval", "Evaluation: " + card.glance + " · Checked " + card.checked));
    return li;
  }

  function readState(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
      if (box.checked) box.closest("details").open = true;
    });
  }

  function currentFilters(form) {
    var filters = {};
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return filters;
  }

  function writeState(filters) {
    /* Filters go into the address so a view can be bookmarked or sent; typed words do not,
       so a search is never left in the history of a shared device. */
    var params = new URLSearchParams();
    Object.keys(filters).forEach(function (key) {
      filters[key].forEach(function (value) { params.append(key, value); });
    });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  /* Filters alone are answered from per-value bitsets (see scripts/signpost/facets.py);
     typed words go to Pagefind, which also applies the filters. */
  function filterIndex(dataBase) {
    var cache = { index: null, bits: {}, chunks: {} };
    function json(url) {
      return fetch(url).then(function (r) { if (!r.ok) throw new Error(url); return r.json(); });
    }
    cache.load = function () {
      cache.index = cache.index || json(new URL("index.json", dataBase));
      return cache.index;
    };
    cache.bitset = function (key, value, size) {
      var id = key + "/" + value;
      if (!cache.bits[id]) {
        cache.bits[id] = fetch(new URL(encodeURIComponent(key) + "/" + encodeURIComponent(value) + ".bin", dataBase))
          .then(function (r) { return r.ok ? r.arrayBuffer() : new ArrayBuffer(Math.ceil(size / 8)); })
          .then(function (buffer) { return new Uint8Array(buffer); });
      }
      return cache.bits[id];
    };
    cache.chunk = function (n) {
      cache.chunks[n] = cache.chunks[n] || json(new URL("cards-" + n + ".json", dataBase));
      return cache.chunks[n];
    };
    cache.match = function (filters) {
      return cache.load().then(function (index) {
        var keys = Object.keys(filters);
        return Promise.all(keys.map(function (key) {
          return Promise.all(filters[key].map(function (value) { return cache.bitset(key, value, index.count); }))
            .then(function (sets) {
              var any = new Uint8Array(Math.ceil(index.count / 8));
              sets.forEach(function (set) { for (var i = 0; i < any.length; i++) any[i] |= set[i] || 0; });
              return any;
            });
        })).then(function (perKey) {
          var hits = [];
          for (var i = 0; i < index.count; i++) {
            var byte = i >> 3, bit = 1 << (i & 7);
            if (perKey.every(function (set) { return set[byte] & bit; })) hits.push(i);
          }
          return { hits: hits, chunk: index.chunk };
        });
      });
    };
    cache.cards = function (positions, chunkSize) {
      var needed = {};
      positions.forEach(function (p) { needed[Math.floor(p / chunkSize)] = true; });
      return Promise.all(Object.keys(needed).map(function (n) {
        return cache.chunk(n).then(function (cards) { return [n, cards]; });
      })).then(function (loaded) {
        var byChunk = {};
        loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
        return positions.map(function (p) { return byChunk[Math.floor(p / chunkSize)][p % chunkSize]; });
      });
    };
    return cache;
  }

  function setupDirectory(root) {
    var form = root.querySelector("[data-sp-filters]");
    var input = root.querySelector("#sp-q");
    var count = root.querySelector("[data-sp-count]");
    var staticList = root.querySelector("[data-sp-static]");
    var results = root.querySelector("[data-sp-results]");
    var moreWrap = root.querySelector("[data-sp-more-wrap]");
    var more = root.querySelector("[data-sp-more]");
    var pager = root.querySelector(".sp-pager");
    var staticCount = count.textContent;
    var index = filterIndex(new URL("directory/data/", siteBase()));
    var nextPage = null;
    var generation = 0;

    form.hidden = false;
    readState(form);

    function showing(total) {
      count.textContent = total === 1 ? "1 resource matches" : total + " resources match";
    }

    /* Shows `total` results a page at a time; loadSlice(start, end) resolves to [{card, url}]. */
    function paginate(total, loadSlice, mine) {
      var shown = 0;
      nextPage = function () {
        var start = shown;
        shown = Math.min(total, shown + PAGE);
        return loadSlice(start, shown).then(function (items) {
          if (mine !== generation) return;
          items.forEach(function (item) { results.appendChild(renderCard(item.card, item.url)); });
          moreWrap.hidden = shown >= total;
        });
      };
      /* The count is announced once the first results are on the page. */
      return nextPage().then(function () { if (mine === generation) showing(total); });
    }

    function fromBitsets(filters, mine) {
      return index.match(filters).then(function (found) {
        if (mine !== generation) return;
        return paginate(found.hits.length, function (start, end) {
          return index.cards(found.hits.slice(start, end), found.chunk).then(function (cards) {
            return cards.map(function (card) { return { card: card, url: new URL(card.url, siteBase()).href }; });
          });
        }, mine);
      });
    }

    function fromPagefind(words, filters, mine) {
      var any = {};
      Object.keys(filters).forEach(function (key) { any[key] = { any: filters[key] }; });
      return pagefind().then(function (pf) { return pf.search(words, { filters: any }); }).then(function (search) {
        if (mine !== generation) return;
        return paginate(search.results.length, function (start, end) {
          return Promise.all(search.results.slice(start, end).map(function (r) { return r.data(); })).then(function (pages) {
            return pages.filter(function (page) { return page.meta && page.meta.card; })
              .map(function (page) { return { card: JSON.parse(page.meta.card), url: page.url }; });
          });
        }, mine);
      });
    }

    function update() {
      var filters = currentFilters(form);
      var words = input.value.trim();
      writeState(filters);
      var active = words || Object.keys(filters).length;
      staticList.hidden = !!active;
      if (pager) pager.hidden = !!active;
      results.hidden = !active;
      results.textContent = "";
      moreWrap.hidden = true;
      if (!active) {
        count.textContent = staticCount;
        return;
      }
      var mine = ++generation;
      (words ? fromPagefind(words, filters, mine) : fromBitsets(filters, mine)).catch(function () {
        count.textContent = "Filtering is not available right now; every resource is listed below.";
        staticList.hidden = false;
        results.hidden = true;
      });
    }

    var timer = null;
    form.addEventListener("change", update);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 250);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    more.addEventListener("click", function () { if (nextPage) nextPage(); });
    update();
  }

  /* ---- Site search -------------------------------------------------------------------------- */

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

  function setupSearch(root) {
    var label = el("label", "sp-search-label", "Search for a service, topic or guidance");
    label.htmlFor = "sp-site-q";
    var input = el("input");
    input.type = "search";
    input.id = "sp-site-q";
    input.autocomplete = "off";
    input.spellcheck = false;
    var status = el("p", "sp-count");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var list = el("ol", "sp-results");
    root.append(label, input, status, list);
    var generation = 0;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var words = input.value.trim();
        var mine = ++generation;
        list.textContent = "";
        if (!words) { status.textContent = ""; return; }
        function show(page) {
          if (mine !== generation) return;
          var li = el("li", "sp-result");
          var a = el("a", "", page.meta.title || page.url);
          a.href = page.url;
          li.appendChild(a);
          li.appendChild(excerptNode(page.excerpt));
          list.appendChild(li);
        }
        pagefind().then(function (pf) { return pf.search(words); }).then(function (search) {
          if (mine !== generation) return null;
          status.textContent = search.results.length + (search.results.length === 1 ? " result" : " results");
          var top = search.results.slice(0, 10);
          if (!top.length) return null;
          /* The best match is shown as soon as it arrives; the next nine follow together. */
          return top[0].data().then(show).then(function () {
            return Promise.all(top.slice(1).map(function (r) { return r.data(); }));
          }).then(function (pages) { pages.forEach(show); });
        }).catch(function () { status.textContent = "Search is not available right now."; });
      }, 200);
    });
  }

  /* Shared with signpost-list.js, which loads after this file. */
  window.Signpost = { siteBase: siteBase, el: el, safeHref: safeHref };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sp-directory").forEach(function (root) {
      if (root.querySelector("[data-sp-filters]")) setupDirectory(root);
    });
    document.querySelectorAll("[data-sp-search]").forEach(setupSearch);
  });
})();
