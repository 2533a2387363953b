"""Embedding quality per backend: per-chunk cosine to fp32 torch, then dense retrieval quality.

`python -m bench.embed_quality [--quick]` prints Markdown tables; `run(bench)` gives the same
numbers as benchmark figures. Every chunk of the bundled corpus (chunked as ingest chunks it) is
embedded by sentence-transformers on torch (fp32, the reference), ONNX fp32 and ONNX int8.
Retrieval is dense only (no BM25, no fusion): papers are ranked by the best cosine of any of
their chunks to the question, and scored by recall@5 and MRR over each question's gold titles.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .common import CORPUS, REPO, Run, corpus_chunks, models_dir, offline
from .report import Figure, Goal, percentile

BACKENDS = ("torch", "onnx", "onnx-int8")
REFERENCE = "torch"
QUESTION_SETS = ("dev", "heldout-lists", "heldout-lists-b")
K = 5
MEDIAN_COSINE_GOAL = 0.99  # the bar, also the store's compatibility rule
RETRIEVAL_TOLERANCE = 0.01  # recall@5 and MRR may fall this much below fp32 torch (gains are fine)


@dataclass
class Quality:
    """What one run measured."""

    chunks: int
    # "onnx-int8 vs torch" -> {"min": .., "p1": .., "median": ..}
    agreement: dict[str, dict[str, float]] = field(default_factory=dict)
    # (question set, backend) -> {"recall@5": .., "mrr": .., "n": ..}
    retrieval: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)


def read_questions(name: str) -> list[dict[str, Any]]:
    """The rows of eval/questions/<name>.jsonl that name at least one gold paper."""
    path = REPO / "eval" / "questions" / f"{name}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r.get("gold_titles")]


def rank_papers(question: Any, vectors: Any, chunk_titles: list[str]) -> list[str]:
    """Paper titles, best first, by the highest cosine of any of their chunks to `question`.

    >>> import numpy as np
    >>> rank_papers(np.array([1.0, 0.0]), np.array([[0.0, 1.0], [0.6, 0.8], [1.0, 0.0]]), ["A", "B", "A"])
    ['A', 'B']
    """
    best: dict[str, float] = {}
    for title, score in zip(chunk_titles, (vectors @ question).tolist(), strict=True):
        best[title] = max(score, best.get(title, -2.0))
    return sorted(best, key=lambda t: -best[t])


def agreement(a: Any, b: Any) -> dict[str, float]:
    """Min, 1st percentile and median of the row-wise cosines of two sets of unit vectors."""
    cos = (a * b).sum(axis=1).tolist()
    return {"min": min(cos), "p1": percentile(cos, 1), "median": percentile(cos, 50)}


def measure(corpus: list[Path], models: Path) -> Quality:
    """Embed the corpus and the questions with every backend and compare them."""
    import numpy as np

    from assistant.embeddings import make_embedder
    from assistant.evaluation.metrics import mrr, recall_at_k

    embedders = {b: make_embedder("default", b, models) for b in BACKENDS}  # type: ignore[arg-type]
    papers, chunk_papers, texts = corpus_chunks(corpus, embedders[REFERENCE].tokenize)
    title_of = {p.paper_id: p.title for p in papers}
    chunk_titles = [title_of[pid] for pid in chunk_papers]
    sets = {name: read_questions(name) for name in QUESTION_SETS}
    asked = [row["question"] for rows in sets.values() for row in rows]

    vectors = {b: np.array(e.embed(texts), dtype=np.float32) for b, e in embedders.items()}
    queries = {b: np.array(e.embed(asked), dtype=np.float32) for b, e in embedders.items()}
    quality = Quality(chunks=len(texts))
    pairs = [(b, REFERENCE) for b in BACKENDS if b != REFERENCE] + [("onnx-int8", "onnx")]
    for a, b in pairs:
        quality.agreement[f"{a} vs {b}"] = agreement(vectors[a], vectors[b])
    for backend in BACKENDS:
        at = 0
        for name, rows in sets.items():
            recalls, ranks = [], []
            for row in rows:
                ranked = rank_papers(queries[backend][at], vectors[backend], chunk_titles)
                at += 1
                recalls.append(recall_at_k(ranked, row["gold_titles"], K))
                ranks.append(mrr(ranked, row["gold_titles"]))
            quality.retrieval[name, backend] = {
                f"recall@{K}": sum(recalls) / len(recalls),
                "mrr": sum(ranks) / len(ranks),
                "n": len(rows),
            }
    return quality


def markdown(quality: Quality) -> str:
    """The two tables: vector agreement, then retrieval per question set and backend."""
    lines = [
        f"Per-chunk cosine ({quality.chunks} chunks of the bundled corpus)",
        "",
        "| backends | min | p1 | median | median >= 0.99? |",
        "|---|---|---|---|---|",
    ]
    for pair, a in quality.agreement.items():
        met = "yes" if a["median"] >= MEDIAN_COSINE_GOAL else "**no**"
        lines.append(f"| {pair} | {a['min']:.4f} | {a['p1']:.4f} | {a['median']:.4f} | {met} |")
    lines += [
        "",
        f"Dense-only retrieval (papers ranked by their best chunk; recall@{K} and MRR over gold "
        "titles; questions with no gold paper left out)",
        "",
        f"| question set | n | backend | recall@{K} | MRR | vs torch | >= torch - 0.01? |",
        "|---|---|---|---|---|---|---|",
    ]
    for (name, backend), r in quality.retrieval.items():
        ref = quality.retrieval[name, REFERENCE]
        d_recall, d_mrr = r[f"recall@{K}"] - ref[f"recall@{K}"], r["mrr"] - ref["mrr"]
        ok = min(d_recall, d_mrr) >= -RETRIEVAL_TOLERANCE
        delta = "" if backend == REFERENCE else f"{d_recall:+.3f} / {d_mrr:+.3f}"
        met = "" if backend == REFERENCE else ("yes" if ok else "**no**")
        lines.append(
            f"| {name} | {r['n']:.0f} | {backend} | {r[f'recall@{K}']:.3f} | {r['mrr']:.3f} "
            f"| {delta} | {met} |"
        )
    return "\n".join(lines)


def figures(quality: Quality) -> list[Figure]:
    """The numbers as benchmark figures, each held to the issue's goal."""
    out = [
        Figure(
            f"embedding agreement: {pair}, median per-chunk cosine",
            a["median"],
            goal=Goal("value", ">=", MEDIAN_COSINE_GOAL),
            note=f"min {a['min']:.4f}, p1 {a['p1']:.4f}; {quality.chunks} chunks",
            extra=a,
        )
        for pair, a in quality.agreement.items()
    ]
    for backend in BACKENDS:
        if backend == REFERENCE:
            continue
        deltas = {
            f"{metric} {name}": r[metric] - quality.retrieval[name, REFERENCE][metric]
            for (name, b), r in quality.retrieval.items()
            if b == backend
            for metric in (f"recall@{K}", "mrr")
        }
        out.append(
            Figure(
                f"dense retrieval: {backend} minus torch, worst of recall@{K} and MRR on "
                + ", ".join(QUESTION_SETS),
                min(deltas.values()),
                goal=Goal("value", ">=", -RETRIEVAL_TOLERANCE),
                note=", ".join(f"{k} {v:+.3f}" for k, v in deltas.items()),
                extra={"retrieval": {f"{n} {b}": r for (n, b), r in quality.retrieval.items()}},
            )
        )
    return out


def run(bench: Run) -> list[Figure]:
    return figures(measure(bench.corpus(), models_dir()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.embed_quality", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one corpus file of five")
    args = parser.parse_args(argv)
    offline()
    corpus = sorted(CORPUS.glob("*.txt"))[:1] if args.quick else [CORPUS]
    print(markdown(measure(corpus, models_dir())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
