"""The question-set schema, and the committed dev set and judge labels it guards."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.evaluation.schema import QUESTION_TYPES, Question, load_questions

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "eval" / "questions" / "dev.jsonl"
LABELS = ROOT / "eval" / "judge_labels.jsonl"
CORPUS = ROOT / "data" / "hf-daily-papers"

GOOD = {
    "id": "q1",
    "type": "factoid",
    "question": "How many features were analysed?",
    "gold_titles": ["Paper A"],
    "borderline_titles": [],
    "answer_facts": ["10,000"],
    "difficulty": "easy",
}


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row(**changes: object) -> str:
    data = {**GOOD, **changes}
    return json.dumps({k: v for k, v in data.items() if v is not ...})


def test_loads_a_valid_file_into_frozen_questions(tmp_path):
    path = write(
        tmp_path, row(), "", row(id="q2", type="unanswerable", gold_titles=[], answer_facts=[])
    )
    questions = load_questions(path)
    assert [q.id for q in questions] == ["q1", "q2"]
    assert questions[0] == Question(
        "q1", "factoid", GOOD["question"], ("Paper A",), (), ("10,000",), "easy"
    )
    assert questions[0].answerable and not questions[1].answerable
    with pytest.raises(AttributeError):
        questions[0].id = "changed"  # type: ignore[misc]


BAD_ROWS = [
    # (line 2 of the file, the field the message names, words the message must contain)
    ("{not json", None, "not valid JSON"),
    ("[1, 2]", None, "expected a JSON object"),
    (row(difficulty=...), "difficulty", "missing"),
    (row(extra="x"), "extra", "unexpected"),
    (row(id=""), "id", "non-empty string"),
    (row(id=7), "id", "non-empty string"),
    (row(question="   "), "question", "non-empty string"),
    (row(type="trivia"), "type", "must be one of factoid, metadata, multi, summary, unanswerable"),
    (row(difficulty="extreme"), "difficulty", "must be one of easy, medium, hard"),
    (row(gold_titles="Paper A"), "gold_titles", "list of non-empty strings"),
    (row(answer_facts=[12]), "answer_facts", "list of non-empty strings"),
    (row(borderline_titles=[""]), "borderline_titles", "list of non-empty strings"),
    (row(gold_titles=["A", "A"]), "gold_titles", "repeats"),
    (row(type="unanswerable"), "gold_titles", "must be empty for an unanswerable"),
    (row(gold_titles=[]), "gold_titles", "at least one paper"),
    (row(borderline_titles=["Paper A"]), "borderline_titles", "also in gold_titles"),
    (row(), "id", "duplicate id 'q1' (first on line 1)"),
]


@pytest.mark.parametrize("bad, field, words", BAD_ROWS)
def test_each_bad_row_names_file_line_and_field(tmp_path, bad, field, words):
    path = write(tmp_path, row(), bad)
    with pytest.raises(InputError) as info:
        load_questions(path)
    message = str(info.value)
    assert message.startswith(f"{path}:2: ")
    assert info.value.line == 2 and info.value.path == str(path)
    if field:
        assert f"field '{field}'" in message
    assert words in message


def test_missing_and_empty_files_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_questions(tmp_path / "absent.jsonl")
    with pytest.raises(InputError, match="no questions"):
        load_questions(write(tmp_path, "", "  "))


def test_committed_dev_set_loads_and_covers_types_and_pages():
    questions = load_questions(DEV)
    assert len(questions) >= 80
    assert set(Counter(q.type for q in questions)) == set(QUESTION_TYPES)
    assert {q.difficulty for q in questions} == {"easy", "medium", "hard"}
    sources = pytest.importorskip("assistant.sources")
    files = {path.name for path in CORPUS.glob("*.txt")}
    titles_in = {
        name: {p.title for p in sources.read_corpus([CORPUS / name]).papers} for name in files
    }
    covered = {
        name for q in questions for t in q.gold_titles for name in files if t in titles_in[name]
    }
    assert covered == files  # every bundled page file supplies at least one gold paper
    every_title = set().union(*titles_in.values())
    named = {t for q in questions for t in (*q.gold_titles, *q.borderline_titles)}
    assert named <= every_title


def test_einspace_factoid_is_present():
    questions = load_questions(DEV)
    assert any(
        q.type == "factoid" and any(t.startswith("einspace") for t in q.gold_titles)
        for q in questions
    )


def test_judge_labels_are_balanced_and_quote_real_abstracts():
    rows = [
        json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert len(rows) >= 60
    assert all(set(r) == {"id", "sentence", "passage", "supported", "note"} for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    labels = Counter(r["supported"] for r in rows)
    assert set(labels) == {True, False} and min(labels.values()) >= len(rows) // 3
    assert all(r["sentence"].strip() and r["passage"].strip() and r["note"].strip() for r in rows)
    sources = pytest.importorskip("assistant.sources")
    abstracts = [p.abstract for p in sources.read_corpus([CORPUS]).papers]
    assert [r["id"] for r in rows if not any(r["passage"] in a for a in abstracts)] == []


def test_verify_script_passes_dev_set_and_lists_problems(tmp_path):
    import subprocess
    import sys

    script = ROOT / "eval" / "verify_questions.py"
    ok = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "OK: no problems" in ok.stdout and "types: factoid" in ok.stdout
    bad = write(tmp_path, row(gold_titles=["Not A Corpus Title"]), row(id="q2", answer_facts=[]))
    failed = subprocess.run([sys.executable, str(script), str(bad)], capture_output=True, text=True)
    assert failed.returncode == 1
    assert "q1: gold_titles: not a corpus title" in failed.stdout
    assert "q2: an answerable question needs at least one answer fact" in failed.stdout
