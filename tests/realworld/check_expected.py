"""Check the real-world corpus: every expected file parses, names an existing page, and every
string it quotes from the page (figures[].text, not_figures, quotes[].starts, furniture,
date_line) occurs verbatim in that page. Run: python tests/realworld/check_expected.py"""
import glob
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REQUIRED = ("url", "publisher", "layout", "date", "date_line", "doc_type", "speakers",
            "quotes", "figures", "not_figures", "furniture")
DOC_TYPES = {"transcript", "news", "article", "interview"}


def check(path):
    problems = []
    page_path = path[: -len(".expected.yml")] + ".txt"
    if not os.path.exists(page_path):
        return [f"no page {os.path.basename(page_path)}"]
    with open(page_path, encoding="utf-8", newline="") as f:
        page = f.read()
    try:
        with open(path, encoding="utf-8") as f:
            exp = yaml.safe_load(f)
    except yaml.YAMLError as e:
        return [f"YAML error: {str(e).splitlines()[-1].strip()}"]
    for key in REQUIRED:
        if key not in exp:
            problems.append(f"missing key {key}")
    if exp.get("doc_type") not in DOC_TYPES:
        problems.append(f"doc_type {exp.get('doc_type')!r}")
    strings = []
    if exp.get("date_line"):
        strings.append(("date_line", exp["date_line"]))
    for q in exp.get("quotes") or []:
        strings.append(("quote", q["starts"]))
        if "speaker" not in q:
            problems.append(f"quote without speaker key: {q['starts']!r}")
    for fig in exp.get("figures") or []:
        strings.append(("figure", fig["text"]))
        if not fig.get("scope") or not fig.get("measure"):
            problems.append(f"figure without scope/measure: {fig['text']!r}")
    for s in exp.get("not_figures") or []:
        strings.append(("not_figure", str(s)))
    for s in exp.get("furniture") or []:
        strings.append(("furniture", s))
    if exp.get("quotes"):
        seq = []
        for q in exp["quotes"]:
            if q.get("speaker") not in seq:
                seq.append(q.get("speaker"))
        if seq != exp.get("speakers"):
            problems.append(f"speakers {exp.get('speakers')} differ from the quotes' speakers {seq}")
    for kind, s in strings:
        if s not in page:
            problems.append(f"{kind} not in page: {s!r}")
    return problems


def main():
    files = sorted(glob.glob(os.path.join(HERE, "pages", "*", "*.expected.yml")))
    pages = sorted(glob.glob(os.path.join(HERE, "pages", "*", "*.txt")))
    bad = 0
    for path in files:
        for p in check(path):
            bad += 1
            print(f"{os.path.relpath(path, HERE)}: {p}")
    for page in pages:
        if not os.path.exists(page[: -len(".txt")] + ".expected.yml"):
            bad += 1
            print(f"{os.path.relpath(page, HERE)}: no expected file")
    publishers = {os.path.basename(os.path.dirname(p)) for p in pages}
    print(f"{len(pages)} pages, {len(publishers)} publisher folders, {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
