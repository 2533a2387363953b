"""Check an evaluation question file against the corpus it is about.

    python eval/verify_questions.py [FILE] [--corpus PATH ...]

FILE defaults to eval/questions/dev.jsonl and the corpus to data/hf-daily-papers. Checks:
every line is a valid question (assistant.evaluation.schema), ids are unique, every gold and
borderline title is an exact corpus title, every answer fact appears in a gold abstract
(case-insensitive; numbers as whole tokens), answerable questions carry facts and unanswerable
ones none, no question quotes its gold title, and metadata questions agree with the corpus.

A metadata question names its candidates: gold + borderline titles (the papers on a topic), or,
when the rule over those does not give gold, the whole listing (every paper that has the field).
A question with no borderline titles is about the whole listing. Its wording says the rule, the first that matches of: "single-author", "at least N / N or more
authors", "more than N authors", "fewer than N authors", "most/more authors", "fewest/fewer
authors", "between Y1 and Y2", "YEAR or earlier", "YEAR or later / since YEAR", "appeared first /
earliest", "most recent / latest", "before YEAR", "after YEAR", "in YEAR"; gold must be exactly
the candidates that satisfy it. A metadata fact may also match a gold paper's author count, year
or date, or the number of gold papers ("how many papers ..." questions must state it).
Prints counts per type, difficulty and page file; exits 1 listing every problem found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.errors import InputError  # noqa: E402
from assistant.evaluation.metrics import fact_in_text  # noqa: E402
from assistant.evaluation.schema import Question, parse_question  # noqa: E402
from assistant.sources import normalize_title, read_corpus  # noqa: E402
from assistant.types import Paper  # noqa: E402

DEFAULT_FILE = ROOT / "eval" / "questions" / "dev.jsonl"
DEFAULT_CORPUS = ROOT / "data" / "hf-daily-papers"

# Metadata rules, most specific first; the first that matches the question's wording decides:
# (pattern, what it reads, how gold is chosen among the candidates).
_RULES = [
    (r"\b(?:single|sole|one)[- ]author\b|\bby (?:a single|one) author\b", "authors", "single"),
    (r"\b(?:at least|(\d+) or more) (\d+ )?authors\b", "authors", ">="),
    (r"\bmore than (\d+) authors\b", "authors", ">"),
    (r"\b(?:fewer|less) than (\d+) authors\b", "authors", "<"),
    (r"\b(most|more) authors\b", "authors", "max"),
    (r"\b(fewest|fewer|least) authors\b", "authors", "min"),
    (r"\bbetween (\d{4}) and (\d{4})\b", "year", "between"),
    (r"\b(\d{4}) or (?:earlier|before)\b|\bno later than (\d{4})\b", "year", "<="),
    (r"\b(\d{4}) or (?:later|after)\b|\bno earlier than (\d{4})\b|\bsince (\d{4})\b", "year", ">="),
    (
        r"\b(appeared|published|came out|released) (first|earliest)\b|\b(earliest|oldest)\b",
        "date",
        "min",
    ),
    (r"\bmost recent(ly)?\b|\b(latest|newest)\b", "date", "max"),
    (r"\bbefore (\d{4})\b", "year", "<"),
    (r"\bafter (\d{4})\b", "year", ">"),
    (r"\bin (\d{4})\b", "year", "=="),
]
_COUNT = re.compile(r"\bhow many (?:of the )?(?:papers|works|articles|studies)\b", re.I)


def load_rows(path: Path, problems: list[str]) -> list[Question]:
    """Every valid question in the file; each invalid line or repeated id adds a problem."""
    questions: list[Question] = []
    first: dict[str, int] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            question = parse_question(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{lineno}: not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        except ValueError as exc:
            problems.append(f"{path.name}:{lineno}: {exc}")
            continue
        if question.id in first:
            where = f"{path.name}:{lineno}"
            again = f"duplicate {question.id!r} (first on line {first[question.id]})"
            problems.append(f"{where}: field 'id': {again}")
            continue
        first[question.id] = lineno
        questions.append(question)
    return questions


def metadata_values(paper: Paper) -> set[str]:
    """Strings a metadata fact may match: "7" (authors), "2022", "2022-12-08"."""
    values = {str(paper.authors_count)} if paper.authors_count is not None else set()
    if paper.published:
        values |= {paper.published, paper.published[:4]}
    return values


def _numbers(match: re.Match[str]) -> list[int]:
    return [int(g) for g in match.groups() if g and g.strip().isdigit()]


def _expected(
    candidates: list[Paper], reads: str, how: str, match: re.Match[str]
) -> tuple[set[str], dict[str, object]] | str:
    """The candidates that satisfy a rule, and each one's value; a problem string instead when
    a candidate lacks the field (papers without it are left out of whole-listing scopes)."""
    values: dict[str, object] = {}
    for paper in candidates:
        if reads == "authors":
            value: object = paper.authors_count
        else:
            value = paper.published
            if reads == "year" and paper.published:
                value = int(paper.published[:4])
            if paper.published and paper.metadata.get("published_year_inferred"):
                return f"{paper.title!r} has no printed year; use another candidate"
        if value is None:
            return f"{paper.title!r} has no {reads} in the corpus"
        values[paper.title] = value
    numbers = _numbers(match)
    if how in ("max", "min"):
        best = max(values.values()) if how == "max" else min(values.values())  # type: ignore[type-var]
        return {t for t, v in values.items() if v == best}, values
    tests = {
        "single": lambda v: v == 1,
        ">=": lambda v: v >= numbers[0],
        ">": lambda v: v > numbers[0],
        "<": lambda v: v < numbers[0],
        "<=": lambda v: v <= numbers[0],
        "==": lambda v: v == numbers[0],
        "between": lambda v: min(numbers) <= v <= max(numbers),
    }
    return {t for t, v in values.items() if tests[how](v)}, values


def _has_field(paper: Paper, reads: str) -> bool:
    if reads == "authors":
        return paper.authors_count is not None
    return bool(paper.published) and not paper.metadata.get("published_year_inferred")


def check_metadata(q: Question, papers: dict[str, Paper]) -> list[str]:
    """Problems with a metadata question's gold, judged against its candidates' metadata.

    The candidates are gold + borderline (a question about the papers on one topic); when the
    rule over them does not give gold, or there are no borderline papers, it is tried over the
    whole listing (every paper that has the field), for questions such as "Which paper lists
    the most authors?". A "how many
    papers" question must also state the count of its gold papers as an answer fact.
    """
    text = q.question.lower()
    found = next(
        ((m, reads, how) for pattern, reads, how in _RULES if (m := re.search(pattern, text))),
        None,
    )
    if found is None:
        rules = (
            "most/fewest authors, single-author, at least/more than/fewer than N authors, "
            "first/latest, before/after/in YEAR, YEAR or earlier/later, between Y1 and Y2"
        )
        return [f"{q.id}: metadata question matches no rule ({rules})"]
    match, reads, how = found
    candidates = [papers[t] for t in (*q.gold_titles, *q.borderline_titles) if t in papers]
    problems: list[str] = []
    if _COUNT.search(q.question) and str(len(q.gold_titles)) not in q.answer_facts:
        problems.append(
            f"{q.id}: a 'how many papers' question states its count ({len(q.gold_titles)})"
        )
    # No borderline papers: the question is about the whole listing, not a set of candidates.
    local = _expected(candidates, reads, how, match) if q.borderline_titles else None
    if isinstance(local, tuple) and local[0] == set(q.gold_titles):
        return problems
    listing = [p for p in papers.values() if _has_field(p, reads)]
    whole = _expected(listing, reads, how, match)
    if isinstance(whole, tuple) and whole[0] == set(q.gold_titles):
        return problems
    if isinstance(local, str):
        return problems + [f"{q.id}: {local}"]
    if isinstance(local, tuple):
        shown = ", ".join(f"{t[:40]!r}={v}" for t, v in local[1].items())
        return problems + [
            f"{q.id}: metadata gold should be {sorted(local[0])} among its candidates ({shown})"
        ]
    assert isinstance(whole, tuple)
    return problems + [
        f"{q.id}: metadata gold should be {sorted(whole[0])[:10]} over the whole listing "
        "(or give gold + borderline as the candidates)"
    ]


def check_question(q: Question, papers: dict[str, Paper]) -> list[str]:
    """Problems with one question's titles and facts."""
    problems = []
    by_normal = {normalize_title(t): t for t in papers}
    for field in ("gold_titles", "borderline_titles"):
        for title in getattr(q, field):
            if title not in papers:
                near = by_normal.get(normalize_title(title))
                hint = f" (did you mean {near!r}?)" if near else ""
                problems.append(f"{q.id}: {field}: not a corpus title: {title!r}{hint}")
    gold = [papers[t] for t in q.gold_titles if t in papers]
    for fact in q.answer_facts:
        in_text = any(fact_in_text(fact, p.abstract) for p in gold)
        in_meta = q.type == "metadata" and (
            any(fact in metadata_values(p) for p in gold) or fact == str(len(gold))
        )
        if gold and not (in_text or in_meta):
            problems.append(f"{q.id}: answer fact {fact!r} is in no gold abstract")
    if q.answerable and not q.answer_facts:
        problems.append(f"{q.id}: an answerable question needs at least one answer fact")
    if not q.answerable and q.answer_facts:
        problems.append(f"{q.id}: an unanswerable question carries no answer facts")
    if not q.answerable and not q.borderline_titles:
        problems.append(f"{q.id}: an unanswerable question should name its near-miss papers")
    for title in q.gold_titles:
        if title.lower() in q.question.lower():
            problems.append(f"{q.id}: the question quotes its gold title; describe the paper")
    if q.type == "metadata" and len(gold) == len(q.gold_titles):
        problems.extend(check_metadata(q, papers))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--corpus", nargs="+", default=[str(DEFAULT_CORPUS)])
    args = parser.parse_args(argv)
    problems: list[str] = []
    try:
        questions = load_rows(args.file, problems)
        corpus = read_corpus(args.corpus).papers
        page_files = sorted({p.source_file for p in corpus})
        titles_in = {f: {p.title for p in read_corpus([f]).papers} for f in page_files}
    except (OSError, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    papers = {p.title: p for p in corpus}
    for q in questions:
        problems.extend(check_question(q, papers))
    gold_files = Counter(
        f for q in questions for t in q.gold_titles for f in page_files if t in titles_in[f]
    )
    missing = [Path(f).name for f in page_files if not gold_files[f]]
    if missing:
        problems.append(f"no gold paper comes from page file(s): {', '.join(missing)}")

    print(f"{args.file}: {len(questions)} questions against {len(papers)} corpus papers")
    for name, counts in (
        ("types", Counter(q.type for q in questions)),
        ("difficulty", Counter(q.difficulty for q in questions)),
    ):
        print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(
        f"  page files with gold papers: {len(page_files) - len(missing)} of {len(page_files)} ("
        + ", ".join(f"{Path(f).name[:3]}: {gold_files[f]}" for f in page_files)
        + ")"
    )
    if problems:
        print(f"{len(problems)} problem(s):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print("OK: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
