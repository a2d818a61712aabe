"""What researchers take away, in a real browser: the paragraph Cite button, the Cite menu with
the reader's own date, the JSON-LD the page carries, and the feed linked from the head."""

from __future__ import annotations

import datetime as dt
import json

from tests.browser.test_browser_reading import longest_event


def test_paragraph_cite_button_copies_a_reference(page, site_dir):
    url = longest_event(site_dir)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    data = page.locator(".event-cite")
    title, source, public = (
        data.get_attribute(a) for a in ("data-title", "data-source", "data-url")
    )
    heading = page.locator(".md-content h2[id]:has(a[href*='persons/'])").first
    speaker = heading.locator("a[href*='persons/']").first.inner_text().strip()
    para_id = heading.evaluate(
        "h => { let el = h.nextElementSibling; while (el && !(el.id && el.querySelector('.para-link'))) el = el.nextElementSibling; return el.id; }"
    )
    button = page.locator(f"[id='{para_id}'] .cite-button--paragraph")
    assert button.count() == 1 and button.inner_text() == "Cite"
    assert button.get_attribute("aria-label").startswith("Cite")
    button.click()
    expected = f"{speaker}. “{title}.” {source}. {public}#{para_id}"
    page.wait_for_function(
        "text => navigator.clipboard.readText().then(t => t === text)", arg=expected
    )
    assert not page.errors, page.errors


def test_cite_menu_shows_the_readers_date(page, site_dir):
    page.goto(longest_event(site_dir))
    page.wait_for_load_state("networkidle")
    menu = page.locator("details.quote").first
    menu.locator("summary").click()
    text = menu.inner_text()
    today = dt.datetime.now(dt.timezone.utc).date()
    assert "@misc{" in text and '"type": ' in text
    assert f"urldate = {{{today.isoformat()}}}" in text
    assert f'"accessed": {{"date-parts": [[{today.year}, {today.month}, {today.day}' in text


def test_event_page_carries_json_ld_and_the_feed(page, site_dir):
    page.goto(longest_event(site_dir))
    page.wait_for_load_state("networkidle")
    blocks = page.eval_on_selector_all(
        "script[type='application/ld+json']", "els => els.map(e => e.textContent)"
    )
    [data] = [json.loads(b) for b in blocks]
    claims = [n for n in data["@graph"] if n["@type"] == "Claim"]
    assert claims and all(c["text"] and c["author"] and c["appearance"]["url"] for c in claims)
    feed = page.locator("head link[rel='alternate'][type='application/atom+xml']")
    assert feed.count() == 1
    response = page.request.get(feed.evaluate("l => l.href"))
    assert response.ok and b"<feed" in response.body()
