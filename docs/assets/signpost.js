/* Signpost: directory filters and site search, both answered by Pagefind from the site's own files.
   Catalogue text is always set with textContent, never as HTML. Nothing is stored or sent anywhere. */
(function () {
  "use strict";

  var PAGE = 25;

  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
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
    var found = [];
    var shown = 0;
    var generation = 0;

    form.hidden = false;
    readState(form);

    function showMore() {
      var slice = found.slice(shown, shown + PAGE);
      shown += slice.length;
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (pages) {
        pages.forEach(function (page) {
          try {
            results.appendChild(renderCard(JSON.parse(page.meta.card), page.url));
          } catch (e) { /* a page without card data is not a resource page */ }
        });
        moreWrap.hidden = shown >= found.length;
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
      if (!active) {
        count.textContent = staticCount;
        moreWrap.hidden = true;
        return;
      }
      var mine = ++generation;
      var any = {};
      Object.keys(filters).forEach(function (key) { any[key] = { any: filters[key] }; });
      pagefind().then(function (pf) {
        return pf.search(words || null, { filters: any, sort: words ? undefined : { name: "asc" } });
      }).then(function (search) {
        if (mine !== generation) return;
        found = search.results;
        shown = 0;
        results.textContent = "";
        count.textContent = found.length === 1 ? "1 resource matches" : found.length + " resources match";
        return showMore();
      }).catch(function () {
        count.textContent = "Filtering is not available right now; every resource is listed below.";
        staticList.hidden = false;
        results.hidden = true;
      });
    }

    var timer = null;
    form.addEventListener("change", update);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 200);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    more.addEventListener("click", showMore);
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
        pagefind().then(function (pf) { return pf.search(words); }).then(function (search) {
          if (mine !== generation) return null;
          status.textContent = search.results.length + (search.results.length === 1 ? " result" : " results");
          return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
        }).then(function (pages) {
          if (!pages || mine !== generation) return;
          pages.forEach(function (page) {
            var li = el("li", "sp-result");
            var a = el("a", "", page.meta.title || page.url);
            a.href = page.url;
            li.appendChild(a);
            li.appendChild(excerptNode(page.excerpt));
            list.appendChild(li);
          });
        }).catch(function () { status.textContent = "Search is not available right now."; });
      }, 200);
    });
    input.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sp-directory").forEach(function (root) {
      if (root.querySelector("[data-sp-filters]")) setupDirectory(root);
    });
    document.querySelectorAll("[data-sp-search]").forEach(setupSearch);
  });
})();
