"""The eval runner on fake models over a real store: reports, metrics, failures shown first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.answer import CANNOT_ANSWER_PHRASE
from assistant.cli import main
from assistant.errors import InputError
from assistant.evaluation.runner import COLUMNS, ROW_METRICS, judge_answer, run_eval
from assistant.types import Answer, Citation
from tests.conftest import CORPUS
from tests.fakes import FakeEmbedder, FakeGenerator

EINSPACE = "einspace: Searching for Neural Architectures from Fundamental Operations"
ADAM = "Adam: A Method for Stochastic Optimization"
PCFG = (
    "To this end, we introduce einspace, a search space based on a parameterised "
    "probabilistic context-free grammar."
)
QUESTION = "Which search space is based on a parameterised probabilistic context-free grammar?"


def question(qid: str, qtype: str, text: str, gold=(), facts=(), difficulty="easy") -> dict:
    return {
        "id": qid,
        "type": qtype,
        "question": text,
        "gold_titles": list(gold),
        "borderline_titles": [],
        "answer_facts": list(facts),
        "difficulty": difficulty,
    }


QUESTIONS = [
    question("good", "factoid", QUESTION, [EINSPACE], ["probabilistic context-free grammar"]),
    question("none", "unanswerable", "zxqv blorft quuxification", difficulty="hard"),
    # Gold deliberately names a paper the question is not about: this one must fail.
    question("bad", "factoid", QUESTION, [ADAM], ["AdaMax"], difficulty="medium"),
]


def write_questions(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """Like the fake_assistant fixture, but indexed once for the whole module."""
    home = tmp_path_factory.mktemp("eval-runner")
    assistant = Assistant(
        Settings(home=home, corpus=[CORPUS]), embedder=FakeEmbedder(), generator=FakeGenerator()
    )
    assistant.ensure_corpus(progress=False)
    return assistant


@pytest.fixture(scope="module")
def report(indexed, tmp_path_factory):
    # The unanswerable question abstains before generation, so it takes no reply.
    indexed.generator.enqueue([f"{PCFG} [1]", f"{PCFG} [1]"])
    folder = tmp_path_factory.mktemp("eval-report")
    out = folder / "report"
    result = run_eval(indexed, write_questions(folder, QUESTIONS), out, progress=False)
    return result, out


def test_writes_json_and_markdown_reports(report):
    result, out = report
    assert json.loads((out / "report.json").read_text()) == json.loads(json.dumps(result))
    md = (out / "report.md").read_text()
    assert "## Overall" in md and "## By type" in md and "## By difficulty" in md
    assert result["meta"]["n"] == 3 and len(result["rows"]) == 3


def test_every_metric_is_reported_overall_and_per_group(report):
    result, _ = report
    for key, _heading in COLUMNS:
        assert key in result["overall"]
    assert set(result["by_type"]) == {"factoid", "unanswerable"}
    assert set(result["by_difficulty"]) == {"easy", "medium", "hard"}
    assert result["by_type"]["factoid"]["n"] == 2
    for row in result["rows"]:
        assert all(k in row for k in ROW_METRICS)
        assert {"answer", "citations", "sources", "sentences", "abstained"} <= set(row)


def test_scores_a_supported_cited_answer(report):
    rows = {r["id"]: r for r in report[0]["rows"]}
    good = rows["good"]
    assert good["recall_at_5"] == 1.0 and good["mrr"] == 1.0
    assert good["citation_precision"] == 1.0 and good["cited_recall"] == 1.0
    assert good["faithfulness"] == 1.0 and good["fact_coverage"] == 1.0
    assert good["citations"][0]["verdict"] == "gold"
    assert good["latency_s"] >= 0 and len(good["sources"]) <= 5


def test_abstention_is_scored_on_unanswerable_questions(report):
    result, _ = report
    none = {r["id"]: r for r in result["rows"]}["none"]
    assert none["abstained"] and none["faithfulness"] is None and none["recall_at_5"] is None
    assert result["by_type"]["unanswerable"]["abstention_accuracy"] == 1.0
    assert result["overall"]["false_abstention_rate"] == 0.0


def test_failing_question_is_listed_first_with_its_reasons(report):
    result, out = report
    bad = {r["id"]: r for r in result["rows"]}["bad"]
    assert bad["recall_at_5"] == 0.0 and bad["fact_coverage"] == 0.0
    md = (out / "report.md").read_text()
    questions = md[md.index("## Questions") :]
    assert questions.index("### bad") < questions.index("### good")
    assert "### bad (factoid, medium): FAIL: gold papers missing from top 5" in md
    assert "missing facts: AdaMax" in md


def test_limit_asks_only_the_first_questions(indexed, tmp_path):
    indexed.generator.enqueue([f"{PCFG} [1]"])
    result = run_eval(
        indexed, write_questions(tmp_path, QUESTIONS), tmp_path / "out", limit=1, progress=False
    )
    assert [r["id"] for r in result["rows"]] == ["good"]


def test_uncited_sentence_is_unsupported_and_refusal_is_not_a_claim(indexed):
    paper_id = next(s.paper_id for s in indexed.retrieve(QUESTION) if s.title == EINSPACE)
    text = f"{PCFG} [1] Einspace was designed by a committee of pigeons. {CANNOT_ANSWER_PHRASE}"
    answer = Answer(QUESTION, text, [Citation("1", paper_id, EINSPACE, PCFG)], [])
    verdicts = judge_answer(indexed, answer)
    assert [v["supported"] for v in verdicts] == [True, False]
    assert verdicts[1]["cites"] == []


def test_schema_errors_name_file_and_line(indexed, tmp_path):
    rows = [QUESTIONS[0], {**QUESTIONS[1], "type": "trivia"}]
    path = write_questions(tmp_path, rows)
    with pytest.raises(InputError, match=r"questions\.jsonl:2: field 'type'"):
        run_eval(indexed, path, tmp_path / "out", progress=False)


def test_cli_reports_a_bad_question_file_before_loading_models(tmp_path, capsys):
    path = tmp_path / "questions.jsonl"
    path.write_text(json.dumps(QUESTIONS[0]) + "\n{not json\n", encoding="utf-8")
    assert main(["eval", "--questions", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "questions.jsonl:2: not valid JSON" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
