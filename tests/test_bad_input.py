"""Bad input never breaks the build: each bad seed gets one message naming the file (and line) and
the reason, never a traceback; every other seed still builds; --strict turns messages into exit 1.

Each case is a temporary project: a copy of the real seeds (and their URL record), plus the bad one,
built with `python -m build_site --root TMP` in-process.
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_site import __main__ as cli
from build_site.config import GENERATED_DIRS, GENERATED_FILES
from build_site.link.urls import load_record
from tests.paths import SEEDS_DIR

#: The real corpus: five seeds, eight events.
REAL_EVENTS = 8
SUMMARY = re.compile(
    r"^build-site: (\d+) events from (\d+) seeds; (\d+) errors, (\d+) warnings, \d+ repairs; "
)

TRANSCRIPT = """News /
{title}
{date}
Astana
* * *
Vladimir Putin: {text}
Kassym-Jomart Tokayev: Thank you, Mr President.
"""


def seed(
    title: str = "Talks in Astana",
    date: str = "May 3, 2024",
    text: str = "Good afternoon, colleagues.",
) -> bytes:
    return TRANSCRIPT.format(title=title, date=date, text=text).encode("utf-8")


# --- the temporary project ------------------------------------------------------------------------


@pytest.fixture()
def project(tmp_path, copy_seeds, root):
    """A project root holding a copy of the real seeds and their URL record."""
    copy_seeds(tmp_path)
    shutil.copy2(root / "seeds" / "urls.yml", tmp_path / "seeds" / "urls.yml")
    return tmp_path


def add(project: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (project / "seeds" / name).write_bytes(data)


def build(project: Path, capsys, *args: str) -> tuple[int, str]:
    """Run the CLI in-process; (exit status, everything it printed)."""
    code = cli.main(["--root", str(project), "--no-progress", *args])
    out, err = capsys.readouterr()
    return code, out + err


def messages(output: str, name: str) -> list[str]:
    """Messages about one file: 'name: level: …' or 'name:line: level: …'."""
    return [
        l
        for l in output.splitlines()
        if re.match(rf"{re.escape(name)}(?::\d+)?: (?:error|warning): ", l)
    ]


def check_common(project: Path, output: str) -> re.Match:
    """No traceback, the real seeds' events all built, and a summary line at the end."""
    assert "Traceback" not in output, output
    last = output.rstrip().splitlines()[-1]
    summary = SUMMARY.match(last)
    assert summary, f"the build does not end with a summary line: {last!r}"
    record = load_record(project / "seeds" / "urls.yml")
    real_seeds = {p.name for p in SEEDS_DIR.glob("*.txt")}
    real = [u for k, u in record.urls.items() if k.split("#")[0] in real_seeds]
    missing = [u for u in real if not (project / "docs_src" / (u.rstrip("/") + ".md")).exists()]
    assert len(real) >= REAL_EVENTS and not missing, f"real events not built: {missing}"
    return summary


# --- one case per kind of bad seed ----------------------------------------------------------------

#: (case id, files to add, file named in the message, line or None, level, reason pattern)
CASES = [
    ("empty", {"bad-empty.txt": b""}, "bad-empty.txt", None, "error", r"empty seed"),
    (
        "whitespace",
        {"bad-blank.txt": "  \n\t\n\r\n \u00a0 \n".encode()},
        "bad-blank.txt",
        None,
        "error",
        r"empty seed",
    ),
    (
        "binary",
        {"bad-binary.txt": b"News /\nTalks\n\x00\x01\x02\xff\xfe binary"},
        "bad-binary.txt",
        3,
        "error",
        r"binary file \(NUL byte\)",
    ),
    (
        "latin-1",
        {
            "bad-latin1.txt": "News /\nRencontre à Paris\nMay 3, 2024\n* * *\nVladimir Putin: Très bien.\n".encode(
                "latin-1"
            )
        },
        "bad-latin1.txt",
        2,
        "error",
        r"not UTF-8 .*0xe0.*save the file as UTF-8",
    ),
    (
        "cp1251",
        {
            "bad-cp1251.txt": "Новости /\nВстреча в Астане\n3 мая 2024 года\n* * *\nВладимир Путин: Добрый день, коллеги.\n".encode(
                "cp1251"
            )
        },
        "bad-cp1251.txt",
        1,
        "warning",
        r"not UTF-8; decoded as cp1251",
    ),
    (
        "unknown speaker",
        {
            "bad-unknown.txt": seed(
                "Meeting with the Governor of Kostanay Region", "November 3, 2025"
            ).replace(b"Vladimir Putin: Good", b"Governor of Kostanay Region Kumar Aksakalov: Good")
        },
        "bad-unknown.txt",
        6,
        "warning",
        r"unknown speaker 'Kumar Aksakalov'",
    ),
    (
        "malformed sidecar",
        {
            "bad-sidecar.txt": seed(),
            "bad-sidecar.yml": b"# a note\ntitle: Talks\ndate: [2024-05-03\n",
        },
        "bad-sidecar.yml",
        4,
        "error",
        r"invalid YAML",
    ),
    (
        "sidecar unknown key",
        {"bad-key.txt": seed(), "bad-key.yml": b"title: Talks\ndated: 2024-05-03\n"},
        "bad-key.yml",
        2,
        "error",
        r"unknown key 'dated'",
    ),
    (
        "same title and date",
        {
            "bad-same-a.txt": seed(text="Good morning."),
            "bad-same-b.txt": seed(text="Good evening."),
        },
        "bad-same-b.txt",
        None,
        "warning",
        r"same date and title; URL events/2024-05-03-talks-in-astana-[0-9a-f]+/",
    ),
    (
        "exact duplicate",
        {"zz-copy.txt": None},
        "zz-copy.txt",
        None,
        "warning",
        r"exact duplicate of 000_706b5c0bd46f7f98\.txt; skipped",
    ),
]


@pytest.mark.parametrize("case, files, name, line, level, reason", CASES, ids=[c[0] for c in CASES])
def test_bad_seed(project, capsys, root, case, files, name, line, level, reason):
    files = {
        k: v if v is not None else (root / "seeds" / "000_706b5c0bd46f7f98.txt").read_bytes()
        for k, v in files.items()
    }
    add(project, files)
    code, output = build(project, capsys)
    summary = check_common(project, output)
    [message] = messages(output, name)  # exactly one line about the file
    where = f"{name}:{line}" if line else name
    assert message.startswith(f"{where}: {level}: "), message
    assert re.search(reason, message), message
    assert int(summary[3 if level == "error" else 4]) >= 1
    assert code == (1 if level == "error" else 0), output  # warnings pass, errors fail
    code, output = build(project, capsys, "--strict")
    assert code == 1 and "FAILED" in output.splitlines()[-1], output
    assert "Traceback" not in output


def test_cp1251_is_decoded(project, capsys):
    add(
        project,
        {
            "ru.txt": "Новости /\nВстреча в Астане\n3 мая 2024 года\nАстана\n* * *\nВладимир Путин: Добрый день, коллеги.\n".encode(
                "cp1251"
            )
        },
    )
    code, output = build(project, capsys)
    check_common(project, output)
    assert code == 0
    pages = [
        p.read_text(encoding="utf-8")
        for p in (project / "docs_src" / "events").glob("2024-05-03-*.md")
    ]
    assert any("Добрый день, коллеги" in p for p in pages), "the Russian text is not on its page"


def test_unknown_speaker_gets_a_person_page(project, capsys):
    add(
        project,
        {
            "unknown.txt": seed(
                "Meeting with the Governor of Kostanay Region", "November 3, 2025"
            ).replace(b"Vladimir Putin: Good", b"Governor of Kostanay Region Kumar Aksakalov: Good")
        },
    )
    code, output = build(project, capsys)
    check_common(project, output)
    assert code == 0
    page = project / "docs_src" / "persons" / "kumar-aksakalov.md"
    assert page.exists(), "no person page for the unknown speaker"
    assert "Kumar Aksakalov" in page.read_text(encoding="utf-8")


def test_bom_and_crlf_read_cleanly(project, capsys):
    data = b"\xef\xbb\xbf" + seed(
        "Talks with a byte order mark", text="Colleagues, good afternoon."
    ).replace(b"\n", b"\r\n")
    add(project, {"bom.txt": data})
    code, output = build(project, capsys)
    check_common(project, output)
    assert code == 0 and messages(output, "bom.txt") == []
    [page] = (project / "docs_src" / "events").glob("2024-05-03-talks-with-a-byte-order-mark.md")
    text = page.read_text(encoding="utf-8")
    assert "\ufeff" not in text and "\r" not in text
    assert "Colleagues, good afternoon." in text
    code, output = build(project, capsys, "--strict")
    assert code == 0, output


def test_file_name_with_spaces_and_cyrillic(project, capsys):
    name = "Встреча с президентом 2024.txt"
    add(
        project,
        {name: seed("Meeting with the President", "June 4, 2024", "Good afternoon, friends.")},
    )
    code, output = build(project, capsys, "--report")
    check_common(project, output)
    assert code == 0 and messages(output, name) == []
    assert any(l.startswith(f"{name}: ") for l in output.splitlines()), (
        "the report does not name the seed"
    )
    assert (project / "docs_src" / "events" / "2024-06-04-meeting-with-the-president.md").exists()
    record = load_record(project / "seeds" / "urls.yml")
    assert record.urls[f"{name}#0"] == "events/2024-06-04-meeting-with-the-president/"
    code, output = build(project, capsys, "--strict")
    assert code == 0, output


def test_same_title_and_date_both_build(project, capsys):
    add(
        project,
        {"same-a.txt": seed(text="Good morning."), "same-b.txt": seed(text="Good evening.")},
    )
    code, output = build(project, capsys)
    check_common(project, output)
    assert code == 0
    record = load_record(project / "seeds" / "urls.yml")
    a, b = record.urls["same-a.txt#0"], record.urls["same-b.txt#0"]
    assert (
        a == "events/2024-05-03-talks-in-astana/"
        and b != a
        and b.startswith("events/2024-05-03-talks-in-astana-")
    )
    texts = [
        (project / "docs_src" / (u.rstrip("/") + ".md")).read_text(encoding="utf-8") for u in (a, b)
    ]
    assert "Good morning." in texts[0] and "Good evening." in texts[1]
    # a second build keeps both URLs and says nothing new
    code, output = build(project, capsys)
    assert load_record(project / "seeds" / "urls.yml").urls == record.urls


def test_exact_duplicate_is_skipped(project, capsys, root):
    add(project, {"zz-copy.txt": (root / "seeds" / "003_6459434bd1d1d077.txt").read_bytes()})
    code, output = build(project, capsys)
    summary = check_common(project, output)
    assert code == 0
    assert int(summary[1]) == REAL_EVENTS  # nothing added
    [message] = messages(output, "zz-copy.txt")
    assert "003_6459434bd1d1d077.txt" in message and "zz-copy.txt" in message


def test_several_bad_seeds_at_once(project, capsys):
    """Every bad seed gets its own message; the good ones (old and new) all build."""
    add(
        project,
        {
            "bad-1.txt": b"",
            "bad-2.txt": b"\x00",
            "bad-3.txt": "Été".encode("latin-1"),
            "good.txt": seed(),
        },
    )
    code, output = build(project, capsys)
    summary = check_common(project, output)
    assert code == 1
    assert int(summary[1]) == REAL_EVENTS + 1 and int(summary[3]) == 3
    for name in ("bad-1.txt", "bad-2.txt", "bad-3.txt"):
        assert len(messages(output, name)) == 1


# --- a 2 MB line ------------------------------------------------------------------------------------


def test_two_megabyte_line_is_linear(project, capsys, seed_files):
    """One 2 MB line of real text (figures, dates, names) builds in seconds: no stage is quadratic
    in the length of a paragraph, and no regular expression backtracks catastrophically."""
    words = " ".join(
        l.strip()
        for p in seed_files
        for l in p.read_text(encoding="utf-8").splitlines()
        if len(l.split()) > 12
    )
    body = ((words + " ") * (2_000_000 // len(words) + 1))[:2_000_000]
    add(
        project,
        {
            "long.txt": seed("A very long line", text=body).replace(
                b"Kassym-Jomart Tokayev: Thank you, Mr President.\n", b""
            )
        },
    )
    start = time.perf_counter()
    code, output = build(project, capsys)
    seconds = time.perf_counter() - start
    check_common(project, output)
    assert code == 0, output
    assert seconds < 60, (
        f"a 2 MB line took {seconds:.1f} s (about 6 s expected: something is quadratic)"
    )
    [page] = (project / "docs_src" / "events").glob("2024-05-03-a-very-long-line.md")
    assert page.stat().st_size > 2_000_000


#: Repeated tokens that once made a stage quadratic (a regex over the whole text before each
#: number or name, a list scanned per figure) or could make a regex backtrack.
PATHOLOGICAL = [
    "1 ",
    "1–",
    "Putin ",
    "“a”, said Putin ",
    "Vladimir Putin: ",
    "Half of them grew. ",
    "$1 billion ",
    "Mr. ",
    "A" * 30 + " ",
    "x" * 139 + ":",
    "Photo ",
    "Trade grew by 5 percent to $28 billion. ",
    "The trade grew by 5 percent to $28 billion, and Kazakhstan agreed ",
]


@pytest.fixture(scope="module")
def pipeline():
    """clean → structure → extract → escape of one seed given as lines."""
    from build_site.clean.clean import clean
    from build_site.clean.speakers import SpeakerIndex
    from build_site.config import DATA_DIR
    from build_site.extract.entities import Matcher
    from build_site.extract.extract import extract
    from build_site.extract.indicators import load_indicators
    from build_site.model import Line, Source
    from build_site.read.vocab import load_vocabulary
    from build_site.render.markup import escape
    from build_site.structure.structure import structure

    vocab = load_vocabulary(DATA_DIR)
    speakers, matcher, indicators = (
        SpeakerIndex(vocab.persons),
        Matcher(vocab),
        load_indicators(DATA_DIR / "indicators.yml"),
    )

    def run(lines: list[str]) -> float:
        source = Source("x.txt", "x.txt", tuple(Line(i, t) for i, t in enumerate(lines, 1)))
        # CPU time of this process, not wall time: other work on a shared CI machine slows a long
        # run more than a short one. Collection off, as timeit does: a full collection walks every
        # object the test session holds, which measures the session, not this code.
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            raws, _ = clean(source, speakers)
            events = [
                extract(e, matcher, indicators)
                for raw in raws
                if (e := structure(raw, {}, speakers)[0])
            ]
            for e in events:
                for p in e.paragraphs:
                    escape(p.text)
            seconds = time.process_time() - start
        finally:
            gc.enable()
        assert events
        return seconds

    return run


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_no_stage_is_quadratic(pipeline, unit):
    """A paragraph of one token repeated: eight times the length costs about eight times the time
    (quadratic code costs sixty-four), and 40,000 characters take seconds, not minutes."""

    def seconds(n: int) -> float:
        # the best of three runs, as timeit advises: noise makes a run slow, never fast
        text = (unit * (n // len(unit) + 1))[:n]
        lines = ["News /", "Title", "May 3, 2024", "* * *", "Vladimir Putin: " + text]
        return min(pipeline(lines) for _ in range(3))

    small, big = seconds(5_000), seconds(40_000)
    assert big < max(0.5, 20 * small), (
        f"{unit!r}: 5,000 chars {small:.2f} s, 40,000 chars {big:.2f} s: quadratic"
    )
    assert big < 30, f"{unit!r} × 40,000 characters took {big:.1f} s"


# --- Markdown, HTML and template syntax in the text ---------------------------------------------------

INJECTION = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "# heading",
    "[^1]: note",
    "{#id}",
    "{: .class }",
    "{{ config }}",
    "{% raw %}",
    "| a | b |",
    "|---|---|",
    "```",
    "<!--",
    "[x](javascript:alert(1))",
    "<b>bold</b> *em* _em_ `code` ~~del~~",
    "Term",
    ": definition",
    "!!! note",
    "    indented code",
    "1. list",
    "- item",
    "> quote",
    "*[HTML]: abbreviation",
    "&amp; &lt;",
    "-->",
]


def injection_seed() -> bytes:
    body = "\n".join(INJECTION)
    return f"News /\nMarkup in the text\nMay 5, 2024\nAstana\n* * *\nVladimir Putin: {INJECTION[0]} opens.\n{body}\n".encode()


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", {"data": data}))


def parse(text: str) -> _Html:
    p = _Html()
    p.feed(text)
    return p


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CI="1", PYTHONUTF8="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture()
def site_project(project, root):
    """The temporary project made buildable by MkDocs: mkdocs.yml, the package's hook and theme,
    and the hand-written docs."""
    shutil.copy2(root / "mkdocs.yml", project / "mkdocs.yml")
    (project / "build_site").symlink_to(root / "build_site", target_is_directory=True)
    generated = {*GENERATED_DIRS, *GENERATED_FILES}
    shutil.copytree(
        root / "docs_src",
        project / "docs_src",
        ignore=lambda d, names: generated if Path(d) == root / "docs_src" else (),
    )
    return project


@pytest.mark.slow
def test_markup_in_the_text_stays_text(site_project, capsys):
    add(site_project, {"markup.txt": injection_seed()})
    code, output = build(site_project, capsys)
    check_common(site_project, output)
    assert code == 0, output
    [md] = (site_project / "docs_src" / "events").glob("2024-05-05-markup-in-the-text.md")
    result = mkdocs(site_project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    page = (site_project / "site" / "events" / md.stem / "index.html").read_text(encoding="utf-8")
    page = page[
        page.index("<article") : page.rindex("</article>")
    ]  # the page's content, not the theme
    doc = parse(page)
    # nothing of the seed became markup
    assert not [s for s in doc.scripts if "alert" in s], "a <script> from the seed reached the HTML"
    assert not [t for t, a in doc.tags if "onerror" in a], "an onerror attribute reached the HTML"
    assert not [
        a for t, a in doc.tags if (a.get("href") or "").strip().lower().startswith("javascript:")
    ]
    assert sum(1 for t, _ in doc.tags if t == "h1") == 1, "the seed made an extra <h1>"
    # the Cite menu's BibTeX and CSL-JSON are the page's only code blocks (two of each tag)
    made = {"pre": 2, "code": 2}
    for tag in ("table", "pre", "code", "img", "blockquote", "del", "abbr", "dl", "ol", "b", "em"):
        assert sum(t == tag for t, _ in doc.tags) == made.get(tag, 0), f"the seed made a <{tag}>"
    assert not [
        a for t, a in doc.tags if a.get("id") == "id" or "class" in (a.get("class") or "").split()
    ]
    assert not [t for t, a in doc.tags if t == "!--" and "alert" in a.get("data", "")]
    assert "admonition" not in page
    # ... and every line is visible literally
    visible = " ".join(" ".join(doc.text).split())
    for line in INJECTION:
        assert " ".join(line.split()) in visible, f"{line!r} is not shown as text"
    # the search index (Pagefind's record of the page) holds the seed's lines as the words shown
    records = [
        json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])
        for f in (site_project / "site" / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    [record] = [r for r in records if r["url"].endswith(f"/events/{md.stem}/")]
    indexed = " ".join(record["content"].split())
    for line in (
        "<script>alert(1)</script>",
        "<b>bold</b> *em* _em_ `code` ~~del~~",
        "{{ config }}",
    ):
        assert " ".join(line.split()) in indexed, f"{line!r} is not indexed as text"


@pytest.mark.slow
def test_mkdocs_strict_fails_on_a_warning(site_project):
    """The hook runs the generator; under `mkdocs build --strict` a warning about a seed fails the build."""
    add(
        site_project,
        {"same-a.txt": seed(text="Good morning."), "same-b.txt": seed(text="Good evening.")},
    )
    result = mkdocs(site_project, "--strict")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "same-b.txt: warning: another event has the same date and title" in output
    assert "build_site: the seeds have problems" in output
    assert "Traceback" not in output
    # the default build only warns
    result = mkdocs(site_project)
    assert result.returncode == 0, result.stderr
    assert (site_project / "site" / "events" / "2024-05-03-talks-in-astana" / "index.html").exists()


@pytest.mark.slow
def test_mkdocs_default_build_survives_broken_seeds(site_project):
    """Issue 9: one bad seed never fails the default `mkdocs build`; its problem is a one-line
    warning in MkDocs' log (not silent), and the undated seed is still published."""
    add(
        site_project,
        {
            "broken.txt": b"Talks\n\x00\x01",
            "undated.txt": b"Talks somewhere\n\nVladimir Putin: Hello.\n",
        },
    )
    env = dict(os.environ, CI="1", PYTHONUTF8="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", "site"],
        cwd=site_project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "broken.txt:2: error: binary file" in output
    assert "undated.txt:3: warning: no date in the text" in output
    assert (site_project / "site" / "events" / "undated-talks-somewhere" / "index.html").exists()
    assert mkdocs(site_project, "--strict").returncode != 0
