"""Sections beyond the core (indicators, topics, places, organisations, series): each a function
Renderer → {path: Markdown}. Registered here so the pipeline stays unaware of their details."""

from __future__ import annotations

EXTRA_SECTIONS: tuple = ()
