"""Sections beyond the core (indicators, topics, places, organisations, series): each a function
Renderer → {path: Markdown}. Registered here so the pipeline stays unaware of their details."""

from __future__ import annotations

from .pages_indicators import indicators_section
from .pages_organisations import organisation_pages
from .pages_places import place_pages
from .pages_topics import topic_pages
from .series import series_pages

EXTRA_SECTIONS: tuple = (indicators_section, topic_pages, place_pages, organisation_pages, series_pages)
