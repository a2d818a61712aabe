"""Accessibility in the browser: language, headings, contrast (WCAG AA) and visible focus."""

from __future__ import annotations

import pytest

from tests.browser.test_browser_reading import event_pages, longest_event

#: Text that must reach 4.5:1 (3:1 when large) against what is painted behind it.
CONTRAST_SELECTORS = [
    ".md-content p",
    ".md-content li",
    ".md-content h1",
    ".md-content h2",
    ".md-content a",
    ".md-content .speech-role",
    ".md-content .lead",
    ".md-content a.para-link",
    ".md-content .headerlink",
    ".md-content .cite-button",
    ".md-content .footnote",
    ".md-content summary",
    ".md-header__topic",
    ".md-tabs__link",
    ".md-search__input",
    ".md-footer-meta",
    ".md-nav__link",
]

CONTRAST_JS = """selectors => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat(1); };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
    let bg = [255, 255, 255, 1]; if (!layers.length || layers[layers.length - 1][3] < 1) bg = parse(getComputedStyle(document.body).backgroundColor);
    if (bg[3] < 1) bg = [255, 255, 255, 1];
    for (const layer of layers.reverse()) bg = over(layer, bg); return bg; };
  const opacity = el => { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
  const failures = [];
  for (const selector of selectors) {
    for (const el of Array.from(document.querySelectorAll(selector)).slice(0, 40)) {
      const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()) || el.tagName === 'INPUT';
      if (!own || !el.getClientRects().length) continue;
      const style = getComputedStyle(el); if (style.visibility === 'hidden' || style.display === 'none') continue;
      const alpha = opacity(el); if (alpha === 0) continue;  // shown only on hover or focus
      const bg = background(el); const fg = parse(style.color); fg[3] *= alpha;
      const text = over(fg, bg); const l1 = lum(text), l2 = lum(bg);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
      const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
      if (ratio < need) failures.push(`${selector} "${(el.textContent || el.placeholder || '').trim().slice(0, 30)}": ${ratio.toFixed(2)} < ${need} (${style.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
    }
  }
  return failures;
}"""


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_text_contrast_passes_wcag_aa(page, site_dir):
    failures = []
    for url in ["", longest_event(site_dir), "indicators/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        failures += [
            f"{url or 'home'}: {f}" for f in page.evaluate(CONTRAST_JS, CONTRAST_SELECTORS)
        ]
    assert not failures, "\n".join(sorted(set(failures))[:30])


def test_language_title_and_one_h1(page, site_dir):
    for url in ["", longest_event(site_dir), "events/", "indicators/", "places/"]:
        page.goto(url)
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.title().strip()
        assert page.locator("h1").count() == 1, url
        levels = page.evaluate(
            "Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => Number(h.tagName[1]))"
        )
        skipped = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert not skipped, f"{url}: heading levels skip {skipped}"


def test_keyboard_focus_is_visible(page, site_dir):
    page.goto(event_pages(site_dir)[0])
    page.wait_for_load_state("networkidle")
    page.locator(".md-content a.para-link").first.evaluate("a => a.scrollIntoView()")
    seen = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const el = document.activeElement;
            if (!el || !el.closest('.md-content')) return null; const s = getComputedStyle(el);
            return {tag: el.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow}; }""")
        if style is None:
            continue
        seen += 1
        assert (style["outline"] != "none" and style["width"] > 0) or style["shadow"] != "none", (
            style
        )
        if seen >= 5:
            break
    assert seen, "Tab never reached the content"


SEARCH_SELECTORS = [
    ".archive-search__title",
    ".archive-search__meta",
    ".archive-search__excerpt",
    ".archive-search__excerpt mark",
    ".archive-search__filter",
    ".archive-search__filter select",
    ".archive-search__filters legend",
    ".archive-search__filters-toggle",
    "#archive-search-status",
    ".md-search__input",
]


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_search_panel_and_marked_words_pass_wcag_aa(page, site_dir, screenshots, request):
    page.goto(longest_event(site_dir))
    page.wait_for_load_state("networkidle")
    page.locator("body").press("/")
    page.keyboard.type("trade")
    page.locator("#archive-search-results [role=option]").first.wait_for(state="visible")
    page.locator(".archive-search__filters-toggle").click()
    page.locator(".archive-search__filter select").first.wait_for(state="visible")
    page.locator("input.md-search__input").focus()  # the select took the focus: back to the box
    failures = page.evaluate(CONTRAST_JS, SEARCH_SELECTORS)
    scheme = request.node.callspec.params["context"]
    page.screenshot(path=str(screenshots / f"search-{scheme}.png"))
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('mark.archive-highlight').length > 0")
    failures += page.evaluate(CONTRAST_JS, ["mark.archive-highlight"])
    assert not failures, "\n".join(failures[:30])
