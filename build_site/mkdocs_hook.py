"""Thin MkDocs hook: regenerate docs_src/ before each build, index the built site for search
after it, and watch seeds and vocabularies.

All the work is `python -m build_site` and `python -m build_site.write.search_index SITE`; this file only
triggers them, so Zensical (which runs no hooks) builds the same site with those two commands.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_site.__main__ import run
from build_site.config import TEMPLATES_DIR, Config
from build_site.write.search_index import SearchIndexError, build_index

log = logging.getLogger("mkdocs.hooks.build_site")


def _config(mkdocs_config) -> Config:
    root = Path(mkdocs_config["config_file_path"]).parent
    return Config(
        root=root,
        docs=Path(mkdocs_config["docs_dir"]),
        strict=bool(mkdocs_config["strict"]),
        progress=False,
        use_cache=True,
    )


class _LogStream:
    """A file-like stream that sends each printed line to MkDocs' log, so that problems with the
    seeds show under `mkdocs build` and `mkdocs serve`: as warnings, or as errors under --strict
    (where they fail the build, and show even with -q)."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict

    def write(self, text: str) -> int:
        for line in text.splitlines():
            if not line.strip():
                continue
            if ": repair: " in line:
                level = logging.DEBUG
            elif ": warning: " in line or ": error: " in line:
                level = logging.ERROR if self.strict else logging.WARNING
            else:  # the summary line and the report
                level = logging.INFO
            log.log(level, line)
        return len(text)

    def flush(self) -> None:
        pass


def on_pre_build(config, **kwargs) -> None:
    """Regenerate docs_src/. A problem with one seed is a one-line warning and the build goes on;
    only `mkdocs build --strict` fails on them."""
    settings = _config(config)
    if (
        run(settings, out=_LogStream(settings.strict), err=_LogStream(settings.strict)) != 0
        and settings.strict
    ):
        raise PluginError(
            "build_site: the seeds have problems (see above); fix them or build without --strict"
        )


def on_post_build(config, **kwargs) -> None:
    try:
        log.info(str(build_index(config["site_dir"])))
    except SearchIndexError as exc:
        raise PluginError(f"build_site: {exc}") from exc


def on_serve(server, config, builder, **kwargs):
    settings = _config(config)
    for path in (settings.seeds_dir, settings.data, TEMPLATES_DIR):
        server.watch(str(path))
    return server
