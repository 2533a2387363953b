"""Whether the corpus covers a list topic at all: a logistic model over the list's own signals.

A list question ("Which papers study federated unlearning?") finds its closest papers whether
or not any of them is on the topic. The fit floor and the facet rule (`structured.list_answer`)
decline some absent topics; the ones left come close on some words and miss the rest ("federated
learning" papers, "unlearning" papers, none on both). This model reads the signals of the whole
list: how well its best paper fits (similarity, topic words, key phrase), how far that paper
stands out, how many facets the topic has and how well the closest papers cover them, and how
those weigh for a short topic, whose words a paper on it would use. It gives the probability
that no indexed abstract is on the topic. Its weights are learned by `eval/train_topic_model.py`
from the seen sets' list questions (absent topics against present ones), checked by leaving one
set out at a time, and shipped as `topic_model.json` beside this module. It only declines a topic
whose facets no close paper brings together (`declines`). Pure: numpy only.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from .facets import coverage, facet_words, facets
from .lexical import Rarity
from .list_model import Model, read_model

FEATURES = (
    "best_fit",  # the best fit among the found papers (`structured.fit`)
    "similarity",  # the best-fitting paper's best chunk's cosine to the question
    "topic_words",  # its rarity-weighted share of the topic's words
    "phrase",  # 1 when it has one of the topic's key phrases
    "phrase_density",  # the share of its sentences that have one
    "titled",  # 1 when its title has one
    "fit_z",  # its fit in standard deviations above the found papers' mean fit
    "facets",  # how many facets the topic has (`assistant/facets.py`)
    "facet_words",  # the words they hold, / 12, at most 1
    "weakest_facet",  # the facet the closest papers cover least: its best coverage
    "all_facets",  # the closest paper that covers all facets best: its weakest facet's coverage
    "short_uncovered",  # shortness x (1 - all_facets)
    "short_off_words",  # shortness x (1 - topic_words); shortness: 1 - topic words / 12
)
MODEL_FILE = Path(__file__).with_name("topic_model.json")


def topic_signals(
    topic: str,
    verb: str | None,
    fits: Mapping[str, float],
    best: Sequence[float],
    close_texts: Sequence[str],
    rarity: Rarity | None = None,
) -> list[float]:
    """The list's features (`FEATURES`, in that order).

    `fits` are the found papers' fits; `best` the best-fitting paper's list-model signals
    (`structured.signals`: similarity, relevance, topic words, phrase, density, titled, ...);
    `close_texts` the title and abstract of each paper within `maybe_at` of the best fit.

    >>> row = topic_signals("study federated unlearning", "study", {"a": 0.6, "b": 0.4},
    ...                     [0.5, 0.4, 0.5, 0.0, 0.0, 0.0], ["Federated learning on clients."])
    >>> dict(zip(FEATURES, [round(v, 2) for v in row]))["all_facets"] < 1
    True
    """
    values = list(fits.values())
    top = max(values, default=0.0)
    spread = statistics.pstdev(values) if len(values) > 1 else 0.0
    fit_z = (top - statistics.fmean(values)) / spread if spread > 0 else 0.0
    found = facets(topic, verb, rarity)
    if found and close_texts:
        table = [[coverage(f, text, rarity) for f in found] for text in close_texts]
        weakest = min(max(row[i] for row in table) for i in range(len(found)))
        every = max(min(row) for row in table)
    else:
        weakest = every = 1.0
    shortness = max(0.0, 1.0 - len(topic.split()) / 12)
    words = best[2]
    return [
        top,
        best[0],
        words,
        best[3],
        best[4],
        best[5],
        fit_z,
        float(len(found)),
        min(facet_words(found), 12) / 12,
        weakest,
        every,
        shortness * (1.0 - every),
        shortness * (1.0 - words),
    ]


def read_topic_model(path: str | Path = MODEL_FILE) -> Model:
    """The topic model from its JSON file (InputError naming the file and field when it does not
    fit `FEATURES`)."""
    return read_model(path, FEATURES)


@cache
def shipped_topic_model() -> Model:
    """The model shipped with the package (read once)."""
    return read_topic_model()


def absent_probability(row: Sequence[float], model: Model | None = None) -> float:
    """The probability that no indexed abstract is on the topic whose list has these features."""
    return (model or shipped_topic_model()).probabilities([row])[0]


def declines(row: Sequence[float], absent_p: float, model: Model | None = None) -> bool:
    """Whether a list with these features is declined: its topic's facets are split among the
    closest papers (none has them all) and the model finds the topic absent at `absent_p` or
    more. A topic one close paper covers whole ("model merging") is left to the fit floor: the
    model is for facets that no paper brings together.

    >>> from assistant.list_model import ListModel
    >>> flat = ListModel(FEATURES, (0.0,) * len(FEATURES), 5.0)  # always finds it absent
    >>> split = [0.0] * len(FEATURES)
    >>> whole = [1.0] * len(FEATURES)
    >>> declines(split, 0.8, flat), declines(whole, 0.8, flat)
    (True, False)
    """
    split = row[FEATURES.index("all_facets")] < 1.0
    return split and absent_probability(row, model) >= absent_p
