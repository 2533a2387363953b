"""List answers: every retrieved paper that fits a topic, each with the sentence that shows it,
sure matches first, then weaker ones."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from .answer import Context, abstain, cited_papers
from .citations import weighted_coverage, with_marker
from .evidence import usable_sentences
from .facets import coverage, examples, facet_words, facets, readings, uncovered
from .intents import Intent, surveys_only
from .judge import Judge
from .lexical import DISTINCTIVE, Rarity, stem, stemmed_words, word_stems
from .list_model import Model, shipped_model
from .settings import ListSettings
from .surveys import Kind, survey_evidence
from .topic_model import declines, topic_signals
from .types import Abstention, Answer, Citation, Mode, Paper, Source


@dataclass(frozen=True)
class Topic:
    """What a list is about: its words, the verb it may lead with, and its key phrases.

    The key phrases are the pairs of adjacent words after the verb ("learning rate" in "tune
    learning rates"): a paper that has the words only apart, or the verb in another sense ("we
    tune the scale and bias parameters"), is not about the topic.

    >>> Topic("tune learning rates", "tune").phrases
    (('learn', 'rat'),)
    """

    text: str
    verb: str | None = None

    @property
    def words(self) -> list[str]:
        """The topic's word stems after its verb."""
        return [s for s, _, _ in self._stemmed()]

    def _stemmed(self) -> list[tuple[str, str, bool]]:
        """The topic's words after its verb (`lexical.stemmed_words`)."""
        words = stemmed_words(self.text)
        if self.verb and words and words[0][0] == stem(self.verb):
            words = words[1:]
        return words

    @property
    def phrases(self) -> tuple[tuple[str, str], ...]:
        words = self.words
        return tuple(zip(words, words[1:], strict=False))

    def distinctive_word(self, rarity: Rarity | None) -> str:
        """The stem of the topic's rarest word when it is rare enough to name the topic on its
        own (rarity DISTINCTIVE or more: "matryoshka", "federated", not "rate"); "" otherwise.

        >>> Topic("Matryoshka embeddings").distinctive_word(lambda w: 5.0 if w == "matryoshka" else 1.0)
        'matryoshka'
        >>> Topic("tune learning rates", "tune").distinctive_word(lambda w: 3.0)
        ''
        """
        if rarity is None:
            return ""
        ranked = sorted(self._stemmed(), key=lambda s: -rarity(s[1]))
        return ranked[0][0] if ranked and rarity(ranked[0][1]) >= DISTINCTIVE else ""

    def weight(self, rarity: Rarity | None, verb_weight: float) -> Callable[[str], float]:
        """A topic word's weight: its rarity, and less for the verb, which says least."""
        verb = stem(self.verb) if self.verb else None

        def weigh(term: str) -> float:
            base = rarity(term) if rarity else 1.0
            return base * (verb_weight if verb and stem(term) == verb else 1.0)

        return weigh

    def in_text_loosely(self, text: str, rarity: Rarity | None = None) -> bool:
        """Whether a text has a key phrase, or a pair of the topic's words with a common word
        of it left out between them ("nonparametric teaching" for "nonparametric machine
        teaching"): what a paper calls the topic when it drops a word of the name it has. A
        word of a compound ("text-to-video") or a rare one ("graph video models") is never
        left out.

        >>> t = Topic("nonparametric machine teaching")
        >>> t.in_text("Nonparametric teaching for many learners"), t.in_text_loosely(
        ...     "Nonparametric teaching for many learners")
        (False, True)
        >>> Topic("tune learning rates", "tune").in_text_loosely("we tune the scale and bias")
        False
        >>> Topic("text-to-video generation").in_text_loosely("We study text generation.")
        False
        """
        stemmed = self._stemmed()
        skipped = {
            (stemmed[i][0], stemmed[i + 2][0])
            for i in range(len(stemmed) - 2)
            if droppable(stemmed[i + 1], rarity)
        }
        return _has_pair(set(self.phrases) | skipped, text)

    def in_text(self, text: str) -> bool:
        """Whether a text has one of the key phrases (always, when the topic has none)."""
        return _has_pair(set(self.phrases), text)


def _has_pair(pairs: set[tuple[str, str]], text: str) -> bool:
    """Whether a text has one of the pairs as adjacent word stems (always, when there is none)."""
    if not pairs:
        return True
    stems = word_stems(text)
    return bool(pairs & set(zip(stems, stems[1:], strict=False)))


LOOSE_RARITY = 3.0  # a topic word this common may be left out of its name ("machine")


def droppable(word: tuple[str, str, bool], rarity: Rarity | None) -> bool:
    """Whether a paper may leave a word (`lexical.stemmed_words`) out of a topic's name: a
    standalone word, common in the corpus (any, with no rarity), never a part of a compound."""
    _, token, alone = word
    return alone and (rarity is None or (rarity(token) or 0.0) < LOOSE_RARITY)


@dataclass(frozen=True)
class Match:
    """A paper that fits a topic, with the sentence that shows it."""

    source: Source
    paper: Paper
    sentence: str
    score: float
    phrase: bool = True  # the paper has one of the topic's key phrases
    density: float = 0.0  # share of its sentences that have one
    titled: bool = False  # its title has one
    # how well its best sentence (read with its title) states the topic without the examples
    # it gives, and the best of those examples (`facets.examples`); None: as `score`
    head_score: float | None = None
    example_score: float | None = None

    @property
    def text(self) -> str:
        """The paper's title and abstract, as its topic words and facets are read."""
        return f"{self.paper.title}. {self.paper.abstract}"


def best_sentences(
    topic: str,
    papers: Iterable[Paper],
    judge: Judge,
    rarity: Rarity | None = None,
    about: Topic | None = None,
) -> list[tuple[Paper, str, float]]:
    """Each paper's abstract sentence that best states the topic, with the paper's relevance.

    The relevance is the best sentence read with the paper's title (the title says what the
    paper is about); the sentence shown is the one that states the topic itself, read alone
    (one with the topic's key phrase first), so that a title full of the topic's words does not
    make any of its sentences the reason.
    """
    owners = [(p, s) for p in papers for s in usable_sentences(p.abstract)]
    titled = judge.relevance([(topic, f"{p.title}. {s}") for p, s in owners], rarity)
    alone = judge.relevance([(topic, s) for _, s in owners], rarity)
    if about is not None and about.phrases:
        alone = [own + 0.2 * about.in_text(s) for own, (_, s) in zip(alone, owners, strict=True)]
    best: dict[str, tuple[Paper, str, float, float]] = {}
    for (paper, sentence), score, own in zip(owners, titled, alone, strict=True):
        held = best.get(paper.paper_id)
        if held is None:
            best[paper.paper_id] = (paper, sentence, score, own)
            continue
        reason, reason_score = (sentence, own) if own > held[3] else (held[1], held[3])
        best[paper.paper_id] = (paper, reason, max(score, held[2]), reason_score)
    return [(p, sentence, score) for p, sentence, score, _ in best.values()]


def matches(
    topic: str,
    sources: list[Source],
    papers: dict[str, Paper],
    judge: Judge,
    rarity: Rarity | None = None,
    verb: str | None = None,
) -> list[Match]:
    """Each retrieved paper with its abstract sentence that best states the topic, best first."""
    by_id = {s.paper_id: s for s in sources}
    about = Topic(topic, verb)
    found = []
    chosen = [papers[s.paper_id] for s in sources if s.paper_id in papers]
    head_scores, example_scores = example_readings(topic, chosen, judge, rarity)
    for p, sentence, score in best_sentences(topic, chosen, judge, rarity, about):
        sentences = usable_sentences(p.abstract)
        density = sum(about.in_text(x) for x in sentences) / max(1, len(sentences))
        found.append(
            Match(
                by_id[p.paper_id],
                p,
                sentence,
                score,
                phrase=about.in_text(f"{p.title}. {p.abstract}"),
                density=density if about.phrases else 0.0,
                titled=bool(about.phrases) and about.in_text(p.title),
                head_score=head_scores.get(p.paper_id),
                example_score=example_scores.get(p.paper_id),
            )
        )
    return sorted(found, key=lambda m: (-m.score, m.paper.title))


def example_readings(
    topic: str, papers: list[Paper], judge: Judge, rarity: Rarity | None = None
) -> tuple[dict[str, float], dict[str, float]]:
    """For a topic that gives examples ("test-time compute (best-of-N selection, parallel
    sampling, etc.)"), each paper's best relevance (a sentence read with its title) to the topic
    without them, and to the best of them alone: the list model weighs a paper on one example
    against the rest. Empty for a topic that gives none."""
    head, given = examples(topic)
    if not given and head == topic:
        return {}, {}
    owned = [
        (p, text)
        for p in papers
        for text in ([f"{p.title}. {s}" for s in usable_sentences(p.abstract)] or [p.title])
    ]

    def best(reading: str) -> dict[str, float]:
        scores = judge.relevance([(reading, text) for _, text in owned], rarity)
        out: dict[str, float] = {}
        for (paper, _), score in zip(owned, scores, strict=True):
            out[paper.paper_id] = max(score, out.get(paper.paper_id, -math.inf))
        return out

    heads = best(head) if head and head != topic else {}
    per_example = [best(e) for e in given]
    ids = {p.paper_id for p in papers}
    best_example = {i: max(e[i] for e in per_example) for i in ids} if per_example else {}
    return heads, best_example


def topic_words(
    match: Match, topic: Topic, settings: ListSettings, rarity: Rarity | None = None
) -> float:
    """The rarity-weighted share of the topic's words in a paper's title and abstract (the
    verb weighing least)."""
    return weighted_coverage(
        topic.text, match.text, topic.weight(rarity, settings.verb_weight), compounds=True
    )


def fit(match: Match, topic: Topic, settings: ListSettings, rarity: Rarity | None = None) -> float:
    """How well a paper fits a list topic: the mean of its best chunk's similarity (retrieval)
    and its best sentence's relevance (the judge), plus the rarity-weighted share of the topic's
    words in its title and abstract (the verb weighing least), plus bonuses for having the
    topic's key phrase, for how many of its sentences have it, and for its title having it.

    >>> paper = Paper("p", "Pruning", "We prune channels.")
    >>> match = Match(Source("p", "Pruning", 1.0, similarity=0.6), paper, "We prune channels.", 0.4)
    >>> round(fit(match, Topic("channel pruning"), ListSettings()), 3)
    0.6
    """
    words = topic_words(match, topic, settings, rarity)
    phrase = settings.phrase_weight * (match.phrase and bool(topic.phrases))
    return (
        (match.source.similarity + match.score) / 2
        + settings.terms_weight * words
        + phrase
        + settings.density_weight * match.density
        + settings.title_weight * match.titled
    )


def signals(
    found: list[Match],
    topic: Topic,
    settings: ListSettings,
    rarity: Rarity | None = None,
    fits: dict[str, float] | None = None,
) -> list[list[float]]:
    """Each found paper's features for the list model (`list_model.FEATURES`, in that order):
    its own fit signals and where it stands among the found papers."""
    fits = fits_of(found, topic, settings, rarity) if fits is None else fits
    values = [fits[m.paper.paper_id] for m in found]
    top = max(values, default=0.0) or 1.0
    mean = statistics.fmean(values) if values else 0.0
    spread = statistics.pstdev(values) if len(values) > 1 else 0.0
    by_fit = {
        m.paper.paper_id: place
        for place, m in enumerate(
            sorted(found, key=lambda m: (-fits[m.paper.paper_id], m.paper.title))
        )
    }
    by_retrieval = {
        m.paper.paper_id: place
        for place, m in enumerate(sorted(found, key=lambda m: (-m.source.score, m.paper.title)))
    }
    short = 0 < len(topic.words) <= settings.phrase_words and bool(topic.phrases)
    parts = facets(topic.text, topic.verb, rarity) if found else []
    head, given = examples(topic.text)
    rows = []
    for m in found:
        value = fits[m.paper.paper_id]
        words = topic_words(m, topic, settings, rarity)
        rows.append(
            [
                m.source.similarity,
                m.score,
                words,
                float(m.phrase),
                m.density,
                float(m.titled),
                value / top,
                (value - mean) / spread if spread > 0 else 0.0,
                math.log1p(by_fit[m.paper.paper_id]),
                float(short and not m.phrase),
                min(len(topic.words), 12) / 12,
                by_retrieval[m.paper.paper_id] / max(1, settings.scan),
                statistics.fmean(coverage(f, m.text, rarity) for f in parts) if parts else 1.0,
                *example_signals(m, head, given, words, rarity),
            ]
        )
    return rows


def example_signals(
    m: Match, head: str, given: list[str], words: float, rarity: Rarity | None = None
) -> list[float]:
    """A paper's fit to a topic without its examples and to the best of them
    (`example_readings`; `head`, `given`: the topic's `facets.examples`): relevance to the head,
    to the best example, the best example's words in its text, the head's words in its text,
    and whether the topic gives examples. A topic with none reads as itself (`words`: the
    paper's `topic_words`)."""
    head_score = m.score if m.head_score is None else m.head_score
    example_score = head_score if m.example_score is None else m.example_score
    example_words = max(
        (weighted_coverage(e, m.text, rarity, compounds=True) for e in given), default=words
    )
    head_words = weighted_coverage(head, m.text, rarity, compounds=True) if head else words
    return [head_score, example_score, example_words, head_words, float(bool(given))]


def fits_of(
    found: list[Match], topic: Topic, settings: ListSettings, rarity: Rarity | None = None
) -> dict[str, float]:
    """Each found paper's fit to the topic (`fit`), by paper id: computed once per list and
    shared by its stages."""
    return {m.paper.paper_id: fit(m, topic, settings, rarity) for m in found}


def fitting(
    topic: Topic,
    found: list[Match],
    settings: ListSettings,
    rarity: Rarity | None = None,
    fits: dict[str, float] | None = None,
    model: Model | None = None,
) -> tuple[list[Match], list[Match]]:
    """(matches, weaker matches), best fit first, settings.max_papers in all.

    A paper is a match when the list model (`assistant/list_model.py`) gives it a probability of
    being on the topic of at least settings.sure_p, and the best-fitting paper always is
    (settings.sure_by "model"); or, by the fit rule (sure_by "fit"), when its fit is >=
    settings.sure_at x the best fit or stands out from the scanned papers' fits
    (settings.sure_z standard deviations above their mean). A short topic keeps the fit rule's
    matches beside the model's: its key phrase is the topic, and a broad one ("tune learning
    rates") has many papers close together, which the model, trained mostly on lists of 3 to 10
    papers, underrates. The other papers down to
    settings.maybe_at x the best fit are weaker matches. When the topic is short
    (settings.phrase_words words or fewer), a paper without its key phrase (or, of a longer
    name, two of its words a modifier apart: `Topic.in_text_loosely`) is at best a weaker
    match: in "tune learning rates", "we tune the scale and bias" is another sense. `model`
    replaces the shipped list model (training compares models this way).
    """
    short = 0 < len(topic.words) <= settings.phrase_words and bool(topic.phrases)
    fits = fits_of(found, topic, settings, rarity) if fits is None else fits
    top = max(fits.values(), default=0.0)
    ranked = sorted(found, key=lambda m: (-fits[m.paper.paper_id], m.paper.title))
    standout = _standout(list(fits.values()), settings.sure_z)

    chance: dict[str, float] = {}
    if settings.sure_by == "model":
        rows = signals(found, topic, settings, rarity, fits)
        probabilities = (model or shipped_model()).probabilities(rows)
        chance = dict(zip((m.paper.paper_id for m in found), probabilities, strict=True))
    best = ranked[0].paper.paper_id if ranked else None

    def stated(m: Match) -> bool:
        value = fits[m.paper.paper_id]
        by_fit = value >= settings.sure_at * top or value >= standout
        if settings.sure_by == "fit":
            return by_fit
        return (
            chance[m.paper.paper_id] >= settings.sure_p
            or m.paper.paper_id == best
            or (short and by_fit)
        )

    # A short topic named by a distinctive word ("Matryoshka embeddings") is the subject of a
    # paper whose title has that word ("Matryoshka Representation Learning"), phrase or not.
    name = topic.distinctive_word(rarity)

    def phrased(m: Match) -> bool:
        if name and name in word_stems(m.paper.title):
            return True
        return m.phrase or topic.in_text_loosely(f"{m.paper.title}. {m.paper.abstract}", rarity)

    sure = [m for m in ranked if stated(m) and (not short or phrased(m))][: settings.max_papers]
    maybe = [
        m for m in ranked if m not in sure and fits[m.paper.paper_id] >= settings.maybe_at * top
    ]
    return sure, maybe[: max(0, min(settings.max_weaker, settings.max_papers - len(sure)))]


def topic_members(
    topic: Topic,
    found: list[Match],
    settings: ListSettings,
    rarity: Rarity | None = None,
    keep: Callable[[Paper], bool] = lambda paper: True,
) -> list[Match]:
    """The papers on a topic that a listing rule is applied to: its sure matches, then every
    weaker match (fit >= settings.maybe_at x the best) that `keep` accepts, best fit first.

    A list caps its weaker matches (settings.max_weaker) because a reader checks each one; a
    query over the listing ("which paper on scaling laws has the most authors?") is decided by
    the papers that have the field, and a weaker match that has it can be the answer.

    >>> papers = [Paper(i, t, "We study scaling laws.", authors_count=n)
    ...           for i, t, n in [("a", "Scaling laws", None), ("b", "Laws", 4), ("c", "Other", 9)]]
    >>> found = [Match(Source(p.paper_id, p.title, 1.0, similarity=s), p, "We study scaling laws.", s)
    ...          for p, s in zip(papers, [0.9, 0.7, 0.2])]
    >>> [m.paper.paper_id for m in topic_members(Topic("scaling laws"), found, ListSettings(),
    ...                                          keep=lambda p: p.authors_count is not None)]
    ['a', 'b']
    """
    fits = fits_of(found, topic, settings, rarity)
    sure, _ = fitting(topic, found, settings, rarity, fits)
    top = max(fits.values(), default=0.0)
    ranked = sorted(found, key=lambda m: (-fits[m.paper.paper_id], m.paper.title))
    weaker = [
        m
        for m in ranked
        if m not in sure and fits[m.paper.paper_id] >= settings.maybe_at * top and keep(m.paper)
    ]
    return sure + weaker


def _standout(fits: list[float], z: float) -> float:
    """The fit that is `z` standard deviations above the mean of `fits` (infinite for fewer
    than two papers or no spread, where nothing stands out).

    >>> round(_standout([1.0, 0.5, 0.5, 0.5, 0.5], 1.5), 3)
    0.9
    """
    if len(fits) < 2:
        return math.inf
    spread = statistics.pstdev(fits)
    return statistics.fmean(fits) + z * spread if spread > 0 else math.inf


def cited_lines(
    items: list[tuple[Match, str]], start: int = 1, weak: bool = False
) -> tuple[str, list[Citation]]:
    """One line per paper, each with its marker, numbered from `start`."""
    citations, lines = [], []
    for key, (match, line) in enumerate(items, start=start):
        citations.append(
            Citation(
                str(key),
                match.paper.paper_id,
                match.paper.title,
                match.sentence,
                round(match.score, 3),
                weak=weak,
            )
        )
        lines.append(with_marker(line, key))
    return "\n".join(lines), citations


def list_candidates(
    context: Context,
    topic: str,
    judge: Judge,
    settings: ListSettings,
    rarity: Rarity | None,
    verb: str | None = None,
) -> list[Match]:
    """The retrieved papers a list is chosen from, each with its best sentence for the topic."""
    return matches(topic, context.sources[: settings.scan], context.papers, judge, rarity, verb)


def close_matches(
    found: list[Match],
    topic: Topic,
    settings: ListSettings,
    rarity: Rarity | None = None,
    fits: dict[str, float] | None = None,
) -> tuple[float, list[Match]]:
    """The best fit among the found papers, and the papers that fit within settings.maybe_at
    of it (the closest ones, weaker matches included)."""
    fits = fits_of(found, topic, settings, rarity) if fits is None else fits
    best = max(fits.values(), default=0.0)
    return best, [m for m in found if fits[m.paper.paper_id] >= settings.maybe_at * best]


def missing_facets(
    intent: Intent, close: list[Match], settings: ListSettings, rarity: Rarity | None = None
) -> list[str]:
    """The facets of a short topic that none of the closest papers has together with the others
    (empty when one has them all, or when the topic is long: a long topic paraphrases, and its
    words need not be the papers' words; a longer one counts when its facets are phrases, all but
    settings.phrase_facet_singles of them).
    "Which papers apply NAS to spiking neural networks?" asks for both; papers on each alone do
    not fit. A topic met in any of its `readings` (as asked, as a closing "i.e." restates it, or
    by either of two acts joined by ", or") misses nothing.
    """
    texts = [m.text for m in close]
    missing: list[str] | None = None
    for k, (topic, verb) in enumerate(readings(intent.topic, intent.verb)):
        found = facets(topic, verb, rarity)
        if k and not found:
            continue  # a restatement or an act of nothing a paper must say meets nothing
        size = facet_words(found)
        phrases = sum(len(f.split()) == 1 for f in found) <= settings.phrase_facet_singles
        limit = max(settings.facet_words, settings.phrase_facet_words if phrases else 0)
        if k and size > limit:
            continue  # a long restatement or act paraphrases: it meets nothing for sure
        lacking = [] if not found or size > limit else uncovered(found, texts, rarity)
        if not lacking:
            return []  # met as asked, as restated, or by one of its acts
        missing = lacking if missing is None else missing
    return missing or []


def list_signals(
    found: list[Match],
    close: list[Match],
    topic: Topic,
    settings: ListSettings,
    rarity: Rarity | None = None,
    fits: dict[str, float] | None = None,
) -> list[float]:
    """The whole list's features for the topic model (`assistant/topic_model.py`): the fits, the
    best-fitting paper's own signals and the texts of the closest papers (`close_matches`)."""
    fits = fits_of(found, topic, settings, rarity) if fits is None else fits
    if not found:
        return topic_signals(topic.text, topic.verb, {}, [0.0] * 6, [], rarity)
    top = max(found, key=lambda m: (fits[m.paper.paper_id], m.paper.title))
    own = signals([top], topic, settings, rarity, fits)[0][:6]  # its own, not relative, signals
    texts = [m.text for m in close]
    return topic_signals(topic.text, topic.verb, fits, own, texts, rarity)


def list_answer(
    context: Context,
    intent: Intent,
    judge: Judge,
    settings: ListSettings,
    min_similarity: float,
    rarity: Rarity | None = None,
) -> Answer:
    """Every scanned paper that fits the topic, each with its reason sentence, cited; then the
    papers that fit less well, marked as weaker matches."""
    sources = context.sources
    if intent.surveys and surveys_only(context.question):
        found = list_candidates(context, intent.topic, judge, settings, rarity, intent.verb)
        sure, maybe = of_surveys(found, found)
        if not sure:
            return abstain(context, Abstention.NO_MATCH, "No indexed abstract is a survey.")
        cap = settings.max_papers
        return _listed(context, "surveys or reviews", sure[:cap], maybe[: settings.max_weaker])
    top = max((s.similarity for s in sources), default=0.0)
    if top < min_similarity:
        return abstain(context, Abstention.OFF_TOPIC, "No indexed abstract covers this topic.")
    found = list_candidates(context, intent.topic, judge, settings, rarity, intent.verb)
    topic = Topic(intent.topic, intent.verb)
    fits = fits_of(found, topic, settings, rarity)
    best, close = close_matches(found, topic, settings, rarity, fits)
    sure, maybe = fitting(topic, found, settings, rarity, fits)
    if not sure or best < settings.floor:
        return abstain(context, Abstention.NO_MATCH, "No indexed abstract covers this topic.")
    if intent.surveys:  # "survey papers on X": the papers on X that are surveys
        sure, maybe = of_surveys(sure, maybe)
        if not sure:
            why = "No indexed survey covers this topic: the papers on it are not surveys."
            return abstain(context, Abstention.NO_MATCH, why)
        maybe = maybe[: settings.max_weaker]
    missing = missing_facets(intent, close, settings, rarity)
    if missing:
        named = " or ".join(f'"{f}"' for f in missing)
        why = f"No indexed abstract covers this topic: the closest papers are not about {named}."
        return replace(abstain(context, Abstention.NO_MATCH, why), missing=tuple(missing))
    if declines(list_signals(found, close, topic, settings, rarity, fits), settings.absent_p):
        why = "No indexed abstract covers this topic: the closest papers share only some of its words."
        return abstain(context, Abstention.NO_MATCH, why)
    return _listed(context, intent.topic, sure, maybe)


def of_surveys(sure: list[Match], maybe: list[Match]) -> tuple[list[Match], list[Match]]:
    """The matches that are surveys or reviews (`surveys.survey_evidence`), each shown with the
    sentence that says so: those its title or own words call one, then weaker ones (a weaker
    match, or a paper that only says it reviews something)."""
    sure_ids = {m.paper.paper_id for m in sure}
    surely: list[Match] = []
    weaker: list[Match] = []
    for m in dict.fromkeys([*sure, *maybe]):
        evidence = survey_evidence(m.paper)
        if evidence is None:
            continue
        kind, sentence = evidence
        shown = replace(m, sentence=sentence)
        strong = kind == Kind.SURVEY and m.paper.paper_id in sure_ids
        (surely if strong else weaker).append(shown)
    return surely, weaker


def _listed(context: Context, topic: str, sure: list[Match], maybe: list[Match]) -> Answer:
    """A list answer: the matches, each with its reason sentence, cited; then the weaker ones."""
    body, citations = cited_lines([(m, m.sentence) for m in sure])
    noun = "paper matches" if len(sure) == 1 else "papers match"
    text = f"Found {len(sure)} {noun}: {topic}.\n{body}"
    if maybe:
        more, weak = cited_lines([(m, m.sentence) for m in maybe], len(sure) + 1, weak=True)
        noun = "paper" if len(maybe) == 1 else "papers"
        text += f"\n{len(maybe)} more {noun} may also match, on weaker evidence.\n{more}"
        citations += weak
    references = cited_papers(citations, context.papers)
    return Answer(
        context.question,
        text,
        citations,
        context.sources,
        support=1.0,
        mode=Mode.LIST,
        references=references,
    )
