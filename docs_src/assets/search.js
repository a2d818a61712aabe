/* Speech archive: search in the header, over the Pagefind index (SITE/pagefind/, written by
 * build_site/write/search_index.py after every build).
 *
 * - Nothing is downloaded until the reader opens the search box: then pagefind.js loads the few
 *   kilobytes of index that the words of the query need, and the text of the results shown.
 * - Results give the event, the speaker and the date, and link to the speech (#putin-2) with
 *   ?highlight=… so that the words found are marked on arrival (also through instant navigation).
 * - Filters by speaker, year, type, topic and place (the event pages' data-pagefind-filter),
 *   behind a button: their values load when the reader opens them.
 * - Keyboard: "/" or "s" (or "f") focuses the box, as in Material; ArrowDown/ArrowUp move through
 *   the results (aria-activedescendant on the combobox), Enter opens one, Escape closes the box.
 * - The markup is build_site/theme/partials/search.html, in Material's classes (its look in both
 *   palettes, its full-screen overlay on small screens).
 */
(function () {
  "use strict";

  var FILTERS = [
    ["speaker", "Speaker", "All speakers"],
    ["year", "Year", "All years"],
    ["type", "Type", "All types"],
    ["topic", "Topic", "All topics"],
    ["place", "Place", "All places"]
  ];
  var PAGE_SIZE = 10;
  var MORE_PER_EVENT = 2;        // further speeches of the same event shown under it
  var SPEECH_ANCHOR = /^[a-z][a-z0-9-]*-\d+$/;
  // Not marked on the page a result leads to: everywhere, so marking them hides the words found.
  var COMMON = " the and for with that this from are was were has have had our its but not all you his her they their " +
    "them who which will would can also been into than then there these those more most such very ";
  var SKIP = ".headerlink, .para-link, .footnote, .footnote-ref, .cite-button, .search-facets, .event-cite, script, style, mark, textarea, input";

  var box = document.querySelector("[data-archive-search]");
  if (!box) return;
  var input = box.querySelector(".md-search__input");
  var list = box.querySelector("#archive-search-results");
  var status = box.querySelector("#archive-search-status");
  var fieldset = box.querySelector(".archive-search__filters");
  var filtersToggle = box.querySelector(".archive-search__filters-toggle");
  var form = box.querySelector("form");
  var toggle = document.getElementById("__search");
  // Resolved once, against the page first loaded: the header outlives instant navigation.
  var bundle = new URL(box.getAttribute("data-pagefind"), window.location.href);
  var siteRoot = new URL("..", bundle);

  var loading = null;
  var filtersLoading = null;
  var selects = {};
  var current = null;            // the latest search: {search, shown, term}
  var seq = 0;
  var timer = null;
  var returnFocus = null;

  /* --- Pagefind ------------------------------------------------------------------------------ */

  function load() {
    if (!loading) {
      loading = import(bundle.href).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 26 }))
          .then(function () { return pagefind.init && pagefind.init(); })
          .then(function () { return pagefind; });
      });
      loading.catch(function (err) {
        loading = null;
        say("Search is not available: " + (err && err.message ? err.message : err));
      });
    }
    return loading;
  }

  /* The filters' values (one chunk per filter, every event listed under each value: 145 KB at
     5,000 events, growing with the archive) load when the reader opens the filters, not with
     every search. */
  function toggleFilters() {
    var open = filtersToggle.getAttribute("aria-expanded") !== "true";
    filtersToggle.setAttribute("aria-expanded", String(open));
    if (!open) {
      fieldset.hidden = true;
      return;
    }
    if (!filtersLoading) {
      filtersLoading = load().then(buildFilters).catch(function (err) {
        filtersLoading = null;
        say("Filters are not available: " + (err && err.message ? err.message : err));
      });
    }
    filtersLoading.then(function () {
      if (filtersToggle.getAttribute("aria-expanded") !== "true") return;
      fieldset.hidden = !Object.keys(selects).length;
      var first = fieldset.querySelector("select");
      if (first) first.focus();
    });
  }

  function buildFilters(pagefind) {
    return pagefind.filters().then(function (available) {
      FILTERS.forEach(function (f) {
        var values = available[f[0]] || {};
        var names = Object.keys(values);
        if (!names.length) return;
        names.sort(f[0] === "year" ? function (a, b) { return b.localeCompare(a); } : function (a, b) { return a.localeCompare(b); });
        var label = document.createElement("label");
        label.className = "archive-search__filter";
        var text = document.createElement("span");
        text.textContent = f[1];
        var select = document.createElement("select");
        select.name = f[0];
        select.setAttribute("data-filter", f[0]);
        var all = document.createElement("option");
        all.value = "";
        all.textContent = f[2];
        select.appendChild(all);
        names.forEach(function (name) {
          var option = document.createElement("option");
          option.value = name;
          option.textContent = name + " (" + values[name] + ")";
          select.appendChild(option);
        });
        select.addEventListener("change", function () { schedule(0); });
        label.appendChild(text);
        label.appendChild(select);
        fieldset.appendChild(label);
        selects[f[0]] = select;
      });
    });
  }

  function chosenFilters() {
    var chosen = {};
    Object.keys(selects).forEach(function (key) {
      if (selects[key].value) chosen[key] = selects[key].value;
    });
    return chosen;
  }

  /* --- results ------------------------------------------------------------------------------- */

  function say(text) {
    status.textContent = text;
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, delay);
  }

  function run() {
    var term = input.value.trim();
    var filters = chosenFilters();
    var mine = ++seq;
    if (!term && !Object.keys(filters).length) {
      clear();
      say("Type to search the speeches");
      return;
    }
    load().then(function (pagefind) {
      var options = { filters: filters };
      if (!term) options.sort = { date: "desc" };   // filters alone: the latest events first
      return pagefind.search(term || null, options);
    }).then(function (search) {
      if (mine !== seq || !search) return;
      current = { search: search, shown: 0, term: term, filters: filters };
      clear();
      return more(mine);
    }).catch(function (err) {
      if (mine === seq) say("Search failed: " + (err && err.message ? err.message : err));
    });
  }

  function more(mine) {
    var results = current.search.results.slice(current.shown, current.shown + PAGE_SIZE);
    current.shown += results.length;
    // Fetched together, shown in order as soon as each arrives: the first result does not wait for the tenth.
    var pending = results.map(function (r) { return r.data(); });
    var shown = pending.reduce(function (chain, data) {
      return chain.then(function () { return data; }).then(function (page) {
        if (mine === seq) renderEvent(page);
      });
    }, Promise.resolve());
    return shown.then(function () {
      if (mine !== seq) return;
      removeMore();
      var total = current.search.results.length;
      var label = total === 0 ? "No matching speeches" : total === 1 ? "1 matching event" : total + " matching events";
      say(label + (current.term ? " for “" + current.term + "”" : "") + describeFilters(current.filters));
      if (current.shown < total) {
        var wrap = document.createElement("div");       // after the listbox, which holds options only
        wrap.className = "archive-search__more";
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = "Show more results (" + (total - current.shown) + " left)";
        button.addEventListener("click", function () { more(seq); });
        wrap.appendChild(button);
        list.parentNode.insertBefore(wrap, list.nextSibling);
      }
      input.setAttribute("aria-expanded", String(total > 0));
    });
  }

  function describeFilters(filters) {
    var parts = Object.keys(filters).map(function (k) { return filters[k]; });
    return parts.length ? " (" + parts.join(", ") + ")" : "";
  }

  function removeMore() {
    var old = box.querySelector(".archive-search__more");
    if (old) old.parentNode.removeChild(old);
  }

  function clear() {
    removeMore();
    list.textContent = "";
    input.removeAttribute("aria-activedescendant");
    input.setAttribute("aria-expanded", "false");
  }

  /* The speeches of an event that hold the words found: most matches first; a chosen speaker's own. */
  function speeches(page) {
    var speaker = selects.speaker && selects.speaker.value;
    var subs = (page.sub_results || []).filter(function (s) {
      return s.anchor && s.anchor.element !== "h1" && SPEECH_ANCHOR.test(s.anchor.id || "");
    });
    subs.forEach(function (s, i) { s._order = i; });
    subs.sort(function (a, b) {
      var own = speaker ? (b.title.indexOf(speaker) === 0) - (a.title.indexOf(speaker) === 0) : 0;
      return own || score(b) - score(a) || a._order - b._order;
    });
    return subs;
  }

  /* Pagefind's balanced score weighs rare words above common ones ("of", "the"): their sum. */
  function score(sub) {
    var total = 0;
    (sub.weighted_locations || []).forEach(function (w) { total += w.balanced_score || 0; });
    return total || (sub.locations || []).length;
  }

  function marked(excerpt) {
    var words = [];
    (excerpt || "").replace(/<mark>([^<]*)<\/mark>/g, function (_, w) { words.push(w); return ""; });
    return words;
  }

  function withHighlight(url, excerpt) {
    var target = new URL(url, window.location.href);
    var words = marked(excerpt).concat((current.term || "").split(/\s+/));
    var seen = {};
    words = words.map(function (w) { return w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""); })
      .filter(function (w) {
        if (w.length < 3 || COMMON.indexOf(" " + w + " ") >= 0 || seen[w]) return false;
        seen[w] = true;
        return true;
      });
    if (words.length) target.searchParams.set("highlight", words.join(" "));
    return target.href;
  }

  /* Pagefind's excerpt is HTML with <mark>: keep its text and marks only. */
  function excerptNode(excerpt) {
    var p = document.createElement("p");
    p.className = "archive-search__excerpt";
    var template = document.createElement("template");
    template.innerHTML = excerpt || "";
    Array.prototype.forEach.call(template.content.childNodes, function (node) {
      if (node.nodeType === 3) {
        p.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeType === 1) {
        var keep = document.createElement(node.tagName === "MARK" ? "mark" : "span");
        keep.textContent = node.textContent;
        p.appendChild(keep);
      }
    });
    return p;
  }

  function option(href, cls, parts) {
    var li = document.createElement("li");
    li.className = "md-search-result__item archive-search__item " + cls;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.id = "archive-search-option-" + list.querySelectorAll("[role=option]").length;
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = href;
    a.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    parts.forEach(function (part) { article.appendChild(part); });
    a.appendChild(article);
    li.appendChild(a);
    list.appendChild(li);
    return li;
  }

  function div(cls, text) {
    var el = document.createElement("div");
    el.className = cls;
    el.textContent = text;
    return el;
  }

  function speakerOf(sub) {
    return (sub.title || "").trim();
  }

  /* No speech heading holds the words (a news report's narration, the lead): the speech anchor
     (#narration-1, a heading-less turn's marker) before the first word found, else the page. */
  function speechOf(page) {
    var first = Math.min.apply(null, (page.locations || []).concat([Infinity]));
    var found = null;
    (page.anchors || []).forEach(function (a) {
      if (a.element !== "h1" && SPEECH_ANCHOR.test(a.id || "") && a.location <= first) found = a;
    });
    return found ? page.url.replace(/#.*$/, "") + "#" + found.id : page.url;
  }

  function renderEvent(page) {
    var meta = page.meta || {};
    var subs = speeches(page);
    var best = subs[0];
    var who = best ? speakerOf(best) : (meta.speakers || "");
    var line = [who, meta.date, meta.type].filter(Boolean).join(" · ");
    var excerpt = best ? best.excerpt : page.excerpt;
    option(withHighlight(best ? best.url : speechOf(page), excerpt), "archive-search__event",
           [div("archive-search__title", meta.title || page.url), div("archive-search__meta", line), excerptNode(excerpt)]);
    subs.slice(1, 1 + MORE_PER_EVENT).forEach(function (sub) {
      option(withHighlight(sub.url, sub.excerpt), "archive-search__speech",
             [div("archive-search__meta", speakerOf(sub)), excerptNode(sub.excerpt)]);
    });
  }

  /* --- opening, closing, keyboard -------------------------------------------------------------- */

  function isOpen() {
    return toggle && toggle.checked;
  }

  function setOpen(open) {
    if (!toggle || toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  }

  function openSearch() {
    if (!isOpen()) returnFocus = document.activeElement !== input ? document.activeElement : null;
    setOpen(true);
    load();
  }

  function closeSearch() {
    setOpen(false);
    input.blur();
    input.setAttribute("aria-expanded", "false");
    var back = returnFocus;
    returnFocus = null;
    if (back && back !== document.body && document.contains(back) && back.focus) back.focus({ preventScroll: true });
  }

  function options() {
    return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
  }

  function activate(index) {
    var all = options();
    all.forEach(function (li, i) { li.setAttribute("aria-selected", String(i === index)); });
    if (index < 0 || index >= all.length) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    input.setAttribute("aria-activedescendant", all[index].id);
    all[index].scrollIntoView({ block: "nearest" });
  }

  function activeIndex() {
    var id = input.getAttribute("aria-activedescendant");
    return id ? options().findIndex(function (li) { return li.id === id; }) : -1;
  }

  input.addEventListener("focus", openSearch);
  if (filtersToggle) filtersToggle.addEventListener("click", toggleFilters);
  input.addEventListener("input", function () { schedule(120); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { schedule(0); input.focus(); }, 0);
  });

  input.addEventListener("keydown", function (ev) {
    var all = options();
    var i = activeIndex();
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!all.length) return;
      ev.preventDefault();
      var step = ev.key === "ArrowDown" ? 1 : -1;
      activate(i < 0 ? (step > 0 ? 0 : all.length - 1) : (i + step + all.length) % all.length);
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      var chosen = all[i >= 0 ? i : 0];
      if (chosen) chosen.querySelector("a").click();
    }
  });

  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      ev.preventDefault();
      ev.stopPropagation();
      closeSearch();
    }
  });

  list.addEventListener("click", function (ev) {
    var a = ev.target instanceof Element && ev.target.closest("a");
    if (a) setOpen(false);    // the link is followed (by instant navigation when it is on)
  });

  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) {
        load();
        if (document.activeElement !== input) window.setTimeout(function () { input.focus(); }, 50);
      } else if (document.activeElement && box.contains(document.activeElement)) {
        document.activeElement.blur();
      }
    });
  }

  /* Material's shortcuts: "/", "s" and "f" open the search, unless the reader is typing. */
  document.addEventListener("keydown", function (ev) {
    if (ev.defaultPrevented || ev.metaKey || ev.ctrlKey || ev.altKey || isOpen()) return;
    if (ev.key !== "/" && ev.key !== "s" && ev.key !== "f") return;
    var el = document.activeElement;
    if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
    ev.preventDefault();
    openSearch();
    input.focus();
    input.select();
  });

  /* --- marking the words found on the page a result leads to ----------------------------------- */

  function unmark(root) {
    Array.prototype.forEach.call(root.querySelectorAll("mark.archive-highlight"), function (mark) {
      var parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function highlight(href) {
    var root = document.querySelector(".md-content [data-pagefind-body]") || document.querySelector(".md-content article");
    if (!root) return;
    unmark(root);
    var words = (new URL(href).searchParams.get("highlight") || "").split(/\s+/).filter(function (w) { return w.length > 2; });
    if (!words.length) return;
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])((?:" + words.map(escapeRegExp).join("|") + ")[\\p{L}\\p{N}]*)", "giu");
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement && !node.parentElement.closest(SKIP) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var count = 0;
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      pattern.lastIndex = 0;
      if (count > 500 || !pattern.test(text)) return;
      pattern.lastIndex = 0;
      var frag = document.createDocumentFragment();
      var last = 0;
      text.replace(pattern, function (match, before, word, offset) {
        var start = offset + before.length;
        frag.appendChild(document.createTextNode(text.slice(last, start)));
        var mark = document.createElement("mark");
        mark.className = "archive-highlight";
        mark.textContent = word;
        frag.appendChild(mark);
        last = start + word.length;
        count++;
        return match;
      });
      frag.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(frag, node);
    });
  }

  var shownPath = null;
  function onPage() {
    shownPath = window.location.pathname;
    highlight(window.location.href);
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(onPage);
    // A result on the page already shown: instant navigation fetches nothing, so mark here.
    if (window.location$ && window.location$.subscribe) {
      window.location$.subscribe(function (url) {
        if (url && url.pathname === shownPath) highlight(url.href);
      });
    }
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
