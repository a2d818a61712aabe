"""Reading and linking in a real browser: anchors, search, footnote tooltips, copy link, cite."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

SPEECH_LOCATION = re.compile(r"^events/(\d{4}-\d\d-\d\d-[^/]+)/#([a-z][a-z0-9-]*-\d+)$")


def event_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs of event pages (events/<date>-<slug>/), oldest first."""
    found = sorted(
        p.parent.name
        for p in (site_dir / "events").glob("*/index.html")
        if re.match(r"\d{4}-\d\d-\d\d-", p.parent.name)
    )
    assert found, "no event pages were built"
    return [f"events/{name}/" for name in found]


def longest_event(site_dir: Path) -> str:
    """The event page with the most speech headings (so that anchors need scrolling)."""
    return max(
        event_pages(site_dir),
        key=lambda url: (
            (site_dir / url / "index.html").read_text(encoding="utf-8").count("<h2 id=")
        ),
    )


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        """el => { const r = el.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.top < window.innerHeight; }""",
    )


def test_home_page_loads_without_console_errors(page, screenshots):
    page.goto("")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    assert page.title()
    assert not page.errors, page.errors
    page.screenshot(path=str(screenshots / "home.png"), full_page=True)


def test_event_page_screenshot(page, site_dir, screenshots):
    url = longest_event(site_dir)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.locator(".md-content h2[id] .cite-button").count() >= 1
    assert not page.errors, page.errors
    page.screenshot(path=str(screenshots / "event.png"), full_page=False)
    page.set_viewport_size({"width": 400, "height": 800})
    page.screenshot(path=str(screenshots / "event-narrow.png"), full_page=False)


@pytest.mark.parametrize("kind", ["speech", "paragraph"])
def test_anchor_scrolls_to_its_place_and_highlights_it(page, site_dir, kind):
    url = longest_event(site_dir)
    html = (site_dir / url / "index.html").read_text(encoding="utf-8")
    if kind == "speech":
        anchor = re.findall(r'<h2 id="([a-z][a-z0-9-]*-\d+)"', html)[-1]
    else:
        anchor = re.findall(r'<p id="([a-z][a-z0-9-]*-\d+-p\d+)"', html)[-1]
    page.goto(f"{url}#{anchor}")
    page.wait_for_load_state("networkidle")
    selector = f"[id='{anchor}']"
    page.wait_for_function(f"""() => {{ const r = document.querySelector("{selector}").getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight; }}""")
    assert in_view(page, selector)
    assert page.eval_on_selector(selector, "el => el.matches(':target')")
    background = page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the target is not highlighted"
    assert not page.errors, page.errors


SECTION = re.compile(r'<h2 id="([a-z][a-z0-9-]*-\d+)">(.*?)</h2>(.*?)(?=<h2 id=|$)', re.S)


def speech_sections(site_dir: Path) -> list[tuple[str, str, str, str]]:
    """(event URL, speech anchor, speaker, text) of every speech with a heading: the reading text
    the search index holds (the article in data-pagefind-body, without footnotes or marks)."""
    out = []
    for url in event_pages(site_dir):
        html = (site_dir / url / "index.html").read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue
        body = html[html.index("data-pagefind-body") :]
        body = re.sub(r'<div class="footnote">.*', "", body, flags=re.S)
        body = re.sub(r'<a class="(?:headerlink|para-link|footnote-ref)"[^>]*>.*?</a>', " ", body)
        for anchor, heading, text in SECTION.findall(body):
            speaker = re.search(r'<a href="[^"]*persons/[^"]*">([^<]+)</a>', heading)
            plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
            out.append((url, anchor, speaker[1].strip() if speaker else "", plain))
    return out


def speech_phrase(site_dir: Path) -> tuple[str, str, str]:
    """(phrase, event path, speech anchor): a phrase of a speech holding a word found nowhere else."""
    sections = speech_sections(site_dir)
    where = defaultdict(set)
    for url, anchor, _, text in sections:
        for word in re.findall(r"[A-Za-z]{8,}", text):
            where[word.lower()].add((url, anchor))
    for url, anchor, _, text in sections:
        words = re.findall(r"[A-Za-z]+", text)
        for i, word in enumerate(words):
            if len(word) >= 8 and where[word.lower()] == {(url, anchor)} and 0 < i < len(words) - 1:
                return " ".join(words[i - 1 : i + 2]), url, anchor
    pytest.skip("no speech section holds a word found nowhere else")


def open_search(page):
    """The header's search box, opened with Material's keyboard shortcut."""
    page.locator("body").press("/")
    box = page.locator("input.md-search__input")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('input.md-search__input')"
    )
    assert page.evaluate("() => document.getElementById('__search').checked"), (
        "'/' did not open the search"
    )
    return box


def marks_in_section(page, anchor: str) -> int:
    """Words marked by the search in the speech `anchor` (from its heading to the next one)."""
    return page.evaluate(
        """anchor => { let n = 0, el = document.getElementById(anchor).nextElementSibling;
        for (; el && el.tagName !== 'H2'; el = el.nextElementSibling) n += el.querySelectorAll('mark.archive-highlight').length;
        return n + document.getElementById(anchor).querySelectorAll('mark.archive-highlight').length; }""",
        anchor,
    )


def landed_on(page, event: str, anchor: str) -> None:
    page.wait_for_url(re.compile(re.escape(event) + r".*#" + re.escape(anchor) + "$"))
    selector = f"[id='{anchor}']"
    page.wait_for_function(f"""() => {{ const el = document.querySelector("{selector}"); if (!el) return false;
        const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }}""")
    assert page.eval_on_selector(selector, "el => el.matches(':target')")
    page.wait_for_function("() => document.querySelectorAll('mark.archive-highlight').length > 0")


def test_search_finds_a_phrase_and_leads_to_the_speech(page, site_dir):
    phrase, event, anchor = speech_phrase(site_dir)
    page.goto("")
    page.wait_for_load_state("networkidle")
    page.click("input.md-search__input")
    page.keyboard.type(phrase, delay=20)
    results = page.locator("#archive-search-results [role=option] a")
    results.first.wait_for(state="visible")
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    wanted = [
        i for i, href in enumerate(hrefs) if f"/{event}" in href and href.endswith(f"#{anchor}")
    ]
    assert wanted, f"no result for {phrase!r} leads to {event}#{anchor}: {hrefs}"
    link = results.nth(wanted[0])
    assert link.is_visible()
    assert page.locator("#archive-search-results mark").count() >= 1, (
        "search terms are not highlighted"
    )
    assert "highlight=" in hrefs[wanted[0]]
    link.click()
    landed_on(page, event, anchor)
    assert marks_in_section(page, anchor) >= 1, "the words found are not marked in the speech"
    assert not page.errors, page.errors


def test_search_filtered_by_speaker_leads_to_their_speech_highlighted(page, site_dir):
    """Open an event page, type a query in the header search, filter by a speaker, click a result:
    the reader lands on that speaker's speech with the words found marked."""
    sections = [s for s in speech_sections(site_dir) if s[2]]
    speakers = defaultdict(set)
    for url, _, speaker, _ in sections:
        speakers[speaker].add(url)
    if len(speakers) < 2:
        pytest.skip("the corpus has fewer than two named speakers")
    by_word = defaultdict(set)
    for _, _, speaker, text in sections:
        for word in re.findall(r"[A-Za-z]{7,}", text):
            by_word[word.lower()].add(speaker)
    # the speaker with the fewest events (so that the filter narrows) and a word that others say too
    speaker = min(speakers, key=lambda s: (len(speakers[s]), s))
    word = next((w for w, who in sorted(by_word.items()) if speaker in who and len(who) > 1), None)
    if word is None:
        pytest.skip(f"no word is said by {speaker} and someone else")
    events_of_speaker = speakers[speaker]
    stems = {a.rsplit("-", 1)[0] for _, a, s, _ in sections if s == speaker}

    start = longest_event(site_dir)
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(start)
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__sameDocument = true; }")
    box = open_search(page)
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-label")
    page.keyboard.type(word, delay=20)
    options = page.locator("#archive-search-results [role=option]")
    options.first.wait_for(state="visible")
    status = page.locator("#archive-search-status")
    assert status.get_attribute("role") == "status"
    unfiltered = status.inner_text()

    # the filters' values load when the reader opens them, not with every search
    toggle = page.locator(".archive-search__filters-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not any("/pagefind/filter/" in url for url in asked), "filters loaded unasked"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    select = page.locator("select[data-filter=speaker]")
    select.wait_for(state="visible")
    assert select.evaluate("s => s.labels.length") == 1, "the speaker filter has no label"
    value = next(
        v
        for v in select.locator("option").evaluate_all("os => os.map(o => o.value)")
        if v == speaker
    )
    select.select_option(value)
    page.wait_for_function(
        "text => { const s = document.getElementById('archive-search-status').textContent;"
        " return s !== text && !s.includes('Searching'); }",
        arg=unfiltered,
    )
    assert speaker in status.inner_text()
    hrefs = options.locator("a").evaluate_all("links => links.map(a => a.href)")
    shown = {re.search(r"/(events/[^/]+/)", h)[1] for h in hrefs}
    assert shown and shown <= events_of_speaker, (
        f"results outside {speaker}'s events: {shown - events_of_speaker}"
    )
    theirs = [h for h in hrefs if h.rsplit("#", 1)[-1].rsplit("-", 1)[0] in stems]
    assert theirs, f"no result leads to a speech by {speaker}: {hrefs}"

    # keyboard: ArrowDown to that result, Enter opens it (the combobox names the active option)
    index = hrefs.index(theirs[0])
    box.focus()
    for _ in range(index + 1):
        page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"[id='{active}']").get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    event = re.search(r"/(events/[^/]+/)", theirs[0])[1]
    anchor = theirs[0].rsplit("#", 1)[1]
    landed_on(page, event, anchor)
    assert marks_in_section(page, anchor) >= 1, f"{word!r} is not marked in {anchor}"
    assert word in " ".join(page.locator("mark.archive-highlight").all_inner_texts()).lower()
    assert not page.evaluate("() => document.getElementById('__search').checked"), (
        "the search stayed open"
    )
    if event != start:
        assert page.evaluate("() => window.__sameDocument === true"), (
            "the result was not opened by instant navigation"
        )
    assert not page.errors, page.errors


def test_search_closes_with_escape(page, site_dir):
    page.goto(longest_event(site_dir))
    page.wait_for_load_state("networkidle")
    open_search(page)
    page.keyboard.type("trade")
    page.locator("#archive-search-results [role=option]").first.wait_for(state="visible")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    assert not page.evaluate(
        "() => document.activeElement && document.activeElement.matches('input.md-search__input')"
    )
    # "s" opens it again, as in Material
    page.locator("body").press("s")
    page.wait_for_function("() => document.getElementById('__search').checked")
    assert not page.errors, page.errors


def test_footnote_tooltip_shows_the_figure_note(page, site_dir):
    for url in event_pages(site_dir):
        if "footnote-ref" in (site_dir / url / "index.html").read_text(encoding="utf-8"):
            break
    else:
        pytest.skip("no event page has a footnoted figure")
    page.goto(url)
    page.wait_for_load_state("networkidle")
    ref = page.locator("sup a.footnote-ref").first
    note_id = ref.get_attribute("href").split("#", 1)[1]
    note = page.eval_on_selector(
        f"[id='{note_id}']", "li => li.textContent.replace('↩', '').trim()"
    )
    ref.scroll_into_view_if_needed()
    ref.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text().strip()
    assert text and text[:40] in note.replace("\n", " ") or note[:40] in text, (text, note)
    box = tooltip.bounding_box()
    assert box and box["width"] > 50 and box["height"] > 10


def read_clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_link_puts_the_absolute_address_on_the_clipboard(page, site_dir, base_url):
    url = longest_event(site_dir)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    mark = page.locator(".md-content p[id] a.para-link").nth(1)
    anchor = mark.evaluate("a => a.hash")
    mark.click()
    status = page.locator(".archive-status[role=status]")
    status.wait_for(state="visible")
    page.wait_for_function(
        "() => document.querySelector('.archive-status').textContent === 'Link copied'"
    )
    assert status.get_attribute("aria-live") == "polite"
    assert read_clipboard(page) == f"{base_url}{url}{anchor}"
    assert page.url == f"{base_url}{url}{anchor}", "the link no longer moves to the paragraph"

    heading = page.locator(".md-content h2[id]").last
    heading.hover()
    heading.locator("a.headerlink").click()
    page.wait_for_function(
        "text => navigator.clipboard.readText().then(t => t === text)",
        arg=f"{base_url}{url}#{heading.get_attribute('id')}",
    )
    assert not page.errors, page.errors


def test_cite_button_copies_a_citation_of_the_speech(page, site_dir):
    url = longest_event(site_dir)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    data = page.locator(".event-cite")
    title, source, public = (
        data.get_attribute(a) for a in ("data-title", "data-source", "data-url")
    )
    assert title and source and public.endswith(url)
    heading = page.locator(".md-content h2[id]:has(a[href*='persons/'])").first
    speaker = heading.locator("a[href*='persons/']").first.inner_text().strip()
    button = heading.locator(".cite-button")
    assert button.is_visible() and button.get_attribute("aria-label")
    button.click()
    expected = f"{speaker}. “{title}.” {source}. {public}#{heading.get_attribute('id')}"
    page.wait_for_function(
        "text => navigator.clipboard.readText().then(t => t === text)", arg=expected
    )
    page.wait_for_function(
        "() => document.querySelector('.archive-status').textContent === 'Citation copied'"
    )
    # the event-wide citation agrees on title, publisher and date
    summary = page.locator("details.quote").first
    summary.locator("summary").click()
    assert f"“{title}.” {source}." in summary.inner_text()


def test_controls_survive_instant_navigation(page, site_dir, base_url):
    url = longest_event(site_dir)
    page.goto("events/")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(f".md-content a[href$='{url.split('/')[1]}/']").first.click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    page.locator(".md-content h2[id] .cite-button").first.wait_for(state="visible")
    assert page.evaluate("() => window.__sameDocument === true"), (
        "the page was reloaded: instant navigation is off"
    )
    mark = page.locator(".md-content p[id] a.para-link").first
    anchor = mark.evaluate("a => a.hash")
    mark.click()
    page.wait_for_function(
        "text => navigator.clipboard.readText().then(t => t === text)",
        arg=f"{base_url}{url}{anchor}",
    )
    assert not page.errors, page.errors


def test_print_keeps_speakers_and_footnotes_and_hides_the_rest(page, site_dir):
    url = longest_event(site_dir)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    visible = page.evaluate("""() => {
        const shown = s => Array.from(document.querySelectorAll(s)).some(e => e.getClientRects().length > 0
            && getComputedStyle(e).visibility !== 'hidden');
        return {headings: shown('.md-content h2[id]'), footnotes: shown('.md-content .footnote'),
                nav: shown('.md-sidebar--primary .md-nav') || shown('.md-tabs'), search: shown('.md-search'),
                para: shown('.md-content a.para-link'), cite: shown('.md-content .cite-button'), header: shown('.md-header')};
    }""")
    assert visible["headings"]
    if "footnote-ref" in (site_dir / url / "index.html").read_text(encoding="utf-8"):
        assert visible["footnotes"]
    assert not any(visible[k] for k in ("nav", "search", "para", "cite", "header")), visible


def test_instant_navigation_works_without_downloading_the_sitemap(page, site_dir):
    """Material downloads sitemap.xml (1 KB per event) on every visit only to know which links are
    the site's own; the theme answers that request locally and follows internal links itself."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    url = longest_event(site_dir)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__sameDocument = true; }")
    person = page.locator(".md-content h2[id] a[href*='persons/']").first
    name = person.inner_text().strip()
    person.click()
    page.wait_for_url(re.compile(r"/persons/[^/]+/$"))
    page.wait_for_function(
        "name => document.querySelector('.md-content h1') && "
        "document.querySelector('.md-content h1').textContent.includes(name)",
        arg=name,
    )
    assert page.evaluate("() => window.__sameDocument === true"), "instant navigation is off"
    page.go_back()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    page.locator(".md-content h2[id] .cite-button").first.wait_for(state="visible")
    assert page.evaluate("() => window.__sameDocument === true")
    assert not [r for r in requested if "sitemap" in r], [r for r in requested if "sitemap" in r]
    assert not page.errors, page.errors
