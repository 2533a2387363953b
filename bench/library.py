"""`python -m bench.library [--entries 5000] [--ingest-sample 0]`: reading a .bib vs the same JSONL.

Generates a deterministic library from the bundled corpus's abstracts (titles made distinct,
varied metadata: names with accents, venues through @string-free fields, DOIs, arXiv ids,
months, LaTeX in titles and abstracts), writes it as .bib (through assistant.export) and as
JSON lines, and times `read_corpus` on each in a fresh process, with that process's peak
RSS (resource.getrusage). No embedding model is needed. `--ingest-sample N` also ingests N of
the papers with the real embedding model into a temporary store, to set the parse time
against what ingest spends per paper.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import CORPUS, REPO, Stopwatch, load_average, offline

FIRST = ["Ada", "Björn", "Chloé", "Dmitri", "Eun-ji", "François", "Giulia", "Hiroshi", "Içim"]
FIRST += ["José", "Kateřina", "Lars", "Míng", "Noor", "Oluwaseun", "Priya", "Zoë", "Łukasz"]
LAST = ["Müller", "García", "Nguyen", "O'Brien", "Smith", "Kowalski", "Sørensen", "Chen"]
LAST += ["van der Berg", "Dupont", "Rossi", "Tanaka", "Okafor", "Novák", "Kim", "Ivanova"]
VENUES = [
    "Advances in Neural Information Processing Systems",
    "Proceedings of the 40th International Conference on Machine Learning",
    "Journal of Machine Learning Research",
    "Transactions on Machine Learning Research",
    "Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing",
    "International Conference on Learning Representations",
    None,  # a preprint
]


def library(entries: int) -> list:
    """`entries` distinct Papers, the same every run: corpus abstracts, varied metadata."""
    from assistant.sources import read_corpus
    from assistant.types import Paper

    corpus = read_corpus([CORPUS]).papers
    rng = random.Random(17)
    papers = []
    for i in range(entries):
        base = corpus[i % len(corpus)]
        year = 2015 + i % 10
        names = tuple(f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 12)))
        title = f"{base.title} ({i // len(corpus) + 1}: $O(n^{i % 3 + 1})$ {{BERT}}-style)"
        abstract = base.abstract
        if i % 4 == 0:
            abstract += " We report 50% less memory & a 2x speed-up on GPT_4-like models."
        papers.append(
            Paper(
                paper_id="",
                title=title,
                abstract=abstract,
                authors=names,
                authors_count=len(names),
                published=f"{year}-{i % 12 + 1:02d}-{i % 28 + 1:02d}" if i % 3 == 0 else None,
                year=year,
                venue=VENUES[i % len(VENUES)],
                doi=f"10.5555/bench.{i}" if i % 5 == 0 else None,
                arxiv_id=f"{year % 100:02d}{i % 12 + 1:02d}.{i:05d}" if i % 2 == 0 else None,
                url=f"https://example.org/papers/{i}?q=a_b" if i % 7 == 0 else None,
                metadata={"entry_type": "inproceedings" if i % 7 < 2 else "article"},
            )
        )
    return papers


def write_files(papers: list, folder: Path) -> tuple[Path, Path]:
    """The library as library.bib and library.jsonl: the same entries, field for field."""
    from assistant.export import bibtex_entries

    bib, jsonl = folder / "library.bib", folder / "library.jsonl"
    bib.write_text(bibtex_entries(papers), encoding="utf-8")
    rows = []
    for p in papers:
        row = {"title": p.title, "abstract": p.abstract, "authors": list(p.authors)}
        row |= {"published": p.published, "year": p.year, "venue": p.venue, "doi": p.doi}
        row |= {"arxiv_id": p.arxiv_id, "url": p.url}
        rows.append(json.dumps({k: v for k, v in row.items() if v is not None}, ensure_ascii=False))
    jsonl.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return bib, jsonl


def parse_once(path: str) -> dict:
    """In this process: read the file, then report seconds, papers and peak RSS (MiB).

    The imports come first and are not timed; with no path nothing is read (the baseline).
    """
    from assistant.sources import read_corpus

    started = time.perf_counter()
    papers = len(read_corpus([path]).papers) if path else 0
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": seconds, "papers": papers, "peak_mib": peak}


def measure(path: Path | None, repeats: int) -> dict:
    """The fastest of `repeats` fresh-process reads, and the highest peak RSS among them."""
    runs = []
    for _ in range(repeats):
        code = f"import json; from bench.library import parse_once; print(json.dumps(parse_once({str(path or '')!r})))"
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["seconds"])
    return best | {"peak_mib": max(r["peak_mib"] for r in runs)}


def ingest_seconds_per_paper(papers: list, folder: Path, sample: int) -> float:
    """Seconds per paper that a real ingest (chunk, embed, store) of `sample` papers takes."""
    from assistant import Assistant, Settings
    from assistant.embeddings import SentenceTransformerEmbedder

    (folder / "sample").mkdir()
    bib, _ = write_files(papers[:sample], folder / "sample")
    assistant = Assistant(Settings(home=folder / "home"), embedder=SentenceTransformerEmbedder())
    with Stopwatch() as t:
        assistant.ingest([bib], progress=False)
    return t.seconds / sample


def table(entries: int, bib: Path, jsonl: Path, got: dict, per_paper: float | None) -> str:
    """The results as a small Markdown table."""
    base = got["jsonl"]["seconds"]
    lines = [
        f"Reading a {entries:,}-entry library (load {load_average()}; fastest of the runs, "
        "fresh process each, peak RSS of that process)",
        "",
        "| input | size | papers | parse s | papers/s | vs JSONL | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, path in (("`.bib` (BibTeX)", bib), ("`.jsonl` (same entries)", jsonl)):
        r = got["bib" if path == bib else "jsonl"]
        lines.append(
            f"| {name} | {path.stat().st_size / 2**20:.1f} MiB | {r['papers']:,} | "
            f"{r['seconds']:.2f} | {r['papers'] / r['seconds']:,.0f} | "
            f"{r['seconds'] / base:.1f}x | {r['peak_mib']:.0f} |"
        )
    r = got["baseline"]
    lines.append(f"| nothing (interpreter + imports) | | | | | | {r['peak_mib']:.0f} |")
    if per_paper is not None:
        total = per_paper * entries
        share = got["bib"]["seconds"] / (got["bib"]["seconds"] + total)
        lines += [
            "",
            f"Ingest with the real embedder: {per_paper * 1000:.0f} ms per paper, about "
            f"{total:,.0f} s for {entries:,} papers; parsing the .bib is {share:.1%} of that.",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.library", description=__doc__)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--ingest-sample", type=int, default=0, help="papers to really ingest")
    args = parser.parse_args(argv)
    offline()
    with tempfile.TemporaryDirectory(prefix="bench-library-") as tmp:
        folder = Path(tmp)
        papers = library(args.entries)
        bib, jsonl = write_files(papers, folder)
        got = {
            "bib": measure(bib, args.repeats),
            "jsonl": measure(jsonl, args.repeats),
            "baseline": measure(None, args.repeats),
        }
        assert got["bib"]["papers"] == got["jsonl"]["papers"] == args.entries, got
        per_paper = None
        if args.ingest_sample:
            per_paper = ingest_seconds_per_paper(papers, folder, args.ingest_sample)
        print(table(args.entries, bib, jsonl, got, per_paper))
    return 0


if __name__ == "__main__":
    sys.exit(main())
