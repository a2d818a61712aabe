"""The site works offline: no page asks any host but the one serving it."""

from __future__ import annotations

from tests.browser.conftest import is_local
from tests.browser.test_browser_reading import longest_event


def test_no_request_leaves_the_site(page, context, site_dir, base_url, foreign_requests):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for url in ["", longest_event(site_dir), "indicators/", "places/", "about/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    page.click("input.md-search__input")
    page.keyboard.type("trade")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert len(requests) > 10
    assert [r for r in requests if not is_local(r, base_url)] == []
    assert not foreign_requests, f"earlier tests asked other hosts: {foreign_requests}"
    assert not page.errors, page.errors
