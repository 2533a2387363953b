"""Run `Assistant.ask()` over a question file and score every answer: report.json + report.md.

The model-calling steps (answer, judge each cited sentence) happen here; the scoring itself is
the pure functions of `metrics`. Titles are compared, not paper ids, because question files name
papers by their exact corpus titles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.answer import is_claim
from assistant.citations import cited_sentences, split_sentences
from assistant.resources import REPO_DIR

from . import metrics as m
from .schema import Question, load_questions

if TYPE_CHECKING:
    from assistant.api import Assistant
    from assistant.types import Answer

DEFAULT_QUESTIONS = REPO_DIR / "eval" / "questions" / "dev.jsonl"
# Per-row scores averaged by `aggregate`; the set-level ones are added per group.
ROW_METRICS = (
    "recall_at_5",
    "recall_at_10",
    "mrr",
    "citation_precision",
    "cited_recall",
    "sure_precision",
    "sure_recall",
    "faithfulness",
    "fact_coverage",
    "words",
    "claims",
    "within_length",
    "latency_s",
)
# (report key, column heading) for the Markdown tables and the printed summary.
COLUMNS = (
    ("n", "n"),
    ("faithfulness", "faithful"),
    ("citation_precision", "cite prec"),
    ("cited_recall", "cited rec"),
    ("sure_precision", "sure prec"),
    ("sure_recall", "sure rec"),
    ("recall_at_5", "R@5"),
    ("recall_at_10", "R@10"),
    ("mrr", "MRR"),
    ("fact_coverage", "facts"),
    ("words_p50", "words p50"),
    ("claims", "sentences"),
    ("within_length", "in length"),
    ("abstention_accuracy", "abstain acc"),
    ("false_abstention_rate", "false abstain"),
    ("latency_p50", "p50 s"),
    ("latency_p95", "p95 s"),
)


# -- the model-calling step: judge each answer sentence against what it cites ------------------
def judge_answer(assistant: Assistant, answer: Answer) -> list[dict[str, Any]]:
    """One verdict per answer sentence: supported when a cited paper's text supports it.

    Evidence for a sentence is each cited Citation's snippet and every sentence of the cited
    paper's abstract; the best judge score counts. A sentence citing nothing is unsupported.
    The abstention phrase is not a claim and is skipped; an abstained answer has no verdicts.
    """
    if answer.abstained:
        return []
    judge = assistant.judge
    by_key = {c.key: c for c in answer.citations}
    verdicts = []
    for sentence, keys in cited_sentences(answer.text):
        if not sentence.strip() or not is_claim(sentence):
            continue  # the abstention phrase and list headers frame claims; they are not claims
        evidence: list[str] = []
        for key in keys:
            citation = by_key.get(str(key))
            if citation is None:
                continue
            evidence.append(citation.snippet)
            paper = assistant.paper(citation.paper_id)
            if paper is not None:
                evidence.extend(split_sentences(paper.abstract))
        evidence = list(dict.fromkeys(e for e in evidence if e.strip()))
        scores = judge.score([(sentence, e) for e in evidence]) if evidence else []
        best = max(scores, default=0.0)
        verdicts.append(
            {
                "sentence": sentence,
                "cites": keys,
                "score": round(best, 3),
                "supported": bool(evidence) and best >= judge.threshold,
            }
        )
    return verdicts


def score_row(
    question: Question, answer: Answer, verdicts: Sequence[dict[str, Any]], latency: float
) -> dict[str, Any]:
    """Every per-question metric, plus what a reader needs to see why it scored so."""
    ranked = [s.title for s in answer.sources]
    cited = [c.title for c in answer.citations]
    # A list's weaker matches are offered as "may also match"; "sure" scores leave them out.
    sure = [c.title for c in answer.citations if not c.weak]
    gold, borderline = question.gold_titles, question.borderline_titles
    return {
        "id": question.id,
        "type": question.type,
        "difficulty": question.difficulty,
        "question": question.question,
        "recall_at_5": m.recall_at_k(ranked, gold, 5),
        "recall_at_10": m.recall_at_k(ranked, gold, 10),
        "mrr": m.mrr(ranked, gold),
        "citation_precision": m.citation_precision(cited, gold, borderline),
        "cited_recall": m.cited_recall(cited, gold),
        "sure_precision": m.citation_precision(sure, gold, borderline),
        "sure_recall": m.cited_recall(sure, gold),
        "faithfulness": m.faithfulness([v["supported"] for v in verdicts]),
        "fact_coverage": m.fact_coverage(answer.text, question.answer_facts),
        "abstained": bool(answer.abstained),
        "words": None if answer.abstained else m.answer_words(answer.text),
        "claims": None if answer.abstained else _claims(answer.text),
        "within_length": (
            None
            if answer.abstained
            else m.within_length(
                _claims(answer.text),
                question.length,
                m.answer_words(answer.text),
                question.word_budget,
            )
        ),
        "latency_s": round(latency, 3),
        "mode": str(answer.mode),
        "answer": answer.text,
        "citations": [
            {
                "key": c.key,
                "title": c.title,
                "snippet": c.snippet,
                "verdict": _verdict(c.title, gold, borderline),
                "weak": c.weak,
            }
            for c in answer.citations
        ],
        "sources": [
            {
                "title": s.title,
                "similarity": round(s.similarity, 3),
                "verdict": _verdict(s.title, gold, borderline),
            }
            for s in answer.sources[:5]
        ],
        "sentences": list(verdicts),
        "gold_titles": list(gold),
        "borderline_titles": list(borderline),
        "missing_facts": [f for f in question.answer_facts if not m.fact_in_text(f, answer.text)],
        "error": None,
    }


def _claims(text: str) -> int:
    """How many sentences of an answer state something (headers and notes aside)."""
    return sum(
        1 for sentence, _ in cited_sentences(text) if sentence.strip() and is_claim(sentence)
    )


def _verdict(title: str, gold: Sequence[str], borderline: Sequence[str]) -> str:
    return "gold" if title in gold else "borderline" if title in borderline else "off"


def error_row(question: Question, error: BaseException, latency: float) -> dict[str, Any]:
    """A question whose ask() raised: every metric unknown, the error kept for the report."""
    row: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "difficulty": question.difficulty,
        "question": question.question,
    }
    row.update(dict.fromkeys(ROW_METRICS))
    row.update(
        abstained=False,
        latency_s=round(latency, 3),
        mode="error",
        answer="",
        citations=[],
        sources=[],
        sentences=[],
        gold_titles=list(question.gold_titles),
        borderline_titles=list(question.borderline_titles),
        missing_facts=list(question.answer_facts),
        error=f"{type(error).__name__}: {error}",
    )
    return row


def problems(row: dict[str, Any]) -> list[str]:
    """Why a question counts as failed; empty when it passed every check."""
    if row["error"]:
        return [f"error: {row['error']}"]
    out = []
    answerable = row["type"] != "unanswerable"
    if row["abstained"] and answerable:
        out.append("abstained on an answerable question")
    if not row["abstained"] and not answerable:
        out.append("answered an unanswerable question")
    if (row["recall_at_5"] or 0) < 1 and answerable:
        out.append(f"gold papers missing from top 5 (recall@5 {row['recall_at_5']:.2f})")
    off = [c["title"] for c in row["citations"] if c["verdict"] == "off"]
    if off:
        out.append(f"cites {len(off)} off-topic paper(s)")
    if answerable and not row["abstained"] and (row["cited_recall"] or 0) < 1:
        out.append(f"gold papers not cited (cited recall {row['cited_recall']:.2f})")
    unsupported = sum(not v["supported"] for v in row["sentences"])
    if unsupported:
        out.append(f"{unsupported} of {len(row['sentences'])} sentence(s) unsupported")
    if row["missing_facts"] and not row["abstained"]:
        out.append("missing facts: " + ", ".join(row["missing_facts"]))
    return out


def quality(row: dict[str, Any]) -> float:
    """One number to sort questions worst-first: the mean of the row's known scores."""
    if row["error"]:
        return -1.0
    correct = row["abstained"] == (row["type"] == "unanswerable")
    keys = ("recall_at_5", "citation_precision", "cited_recall", "faithfulness", "fact_coverage")
    known = [row[k] for k in keys if row[k] is not None] + [float(correct)]
    return float(sum(known)) / len(known)


def summarize(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Overall, per-type and per-difficulty averages, abstention rates and latency percentiles."""
    table = m.aggregate(rows, by=("type", "difficulty"), metrics=ROW_METRICS)

    def extend(summary: dict[str, Any], group: Sequence[dict[str, Any]]) -> dict[str, Any]:
        latencies = [r["latency_s"] for r in group if r["latency_s"] is not None]
        words = [r["words"] for r in group if r.get("words") is not None]
        summary.update(
            words_p50=m.percentile(words, 50),
            abstention_accuracy=m.abstention_accuracy(group),
            false_abstention_rate=m.false_abstention_rate(group),
            latency_p50=m.percentile(latencies, 50),
            latency_p95=m.percentile(latencies, 95),
            errors=sum(bool(r["error"]) for r in group),
            failed=sum(bool(problems(r)) for r in group),
        )
        return summary

    return {
        "overall": extend(table["overall"], rows),
        "by_type": {
            k: extend(v, [r for r in rows if r["type"] == k]) for k, v in table["type"].items()
        },
        "by_difficulty": {
            k: extend(v, [r for r in rows if r["difficulty"] == k])
            for k, v in table["difficulty"].items()
        },
    }


# -- the report ----------------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def markdown_table(groups: dict[str, dict[str, Any]], first: str) -> str:
    """A Markdown table, one row per group: {"factoid": {...}, ...} -> | factoid | 10 | ..."""
    lines = [
        "| " + " | ".join([first] + [h for _, h in COLUMNS]) + " |",
        "|" + "---|" * (len(COLUMNS) + 1),
    ]
    for name, summary in groups.items():
        lines.append("| " + " | ".join([name] + [_cell(summary.get(k)) for k, _ in COLUMNS]) + " |")
    return "\n".join(lines)


def _question_md(row: dict[str, Any]) -> str:
    reasons = problems(row)
    status = "FAIL: " + "; ".join(reasons) if reasons else "pass"
    scores = ", ".join(f"{k} {_cell(row[k])}" for k in ROW_METRICS)
    out = [
        f"### {row['id']} ({row['type']}, {row['difficulty']}): {status}",
        "",
        f"**Q:** {row['question']}",
        "",
        f"**A** ({row['mode']}{', abstained' if row['abstained'] else ''}): "
        f"{row['answer'] or '(none)'}",
        "",
        f"Scores: {scores}",
        "",
    ]
    if row["gold_titles"]:
        out.append("Gold: " + "; ".join(row["gold_titles"]))
    if row["borderline_titles"]:
        out.append("Borderline: " + "; ".join(row["borderline_titles"]))
    out += [""] + [
        f'- cited [{c["key"]}] ({c["verdict"]}) {c["title"]}: "{c["snippet"]}"'
        for c in row["citations"]
    ]
    out += [
        f"- source {i} ({s['verdict']}, sim {s['similarity']:.2f}) {s['title']}"
        for i, s in enumerate(row["sources"], start=1)
    ]
    out += [
        f"- sentence {'supported' if v['supported'] else 'UNSUPPORTED'} "
        f"(score {v['score']:.2f}, cites {v['cites'] or 'nothing'}): {v['sentence']}"
        for v in row["sentences"]
    ]
    return "\n".join(out) + "\n"


def render_markdown(report: dict[str, Any]) -> str:
    """The human-readable report: tables, then every question, failures (worst first) on top."""
    meta = report["meta"]
    rows = sorted(report["rows"], key=lambda r: (not problems(r), quality(r)))
    failed = sum(bool(problems(r)) for r in rows)
    parts = [
        f"# Evaluation report: {Path(meta['questions']).name}",
        "",
        f"{meta['date']}, commit {meta['commit']}, model {meta['llm_model']}, embedder "
        f"{meta['embed_model']}, judge {meta['judge']} (threshold {meta['judge_threshold']}), "
        f"top_k {meta['top_k']}, {len(rows)} questions in {meta['wall_s']:.0f} s.",
        "",
        "## Overall",
        "",
        markdown_table({"all": report["overall"]}, "set"),
        "",
        "## By type",
        "",
        markdown_table(report["by_type"], "type"),
        "",
        "## By difficulty",
        "",
        markdown_table(report["by_difficulty"], "difficulty"),
        "",
        f"## Questions ({failed} failed, worst first; then the {len(rows) - failed} that passed)",
        "",
    ]
    parts += [_question_md(r) for r in rows]
    return "\n".join(parts)


def _git(*args: str) -> str:
    """Output of a git command in the repository (raises OSError/SubprocessError on failure)."""
    return subprocess.run(
        ["git", *args], cwd=REPO_DIR, capture_output=True, text=True, timeout=10
    ).stdout


def _commit() -> str:
    """The checked-out commit, "+dirty" when tracked files differ from it: "95ea6e4+dirty"."""
    try:
        head = _git("rev-parse", "--short", "HEAD").strip()
        dirty = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (head + ("+dirty" if dirty.strip() else "")) if head else "unknown"


def run_eval(
    assistant: Assistant,
    questions: str | Path | Sequence[Question],
    out_dir: str | Path,
    limit: int | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Ask every question, score it, write out_dir/report.json and report.md; return the report.

    `questions` is a question file (validated; errors name file:line) or loaded Questions.
    """
    source = str(questions) if isinstance(questions, (str, Path)) else "(in memory)"
    items = load_questions(questions) if isinstance(questions, (str, Path)) else list(questions)
    items = items[:limit] if limit else items
    commit, start = _commit(), time.perf_counter()  # the code that answers, not what is there later
    rows = []
    for number, question in enumerate(items, start=1):
        t0 = time.perf_counter()
        try:
            answer = assistant.ask(question.question)
            latency = time.perf_counter() - t0
            row = score_row(question, answer, judge_answer(assistant, answer), latency)
        except Exception as exc:  # one broken question must not lose a 30-minute run
            row = error_row(question, exc, time.perf_counter() - t0)
        rows.append(row)
        if progress:
            flag = "FAIL" if problems(row) else "ok"
            print(
                f"[{number}/{len(items)}] {row['id']} {row['type']}: {flag} "
                f"({row['latency_s']:.1f} s, faithful {_cell(row['faithfulness'])}, "
                f"R@5 {_cell(row['recall_at_5'])})",
                file=sys.stderr,
                flush=True,
            )
    meta = {
        "questions": source,
        "n": len(rows),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "llm_model": (
            assistant.generator.name if assistant.generator_loaded else assistant.settings.llm_model
        ),
        "embed_model": assistant.embedder.name,
        "embed_backend": assistant.embedder.backend,
        "judge": assistant.judge.name,
        "judge_threshold": assistant.judge.threshold,
        "top_k": assistant.settings.top_k,
        "wall_s": round(time.perf_counter() - start, 1),
    }
    report = {"meta": meta, **summarize(rows), "rows": rows}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out / "report.md").write_text(render_markdown(report), encoding="utf-8")
    return report


def eval_command(args: argparse.Namespace) -> int:
    """`assistant eval`: score the default models (or --model) on a question file."""
    from assistant.api import Assistant
    from assistant.settings import Settings

    path = Path(args.questions) if args.questions else DEFAULT_QUESTIONS
    load_questions(path)  # fail on a bad file before loading any model
    settings = Settings(llm_model=args.model) if args.model else Settings()
    assistant = Assistant(settings)
    assistant.ensure_corpus()
    report = run_eval(assistant, path, args.out, limit=args.limit)
    out = Path(args.out)
    print(markdown_table({"all": report["overall"]}, "set"))
    print(
        f"\n{report['overall']['failed']} of {report['meta']['n']} questions failed; "
        f"report in {out / 'report.md'}"
    )
    return 0
