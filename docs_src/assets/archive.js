/* Speech archive: copy a link to any speech or paragraph, copy a citation of any speech.
 *
 * - A click on a paragraph's ¶ mark (.para-link) or a heading's # mark (.headerlink) still moves to
 *   the anchor, and also copies its absolute address to the clipboard; "Link copied" is announced in
 *   a role=status live region.
 * - Every speech heading of an event page gets a "Cite" button that copies
 *   'Speaker. “Event title.” Publisher, date. URL#anchor'; the event's data comes from the hidden
 *   .event-cite element the event template writes.
 * - Every paragraph gets a smaller "Cite" button (after its ¶ mark) that copies the same reference
 *   to that paragraph; the event's Cite menu (BibTeX, CSL-JSON) gets the reader's date as urldate.
 * - Works across Material's instant navigation: clicks are delegated from the document, and the
 *   buttons are added again on every page through Material's document$ observable.
 */
(function () {
  "use strict";

  var status = null;
  var hideTimer = null;

  function statusRegion() {
    if (!status || !document.body.contains(status)) {
      status = document.createElement("div");
      status.className = "archive-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    return status;
  }

  function announce(message) {
    var region = statusRegion();
    region.textContent = "";
    // A fresh text node so that assistive technology announces a repeated message again.
    window.setTimeout(function () {
      region.textContent = message;
      region.classList.add("archive-status--visible");
    }, 20);
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(function () {
      region.classList.remove("archive-status--visible");
    }, 2500);
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text, message) {
    var done = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); })
      : fallbackCopy(text);
    return done.then(
      function () { announce(message); },
      function () { announce("Copy failed: " + text); }
    );
  }

  /* The page's own address (without search highlight query or hash) plus an anchor. */
  function addressOf(anchor) {
    var url = new URL(window.location.href);
    url.search = "";
    url.hash = anchor;
    return url.href;
  }

  function onClick(event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var cite = target.closest(".cite-button");
    if (cite) {
      event.preventDefault();
      copy(cite.getAttribute("data-citation"), "Citation copied");
      return;
    }
    var mark = target.closest(".md-typeset a.para-link, .md-typeset a.headerlink");
    if (!mark) return;
    // Material's instant navigation makes every href absolute: compare the path, keep the hash.
    var link = new URL(mark.href, window.location.href);
    if (link.hash.length < 2 || link.pathname !== window.location.pathname) return;
    // The browser still follows the link (the URL gets the anchor and :target highlights it).
    copy(addressOf(link.hash), "Link copied");
  }

  function speakerOf(heading) {
    var person = heading.querySelector("a[href*='persons/']");
    return person ? person.textContent.trim() : "";
  }

  function addCiteButtons() {
    var data = document.querySelector(".md-content .event-cite");
    if (!data) return;
    var title = data.getAttribute("data-title") || "";
    var source = data.getAttribute("data-source") || "";
    var base = data.getAttribute("data-url") || addressOf("");
    var headings = document.querySelectorAll(".md-content .md-typeset h2[id]");
    Array.prototype.forEach.call(headings, function (heading) {
      if (heading.querySelector(".cite-button")) return;
      var speaker = speakerOf(heading);
      var citation = (speaker ? speaker + ". " : "") + "“" + title + ".” " + (source ? source + ". " : "") +
        base.replace(/#.*$/, "") + "#" + heading.id;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-button";
      button.setAttribute("data-pagefind-ignore", "");   // never search text (should a page be indexed as shown)
      button.textContent = "Cite";
      button.setAttribute("data-citation", citation);
      button.setAttribute("title", "Copy a citation of this speech: " + citation);
      // The name starts with the visible text ("Cite"), so voice control users can say what they see.
      button.setAttribute("aria-label", "Cite this speech" + (speaker ? " by " + speaker : ""));
      heading.appendChild(button);
    });
  }

  /* A reference to one paragraph: its speech's speaker (the h2 above it), else the event's
   * authors (the lead, a report's narration). */
  function paragraphSpeaker(para, fallback) {
    for (var el = para.previousElementSibling; el; el = el.previousElementSibling) {
      if (el.tagName === "H2" && el.id) return speakerOf(el);
    }
    return fallback;
  }

  function addParagraphCiteButtons(data) {
    var title = data.getAttribute("data-title") || "";
    var source = data.getAttribute("data-source") || "";
    var base = (data.getAttribute("data-url") || addressOf("")).replace(/#.*$/, "");
    var authors = data.getAttribute("data-authors") || "";
    var marks = document.querySelectorAll(".md-content .md-typeset [id] > a.para-link");
    Array.prototype.forEach.call(marks, function (mark) {
      var para = mark.parentElement;
      if (para.querySelector(".cite-button")) return;
      var speaker = paragraphSpeaker(para, authors);
      var citation = (speaker ? speaker + ". " : "") + "“" + title + ".” " + (source ? source + ". " : "") +
        base + "#" + para.id;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-button cite-button--paragraph";
      button.textContent = "Cite";
      button.setAttribute("data-citation", citation);
      button.setAttribute("title", "Copy a citation of this paragraph: " + citation);
      button.setAttribute("aria-label", "Cite this paragraph");
      mark.insertAdjacentElement("afterend", button);
    });
  }

  /* The Cite menu's BibTeX and CSL-JSON carry the archive's date as urldate / accessed: the
   * reader's own day is the right one. */
  function accessedToday() {
    var now = new Date();
    var iso = now.toISOString().slice(0, 10);
    var codes = document.querySelectorAll(".md-content details code");
    Array.prototype.forEach.call(codes, function (code) {
      var text = code.textContent;
      var changed = text
        .replace(/urldate = \{\d{4}-\d\d-\d\d\}/, "urldate = {" + iso + "}")
        .replace(/("accessed": \{\s*"date-parts": \[\s*\[)\s*\d+,\s*\d+,\s*\d+(\s*\]\s*\]\s*\})/,
          "$1" + now.getUTCFullYear() + ", " + (now.getUTCMonth() + 1) + ", " + now.getUTCDate() + "$2");
      if (changed !== text) code.textContent = changed;
    });
  }

  function onPage() {
    statusRegion();
    addCiteButtons();
    var data = document.querySelector(".md-content .event-cite");
    if (data) {
      addParagraphCiteButtons(data);
      accessedToday();
    }
  }

  document.addEventListener("click", onClick);
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
