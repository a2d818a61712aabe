"""Organisation pages (what it is, how it is written, the events and paragraphs naming it) and
the organisations index. Lists are paginated like topic pages (see pages_topics).

    >>> from build_site.model import Organisation
    >>> also_written(Organisation("cis", "Commonwealth of Independent States", aliases=("CIS",)))
    'CIS'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from build_site.model import Organisation
from build_site.render.markup import escape
from build_site.render.pages.topics import mention_pages, paragraph_count

if TYPE_CHECKING:
    from build_site.render.renderer import Renderer


def also_written(org: Organisation) -> str:
    """Escaped Markdown list of the other names the organisation is found under."""
    return ", ".join(escape(a) for a in org.aliases)


def organisation_pages(r: Renderer) -> dict[str, str]:
    pages: dict[str, str] = {}
    rows = []
    for oid, org in sorted(r.corpus.organisations.items(), key=lambda kv: kv[1].name.casefold()):
        pages.update(
            mention_pages(
                r,
                "organisation",
                oid,
                "organisation.md.j2",
                org=org,
                also=also_written(org),
            )
        )
        rows.append(org)
    kept = r.kept(("organisation", "*"))  # the index: see topics.index_of
    if kept is not None:
        pages.update(kept)
        return pages
    listed = []
    for org in rows:
        named = r.named("organisation", org.id)
        listed.append((org, also_written(org), paragraph_count(named), len(named)))
    pages["organisations/index.md"] = r.cached(
        "organisations/index.md",
        tuple((o.id, n, e) for o, _, n, e in listed),
        lambda: r.template("organisations_index.md.j2", page="organisations/index.md", rows=listed),
    )
    r.made(("organisation", "*"), {("organisation", "*")}, ("organisations/index.md",))
    return pages
