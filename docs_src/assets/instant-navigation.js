/* Speech archive: two fixes to Material's instant navigation. Loaded from the head of every page
 * (build_site/theme/main.html), a file the browser caches once per visit rather than inline on
 * every page; a plain <script src> there runs before Material's bundle at the end of the body.
 *
 * 1. Instant navigation rewrites every [href] with `el.href = el.href`, which throws on links
 *    inside inline SVG (maps, charts), whose href is read-only, and then leaves the new page's
 *    content out. Assigning to an SVG link's href becomes a no-op instead (its relative address
 *    already resolves against the page it is shown on).
 * 2. Instant navigation without sitemap.xml. Material downloads the whole sitemap (about 1 KB per
 *    event: 1 MB at 1,000 events) on every visit, only to tell which links lead to pages of the
 *    site. Its request is answered here with an empty sitemap, without touching the network (the
 *    published sitemap.xml stays for search engines), and a click on a link to a page of the site
 *    (same origin, under the site's root, a folder or .html address) is handed to Material's
 *    instant navigation through its location$ subject, as its own click handler does.
 */
(function () {
  var proto = window.SVGAElement && SVGAElement.prototype;
  var own = proto && Object.getOwnPropertyDescriptor(proto, "href");
  if (own && own.get && !own.set) {
    Object.defineProperty(proto, "href", {configurable: true, enumerable: own.enumerable, get: own.get, set: function () {}});
  }
})();

(function () {
  var root = null;
  function siteRoot() {  // once, on the page first loaded: the header and its config outlive instant navigation
    if (!root) {
      try { root = new URL(JSON.parse(document.getElementById("__config").textContent).base + "/", location.href); } catch (e) { return null; }
    }
    return root;
  }
  document.addEventListener("DOMContentLoaded", siteRoot);
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments), base = siteRoot();
    if (base && String(method).toUpperCase() === "GET" && new URL(url, location.href).href === new URL("sitemap.xml", base).href) {
      args[1] = "data:application/xml,%3Curlset%2F%3E";
    }
    return open.apply(this, args);
  };
  function pageOfSite(url, base) {
    if (url.origin !== location.origin || url.pathname.indexOf(base.pathname) !== 0) return false;
    var path = url.pathname.slice(base.pathname.length);
    return /(^|\/)$|\.html$/.test(path) && !/^(assets|pagefind|downloads|search)\//.test(path);
  }
  document.addEventListener("click", function (ev) {
    var nav = window.location$, base = siteRoot();
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    if (!nav || typeof nav.next !== "function" || !base || !(ev.target instanceof Element)) return;
    if (JSON.parse(document.getElementById("__config").textContent).features.indexOf("navigation.instant") < 0) return;
    var a = ev.target.closest("a");
    if (!a || (a.getAttribute("target") || "") !== "" || a.hasAttribute("download")) return;
    var href = a.getAttribute("href") || a.getAttribute("xlink:href");
    if (!href) return;
    var url = new URL(href, location.href);
    if (!pageOfSite(url, base)) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;  // the browser moves to the anchor
    ev.preventDefault();
    history.replaceState({x: Math.max(0, scrollX), y: Math.max(0, scrollY)}, "");
    history.pushState(null, "", url.href);
    nav.next(url);
  });
})();
