"""The search index made in the background under `mkdocs serve` (the hook's BackgroundIndexer):
after each build a thread waits for a low-priority process making the index, so the browser
reloads as soon as the pages are written; a rebuild stops a run it makes stale.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading

from build_site.write.search_index import SearchIndexError, build_index_apart

#: MkDocs' logger of the hook: the lines read as the hook's own under `mkdocs serve`.
log = logging.getLogger("mkdocs.hooks.build_site")


class BackgroundIndexer:
    """Under `mkdocs serve` the search index is made in the background after each build (a
    thread waits for a low-priority process: search_index.build_index_apart): the browser
    reloads as soon as the pages are written, and search catches up seconds later (Pagefind reads
    every event page: 17 s at 1,000 events, which would otherwise stand between an edit and its
    page). Builds that end while it runs ask for one more run, not one each."""

    def __init__(self, index=None) -> None:
        self.index = index or build_index_apart  # at low priority, in a process of its own
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.again: str | None = None
        self.proc: subprocess.Popen | None = None
        """The process making the index now (build_index_apart's)."""
        self.stopped = False

    def request(self, site_dir: str) -> None:
        with self.lock:
            if self.thread is not None:
                self.again = site_dir
                return
            self.thread = threading.Thread(target=self._run, args=(site_dir,), daemon=True)
            self.thread.start()

    def _run(self, site_dir: str) -> None:
        while True:
            try:
                log.info(str(self._index(site_dir)))
            except SearchIndexError as exc:
                if self.stopped:
                    log.debug("build_site: search index stopped for a newer build")
                else:
                    log.warning(f"build_site: {exc}")
            with self.lock:
                self.proc, self.stopped = None, False
                if self.again is None:
                    self.thread = None
                    return
                site_dir, self.again = self.again, None

    def _index(self, site_dir: str):
        if self.index is build_index_apart:
            return build_index_apart(site_dir, started=self._started)
        return self.index(site_dir)

    def _started(self, proc: subprocess.Popen) -> None:
        with self.lock:
            self.proc = proc

    def stop(self) -> None:
        """Stop the index being made: a rebuild begins, whose pages replace the ones Pagefind
        reads, and Pagefind would take the processors the rebuild needs (at 1,000 events a rebuild
        took 1.84 s beside it in the benchmark's `serve` run, 1.1 to 1.3 s alone). The run the
        rebuild asks for follows."""
        with self.lock:
            proc = self.proc
            if proc is None or proc.poll() is not None:
                return
            self.stopped = True
        try:
            if os.name == "posix":
                os.killpg(proc.pid, signal.SIGTERM)  # and Pagefind, its child
            else:
                proc.terminate()
        except OSError:
            pass  # ended meanwhile

    def wait(self, timeout: float | None = None) -> None:
        thread = self.thread
        if thread is not None:
            thread.join(timeout)
