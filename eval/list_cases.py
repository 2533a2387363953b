"""The list questions of question files as the shipped stages see them, and the writing of a
trained model: what `eval/train_list_model.py` and `eval/train_topic_model.py` share.

Each question of a wanted type that routes as a list is routed, retrieved and its candidates
matched through the shipped stages (`pipeline.route`, `pipeline.retrieve`,
`structured.list_candidates`), and its found papers' fits computed (`structured.fits_of`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent

if TYPE_CHECKING:
    from assistant import Assistant
    from assistant.answer import Context
    from assistant.intents import Intent
    from assistant.list_model import Model
    from assistant.structured import Match, Topic


# The seen question files with list questions: what the list and topic models train on by
# default (a report set joins them once it has been reported).
SEEN = [
    "dev",
    "fresh-3",
    "fresh-4",
    "fresh-5",
    "fresh-6",
    "fresh-7",
    "fresh-8",
    "fresh-9",
    "fresh-10",
    "fresh-11",
    "fresh-12",
    "fresh-13",
    "fresh-14",
    "fresh-15",
    "fresh-16",
    "fresh-17",
    "fresh-18",
    "fresh-19",
    "fresh-20",
    "fresh-21",
    "fresh-22",
    "fresh-23",
    "fresh-24",
    "fresh-25",
    "fresh-26",
    "fresh-27",
    "fresh-28",
    "fresh-29",
    "fresh-30",
    "fresh-31",
    "fresh-32",
    "fresh-33",
    "fresh-34",
    "fresh-35",
    "fresh-36",
    "fresh-37",
    "fresh-38",
    "fresh-39",
    "fresh-40",
    "fresh-41",
    "fresh-42",
    "fresh-answerability",
    "fresh-compose",
    "heldout-lists",
    "heldout-lists-b",
]


@dataclass
class RoutedList:
    file: str  # the question file's name without ".jsonl"
    question: dict[str, Any]
    intent: Intent
    topic: Topic
    found: list[Match]
    fits: dict[str, float]
    context: Context  # what was retrieved for the question


def routed_lists(a: Assistant, files: Iterable[str], types: Iterable[str]) -> Iterator[RoutedList]:
    """Each question of `files` whose type is one of `types` and that routes as a list."""
    from assistant import pipeline
    from assistant.structured import Topic, fits_of, list_candidates

    lists, wanted = a.settings.lists, set(types)
    for name in files:
        for line in Path(name).read_text().splitlines():
            q = json.loads(line) if line.strip() else None
            if not q or q["type"] not in wanted:
                continue
            intent = pipeline.route(q["question"])
            if intent.kind != "list":
                continue
            context = pipeline.retrieve(a, q["question"], intent)
            found = list_candidates(context, intent.topic, a.judge, lists, a.rarity, intent.verb)
            topic = Topic(intent.topic, intent.verb)
            fits = fits_of(found, topic, lists, a.rarity)
            yield RoutedList(Path(name).stem, q, intent, topic, found, fits, context)


def write_model(model: Model, note: str, file_name: str) -> Path:
    """Write `model` with its note as `assistant/<file_name>` and say so."""
    from dataclasses import replace

    path = ROOT / "assistant" / file_name
    path.write_text(replace(model, note=note).to_json() + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return path
