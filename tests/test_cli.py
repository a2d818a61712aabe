"""The command line, run in-process through main([...]): exit codes, --strict, --report, --quiet,
and every documented option exists (as sqlite-utils checks its docs against its CLI)."""

from __future__ import annotations

import re
import shutil

import pytest

from build_site import __main__ as cli
from tests.paths import ROOT, SEED_FILES

N_SEEDS = len(SEED_FILES)


@pytest.fixture()
def project(tmp_path, copy_seeds):
    """A project root holding a copy of the seeds and an empty docs folder (never the repository's)."""
    copy_seeds(tmp_path)
    (tmp_path / "docs_src").mkdir()
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main([*args, "--no-progress"])
    out, err = capsys.readouterr()
    return code, out, err


def summary(err: str) -> str:
    lines = [l for l in err.splitlines() if l.startswith("build-site: ")]
    assert lines, err
    return lines[-1]


def test_build_writes_pages_and_exits_0(project, capsys):
    code, out, err = run(capsys, "--root", str(project))
    assert code == 0, err
    line = summary(err)
    assert re.match(
        rf"build-site: 8 events from {N_SEEDS} seeds; 0 errors, \d+ warnings, \d+ repairs; pages written \d+, unchanged 0, deleted 0$",
        line,
    ), line
    assert len(list((project / "docs_src/events").glob("20??-??-??-*.md"))) == 8
    assert (project / "docs_src/downloads/corpus.json").exists()
    assert (project / "seeds/urls.yml").exists()
    assert "repair: joined a broken line" in err
    assert out == ""


def test_second_build_writes_nothing(project, capsys):
    run(capsys, "--root", str(project))
    code, _, err = run(capsys, "--root", str(project))
    assert code == 0
    assert re.search(r"pages written 0, unchanged \d+, deleted 0$", summary(err))


def test_seeds_and_docs_options(tmp_path, capsys, copy_seeds):
    seeds = copy_seeds(tmp_path / "elsewhere", [SEED_FILES[0].name])
    docs = tmp_path / "out"
    code, _, err = run(capsys, "--root", str(tmp_path), "--seeds", str(seeds), "--docs", str(docs))
    assert code == 0, err
    assert "1 events from 1 seeds" in summary(err)
    assert len(list((docs / "events").glob("20??-*.md"))) == 1


def test_missing_seeds_folder_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, "--root", str(tmp_path))
    assert code == 2
    assert "no seeds folder" in err and str(tmp_path / "seeds") in err


def test_strict_passes_on_clean_seeds(project, capsys, site):
    if any(i.level == "warning" for i in site.issues):
        pytest.fail(
            "the real seeds raise warnings: "
            + "; ".join(str(i) for i in site.issues if i.level == "warning")
        )
    code, _, err = run(capsys, "--root", str(project), "--strict")
    assert code == 0, err
    assert "FAILED" not in err


UNKNOWN_SPEAKER = "Talks in Astana\nNovember 9, 2023\n* * *\nGovernor of Kostanay Region Kumar Aksakalov: Good afternoon.\nThank you.\n"


def test_warning_passes_but_fails_strict(project, capsys):
    (project / "seeds/900_warning.txt").write_text(UNKNOWN_SPEAKER, encoding="utf-8")
    code, _, err = run(capsys, "--root", str(project))
    assert code == 0, err
    assert "900_warning.txt:4: warning: unknown speaker 'Kumar Aksakalov'" in err
    code, _, err = run(capsys, "--root", str(project), "--strict")
    assert code == 1
    assert summary(err).endswith("— FAILED (strict)")
    assert "9 events" in summary(err)


def test_cp1251_seed_is_a_warning(project, capsys):
    (project / "seeds/901_cp1251.txt").write_bytes(
        "Переговоры\n9 ноября 2023 года\n* * *\nВладимир Путин: Добрый день.\n".encode("cp1251")
    )
    code, _, err = run(capsys, "--root", str(project))
    assert code == 0
    assert "901_cp1251.txt:1: warning: not UTF-8; decoded as cp1251" in err
    assert run(capsys, "--root", str(project), "--strict")[0] == 1


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("902_binary.txt", b"Talks\n\x00\x01", "902_binary.txt:2: error: binary file (NUL byte)"),
        ("903_empty.txt", b"\n\n", "903_empty.txt: error: empty seed (no text)"),
    ],
)
def test_error_fails_without_strict(project, capsys, name, data, message):
    (project / "seeds" / name).write_bytes(data)
    code, _, err = run(capsys, "--root", str(project))
    assert code == 1
    assert message in err
    assert "— FAILED" in summary(err) and "(strict)" not in summary(err)
    # the other seeds are still built
    assert len(list((project / "docs_src/events").glob("20??-??-??-*.md"))) == 8


def test_undated_seed_is_published_under_undated_and_redirects_once_dated(project, capsys):
    """Issue 9: a seed whose text states no date is still an event (a warning names the sidecar
    key); dating it later moves it, and its old address redirects."""
    seed = project / "seeds/904_undated.txt"
    seed.write_text("Talks somewhere\n\nVladimir Putin: Hello.\n", encoding="utf-8")
    code, _, err = run(capsys, "--root", str(project))
    assert code == 0, err
    assert (
        "904_undated.txt:3: warning: no date in the text; set 'date:' in seeds/904_undated.yml"
        in err
    )
    docs = project / "docs_src"
    assert (docs / "events/undated-talks-somewhere.md").exists()
    index = (docs / "events/index.md").read_text(encoding="utf-8")
    assert "## Undated" in index and "undated-talks-somewhere" in index.split("## Undated")[1]
    assert "## Undated" in (docs / "timeline.md").read_text(encoding="utf-8")
    assert run(capsys, "--root", str(project), "--strict")[0] == 1
    # dated in the sidecar: a new address, the old one redirects
    (project / "seeds/904_undated.yml").write_text("date: 2024-05-03\n", encoding="utf-8")
    code, _, err = run(capsys, "--root", str(project))
    assert code == 0, err
    assert (docs / "events/2024-05-03-talks-somewhere.md").exists()
    assert not (docs / "events/undated-talks-somewhere.md").exists()
    redirect = docs / "events/undated-talks-somewhere/index.html"
    assert "2024-05-03-talks-somewhere" in redirect.read_text(encoding="utf-8")


def test_report_says_which_line_gave_the_date(project, capsys):
    (project / "seeds/906_tass.txt").write_text(
        " date 2023-10-06 MOSCOW, October 6. /TASS/. The authorities expect trade to grow.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--root", str(project), "--report")
    assert code == 0
    assert (
        '906_tass.txt:1: date: 2023-10-06 from "MOSCOW, October 6. /TASS/. The authorities expect'
        in out
    )


def test_bad_sidecar_fails_naming_file_and_line(project, capsys):
    (project / "seeds/905_side.txt").write_text(
        "Talks\nNovember 9, 2023\n* * *\nVladimir Putin: Hello.\n", encoding="utf-8"
    )
    (project / "seeds/905_side.yml").write_text("title: Talks\nspeaker: putin\n", encoding="utf-8")
    code, _, err = run(capsys, "--root", str(project))
    assert code == 1
    assert "905_side.yml:2: error: unknown key 'speaker'" in err


def test_quiet_prints_only_errors(project, capsys):
    (project / "seeds/900_warning.txt").write_text(UNKNOWN_SPEAKER, encoding="utf-8")
    code, out, err = run(capsys, "--root", str(project), "--quiet")
    assert code == 0 and out == "" and err == ""
    (project / "seeds/902_binary.txt").write_bytes(b"\x00")
    code, out, err = run(capsys, "--root", str(project), "--quiet")
    assert code == 1
    assert "902_binary.txt:1: error:" in err and "warning" not in err.replace("warnings", "")


def test_report_names_every_rule(project, capsys):
    code, out, err = run(capsys, "--root", str(project), "--report")
    assert code == 0, err
    lines = out.splitlines()
    for seed in SEED_FILES:
        n = len(seed.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n"))
        [head] = [l for l in lines if l.startswith(f"{seed.name}: ")]
        assert head.startswith(f"{seed.name}: {n} lines: ") and "UNACCOUNTED" not in head
    assert "  000_706b5c0bd46f7f98.txt:1: removed by view-settings: View settings" in lines
    assert (
        "  000_706b5c0bd46f7f98.txt:9: removed by site-name: Official website of the President of Russia"
        in lines
    )
    assert "  003_6459434bd1d1d077.txt:7: removed by photo-counter: 1 of 3" in lines
    assert "  003_6459434bd1d1d077.txt:17: removed by related-widget: See also" in lines
    rules = set(re.findall(r"removed by ([a-z-]+):", out))
    assert rules >= {
        "view-settings",
        "site-name",
        "breadcrumb",
        "separator",
        "photo-counter",
        "photo-caption",
        "related-widget",
        "share-widget",
    }
    assert re.search(
        r"^003_6459434bd1d1d077\.txt: 252 lines: .*metadata \d+.*paragraph \d+", out, re.M
    )


def test_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--no-such-option"])
    assert exc.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_help_lists_every_option(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for option in parser_options():
        assert option in out


# --- documentation and parser agree -------------------------------------------------------------


def parser_options() -> set[str]:
    return {s for action in cli.parser()._actions for s in action.option_strings}


def documented_options() -> set[str]:
    """Options shown with the command in README.md and in the CLI's docstring."""
    texts = [(ROOT / "README.md").read_text(encoding="utf-8"), cli.__doc__ or ""]
    found = set()
    for text in texts:
        for line in text.splitlines():
            if "build_site" in line or "build-site" in line:
                found |= set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", line))
    return found


def test_documented_options_exist():
    documented = documented_options()
    assert documented >= {"--strict", "--report"}
    assert documented - parser_options() == set()


def test_every_option_has_help():
    for action in cli.parser()._actions:
        if action.option_strings:
            assert action.help and action.help.strip(), action.option_strings


def test_console_script_is_declared():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^build-site\s*=\s*"build_site\.__main__:main"', text, re.M)


def test_python_dash_m_entry_point(project):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "build_site", "--root", str(project), "--quiet", "--no-progress"],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(list((project / "docs_src/events").glob("20??-??-??-*.md"))) == 8


def test_root_defaults_to_the_current_folder(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    shutil.rmtree(project / "docs_src")
    code, _, err = run(capsys)
    assert code == 0, err
    assert (project / "docs_src/index.md").exists()
