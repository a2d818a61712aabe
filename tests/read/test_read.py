"""Reading seeds and sidecars: encodings, line endings, and errors that name the file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_site.read.seeds import InputError, decode, find_seeds, read_sidecar, read_source
from build_site.read.sidecar import SIDECAR_KEYS
from tests.paths import SEED_FILES


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- text ------------------------------------------------------------------------------------


def test_bom_and_crlf(tmp_path):
    src = read_source(write(tmp_path, "a.txt", b"\xef\xbb\xbfHello\r\nWorld\r\n"))
    assert [l.text for l in src.lines] == ["Hello", "World", ""]
    assert [l.no for l in src.lines] == [1, 2, 3]
    assert src.issues == ()
    assert "\ufeff" not in src.lines[0].text


def test_lone_cr_and_mixed_line_endings(tmp_path):
    src = read_source(write(tmp_path, "a.txt", b"one\rtwo\r\nthree\nfour"))
    assert [l.text for l in src.lines] == ["one", "two", "three", "four"]


def test_text_is_kept_as_printed(tmp_path):
    """Reading never rewrites the text: no-break spaces, curly quotes and dashes survive."""
    text = "The\u00a0forum is held on\u00a0November\u00a011\u201312 \u201cin Uralsk\u201d."
    src = read_source(write(tmp_path, "a.txt", text))
    assert src.lines[0].text == text


def test_cp1251_is_decoded_with_a_warning(tmp_path):
    src = read_source(
        write(
            tmp_path,
            "ru.txt",
            "Заявления для прессы\nВладимир Путин: Добрый день.".encode("cp1251"),
        )
    )
    assert src.lines[1].text == "Владимир Путин: Добрый день."
    [issue] = src.issues
    assert (issue.file, issue.line, issue.level) == ("ru.txt", 1, "warning")
    assert "cp1251" in issue.message
    assert str(issue).startswith("ru.txt:1: warning: ")


@pytest.mark.parametrize(
    "data, line",
    [
        (
            "line one\nCafé au lait, déjà vu\n".encode("latin-1"),
            2,
        ),  # cp1251 would read 'Cafй', 'dйjа'
        (
            b"line one\nline two\n\x93smart quotes\x94\n",
            3,
        ),  # Windows-1252 quotes: no Cyrillic at all
        (b"ok\n\x98\n", 2),  # undefined in cp1251 too
    ],
)
def test_invalid_utf8_without_russian_is_an_error(tmp_path, data, line):
    with pytest.raises(InputError) as exc:
        read_source(write(tmp_path, "latin.txt", data))
    assert exc.value.issue.line == line
    assert str(exc.value).startswith(f"latin.txt:{line}: error: not UTF-8")


def test_nul_byte_is_an_error_naming_the_line(tmp_path):
    path = write(tmp_path, "bin.txt", b"first\nsecond\nthi\x00rd\n")
    with pytest.raises(InputError) as exc:
        read_source(path)
    assert exc.value.issue.file == "bin.txt"
    assert exc.value.issue.line == 3
    assert "NUL" in str(exc.value)


@pytest.mark.parametrize("data", [b"", b"\n\n", b"   \r\n\t\r\n", b"\xef\xbb\xbf"])
def test_empty_seed_is_an_error(tmp_path, data):
    with pytest.raises(InputError) as exc:
        read_source(write(tmp_path, "empty.txt", data))
    assert str(exc.value) == "empty.txt: error: empty seed (no text)"


def test_decode_reports_utf8_without_issues():
    assert decode("Привет".encode(), "x.txt") == ("Привет", [])


def test_find_seeds_is_sorted_and_only_txt(tmp_path):
    for name in ["b.txt", "a.txt", "a.yml", "notes.md", "urls.yml"]:
        write(tmp_path, name, "x")
    (tmp_path / "folder.txt").mkdir()
    assert [p.name for p in find_seeds(tmp_path)] == ["a.txt", "b.txt"]


def test_source_records_name_path_and_hash(tmp_path):
    path = write(tmp_path, "003_abc.txt", "Hello")
    src = read_source(path)
    assert src.name == "003_abc.txt" and src.stem == "003_abc" and src.path == str(path)
    assert len(src.sha256) == 64


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_every_real_seed_reads_cleanly(path):
    src = read_source(path)
    assert src.issues == ()
    assert src.lines and src.lines[0].no == 1
    assert all("\r" not in l.text and "\ufeff" not in l.text for l in src.lines)


# --- sidecars ---------------------------------------------------------------------------------


def sidecar_error(tmp_path: Path, text: str) -> InputError:
    write(tmp_path, "s.txt", "Hello")
    write(tmp_path, "s.yml", text)
    with pytest.raises(InputError) as exc:
        read_source(tmp_path / "s.txt")
    return exc.value


def test_no_sidecar(tmp_path):
    src = read_source(write(tmp_path, "s.txt", "Hello"))
    assert src.sidecar == {} and src.sidecar_lines == {}


def test_empty_sidecar(tmp_path):
    write(tmp_path, "s.yml", "# only a comment\n")
    assert read_sidecar(tmp_path / "s.yml") == ({}, {})


def test_valid_sidecar_with_lines(tmp_path):
    write(tmp_path, "s.txt", "Hello")
    write(
        tmp_path,
        "s.yml",
        "# comment\ntitle: Talks\ndate: 2024-11-27\ntime: '09:30'\ndoc_type: news\n"
        "events:\n  - title: First\n  - {title: Second, date: '2024-11-28'}\n",
    )
    src = read_source(tmp_path / "s.txt")
    assert src.sidecar["title"] == "Talks"
    assert src.sidecar["date"] == dt.date(2024, 11, 27)
    assert src.sidecar["events"][1]["date"] == dt.date(2024, 11, 28)
    assert src.sidecar_lines["title"] == 2
    assert src.sidecar_lines["events"] == 6
    assert src.sidecar_lines["events.0.title"] == 7
    assert src.sidecar_lines["events.1.date"] == 8


def test_sidecar_with_bom(tmp_path):
    write(tmp_path, "s.yml", b"\xef\xbb\xbftitle: Talks\n")
    assert read_sidecar(tmp_path / "s.yml")[0] == {"title": "Talks"}


def test_bad_yaml_names_file_and_line(tmp_path):
    err = sidecar_error(
        tmp_path, "title: Talks\ndate: 2024-11-27\nauthor: [unclosed\nplace: Astana\n"
    )
    assert err.issue.file == "s.yml"
    assert err.issue.line is not None and 3 <= err.issue.line <= 5
    assert str(err).startswith(f"s.yml:{err.issue.line}: error: invalid YAML")


def test_tab_indented_yaml(tmp_path):
    err = sidecar_error(tmp_path, "title: Talks\nevents:\n\t- title: x\n")
    assert err.issue.file == "s.yml" and err.issue.line == 3


def test_unknown_key_names_key_line_and_known_keys(tmp_path):
    err = sidecar_error(tmp_path, "title: Talks\n\nspeaker: putin\n")
    assert err.issue.line == 3
    assert "unknown key 'speaker'" in err.issue.message
    for key in ("title", "date", "doc_type", "author"):
        assert key in err.issue.message


def test_unknown_key_inside_events(tmp_path):
    err = sidecar_error(tmp_path, "events:\n  - title: A\n  - title: B\n    colour: red\n")
    assert err.issue.line == 4 and "unknown key 'colour'" in err.issue.message


def test_nested_events_key_is_unknown(tmp_path):
    err = sidecar_error(tmp_path, "events:\n  - events: []\n")
    assert err.issue.line == 2 and "unknown key 'events'" in err.issue.message


@pytest.mark.parametrize(
    "value",
    ["2024-13-01", "2024-02-30", "27.11.2024", "November 27, 2024", "yesterday", "2024", "[2024]"],
)
def test_bad_date_names_line(tmp_path, value):
    err = sidecar_error(tmp_path, f"title: Talks\ndate: {value}\n")
    assert err.issue.file == "s.yml" and err.issue.line == 2
    assert "date must be YYYY-MM-DD" in err.issue.message


def test_bad_date_inside_events_names_its_line(tmp_path):
    err = sidecar_error(
        tmp_path, "events:\n  - date: 2024-11-27\n  - title: B\n    date: 2024-11-31\n"
    )
    assert err.issue.line == 4


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("time: 9.30\n", 1, "time must be HH:MM"),
        ("doc_type: speech\n", 1, "doc_type must be transcript, news, article or interview"),
        ("author: Kassym-Jomart Tokayev\n", 1, "author must be a slug"),
        ("title: Talks\nslug: Bad Slug\n", 2, "slug must be a slug"),
        ("title: [a, b]\n", 1, "title must be text"),
        ("publisher: 12\n", 1, "publisher must be text"),
        ("events: {title: x}\n", 1, "'events' must be a list"),
        ("events:\n  - just text\n", 2, "each item of 'events' must be a mapping"),
        ("- a\n- b\n", 1, "sidecar must be a mapping"),
    ],
)
def test_bad_values_name_line(tmp_path, text, line, words):
    err = sidecar_error(tmp_path, text)
    assert (err.issue.file, err.issue.line, err.issue.level) == ("s.yml", line, "error")
    assert words in err.issue.message


def test_every_documented_sidecar_key_is_accepted(tmp_path):
    values = {
        "date": "2024-11-27",
        "time": "'10:00'",
        "doc_type": "article",
        "author": "kassym-jomart-tokayev",
        "slug": "a-slug",
        "events": "[]",
    }
    text = "".join(f"{k}: {values.get(k, 'text')}\n" for k in SIDECAR_KEYS)
    write(tmp_path, "s.yml", text)
    data, _ = read_sidecar(tmp_path / "s.yml")
    assert set(data) == set(SIDECAR_KEYS)


@pytest.mark.parametrize(
    "path",
    sorted(p.with_suffix(".yml") for p in SEED_FILES if p.with_suffix(".yml").exists()),
    ids=lambda p: p.name,
)
def test_real_sidecars_are_valid(path):
    data, lines = read_sidecar(path)
    assert data and set(data) <= set(SIDECAR_KEYS)
    assert all(isinstance(n, int) and n >= 1 for n in lines.values())
