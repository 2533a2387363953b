"""The evaluation question set: one JSON object per line, validated into frozen `Question`s.

Each line must hold exactly these keys::

    {"id": "f01", "type": "factoid", "question": "...", "gold_titles": ["..."],
     "borderline_titles": [], "answer_facts": ["10,000"], "difficulty": "easy"}

Every problem is reported as `InputError` naming the file, the line and the field, e.g.
``dev.jsonl:12: field 'type': must be one of factoid, metadata, multi, summary, unanswerable``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import InputError

QUESTION_TYPES = ("factoid", "metadata", "multi", "summary", "unanswerable")
DIFFICULTIES = ("easy", "medium", "hard")
FIELDS = (
    "id",
    "type",
    "question",
    "gold_titles",
    "borderline_titles",
    "answer_facts",
    "difficulty",
)
_LIST_FIELDS = ("gold_titles", "borderline_titles", "answer_facts")


@dataclass(frozen=True)
class Question:
    """One evaluation question with the papers that answer it and the facts a good answer states."""

    id: str
    type: str
    question: str
    gold_titles: tuple[str, ...]
    borderline_titles: tuple[str, ...]
    answer_facts: tuple[str, ...]
    difficulty: str

    @property
    def length(self) -> int | None:
        """How many sentences the question asks for, if it says ("in two sentences" -> 2)."""
        from assistant.asks import requested_length

        return requested_length(self.question)

    @property
    def word_budget(self) -> int | None:
        """The most words the question allows, if it says ("in under 50 words" -> 50)."""
        from assistant.asks import requested_words

        return requested_words(self.question)

    @property
    def answerable(self) -> bool:
        """False only for questions the corpus cannot answer (the assistant should abstain)."""
        return self.type != "unanswerable"


def parse_question(row: Any) -> Question:
    """Validate one decoded JSON value; raises ValueError("field 'x': ...") on the first problem.

    >>> parse_question({"id": "q1", "type": "factoid", "question": "How many?",
    ...     "gold_titles": ["A"], "borderline_titles": [], "answer_facts": ["3"],
    ...     "difficulty": "easy"}).gold_titles
    ('A',)
    """
    if not isinstance(row, dict):
        raise ValueError(f"expected a JSON object, got {type(row).__name__}")
    missing = [k for k in FIELDS if k not in row]
    if missing:
        raise ValueError(f"field {missing[0]!r}: missing")
    extra = sorted(k for k in row if k not in FIELDS)
    if extra:
        raise ValueError(f"field {extra[0]!r}: unexpected (allowed: {', '.join(FIELDS)})")
    for key in ("id", "question"):
        if not isinstance(row[key], str) or not row[key].strip():
            raise ValueError(f"field {key!r}: must be a non-empty string")
    for key, allowed in (("type", QUESTION_TYPES), ("difficulty", DIFFICULTIES)):
        if row[key] not in allowed:
            raise ValueError(
                f"field {key!r}: must be one of {', '.join(allowed)}; got {row[key]!r}"
            )
    for key in _LIST_FIELDS:
        value = row[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError(f"field {key!r}: must be a list of non-empty strings")
        if len(set(value)) != len(value):
            raise ValueError(f"field {key!r}: repeats an entry")
    if row["type"] == "unanswerable" and row["gold_titles"]:
        raise ValueError("field 'gold_titles': must be empty for an unanswerable question")
    if row["type"] != "unanswerable" and not row["gold_titles"]:
        raise ValueError(
            f"field 'gold_titles': must name at least one paper for type {row['type']!r}"
        )
    overlap = set(row["gold_titles"]) & set(row["borderline_titles"])
    if overlap:
        raise ValueError(f"field 'borderline_titles': also in gold_titles: {sorted(overlap)[0]!r}")
    return Question(
        id=row["id"],
        type=row["type"],
        question=row["question"],
        gold_titles=tuple(row["gold_titles"]),
        borderline_titles=tuple(row["borderline_titles"]),
        answer_facts=tuple(row["answer_facts"]),
        difficulty=row["difficulty"],
    )


def json_lines(path: str | Path, what: str) -> Iterator[tuple[int, Any]]:
    """(line number, parsed value) of each non-blank line of a JSON-lines file.

    Unreadable files and lines that are not JSON raise InputError naming the file and line.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, f"cannot read {what} file: {exc}") from exc
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                name, f"not valid JSON: {exc.msg} (column {exc.colno})", lineno
            ) from exc


def load_questions(path: str | Path) -> list[Question]:
    """Read a JSONL question file; blank lines are skipped, every other line must be a question."""
    name = str(path)
    questions: list[Question] = []
    first_line: dict[str, int] = {}
    for lineno, row in json_lines(path, "question"):
        try:
            question = parse_question(row)
        except ValueError as exc:
            raise InputError(name, str(exc), lineno) from exc
        if question.id in first_line:
            first = first_line[question.id]
            message = f"field 'id': duplicate id {question.id!r} (first on line {first})"
            raise InputError(name, message, lineno)
        first_line[question.id] = lineno
        questions.append(question)
    if not questions:
        raise InputError(name, "no questions found")
    return questions
