"""How a question travels, one way, through named stages:

    validate -> route -> retrieve -> compose (generate and check) -> cite

    validate   the question's text and limits (`validate`)
    route      what kind of answer it calls for (`route`: plain, list or metadata)
    retrieve   the papers it is answered from (`retrieve` -> Context)
    compose    the answer: guards that abstain (assistant/guards.py), or a list or metadata
               answer built from the abstracts (assistant/structured.py), or the model's reply
               checked sentence by sentence (assistant/answer.py)
    cite       numbered citations tied to the supporting sentences (answer.cite)

Every stage is a public function over the `Services` protocol, so scripts and tests can run
any prefix of the pipeline (for example the eval's list rule runs route and retrieve).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from .answer import Context, abstain, cited_papers
from .asks import Ask, AskKind, Asks, parse_asks, summary_subject
from .citations import parse_markers, split_sentences
from .compose import compose as compose_paper
from .compose import description_share
from .composed import check_lead, composed_answer, stream_lead, summary_answer, why_not
from .errors import AssistantError
from .fields import in_field, named_field, without_field
from .filters import Filters
from .guards import misattribution, misfiled, premise_refusal, retitled
from .intents import Intent, named_by_title, parse_intent
from .metadata import metadata_answer
from .metaquery import DETAIL_FIELDS
from .prompts import lead_messages
from .services import Services
from .settings import LimitSettings
from .structured import Topic, list_answer, list_candidates, topic_members
from .summaries import abstract_sentences, check_summary, prompt_version, summary_for
from .types import Abstention, Answer, Source


def validate(question: str, limits: LimitSettings) -> str:
    """The question as it will be answered (whitespace collapsed), or an AssistantError saying
    what is wrong with it.

    >>> validate("  what   is einspace? ", LimitSettings())
    'what is einspace?'
    """
    text = " ".join(question.split())
    if not text:
        raise AssistantError("the question is empty: type a question about the papers")
    if len(text) > limits.question_chars:
        # Longer text would crowd the abstracts out of the model's context window.
        raise AssistantError(
            f"the question is {len(text):,} characters long; keep it under "
            f"{limits.question_chars:,} (ask about one thing at a time)"
        )
    if not any(c.isalnum() for c in text):
        # "?!" retrieves whatever shares its noise; better to say so than cite a random paper.
        raise AssistantError(
            f"the question {text[:40]!r} has no words: type a question about the papers"
        )
    return text


def route(question: str) -> Intent:
    """What kind of answer the question calls for (pure; see assistant/intents.py)."""
    return parse_intent(question)


def retrieve(
    services: Services, question: str, intent: Intent, filters: Filters | None = None
) -> Context:
    """The papers a question is answered from: the top few for a plain question (for a summary
    request, retrieved by what describes the paper); for lists and metadata questions, many more
    papers retrieved for the question's topic."""
    s = services.settings
    if intent.kind == "metadata" and not intent.topic:
        return Context(question, [], {})  # the whole listing: the catalog answers
    if intent.kind in ("list", "metadata"):
        wide = s.lists.candidates
        sources = services.retrieve(
            intent.topic or question, top_k=wide, filters=filters, candidates=wide * 5
        )
    else:
        # A summary request is retrieved by what describes its paper: "Summarize in two
        # sentences" says nothing about which paper it is.
        query = summary_subject(question) if parse_asks(question).summary else question
        sources = services.retrieve(query, filters=filters)
    return Context(question, sources, services.get_papers(s.paper_id for s in sources))


def compose(
    services: Services, intent: Intent, context: Context, *, show_all: bool = False
) -> Iterator[str | Answer]:
    """The answer to a routed, retrieved question: draft text as it is generated, then the
    checked, cited Answer."""
    s = services.settings
    if intent.kind == "list":
        yield list_answer(
            context,
            intent,
            services.judge,
            s.lists,
            s.abstention.min_similarity,
            rarity=services.rarity,
        )
        return
    if intent.kind == "metadata" and intent.meta is not None:
        topic = None
        if intent.topic:
            found = list_candidates(context, intent.topic, services.judge, s.lists, services.rarity)
            field, one = intent.meta.field, intent.meta.want == "value"
            topic = topic_members(
                Topic(intent.topic),
                found,
                s.lists,
                services.rarity,
                # one paper's field: that paper, whether the listing gives it or not
                keep=lambda p: (
                    field in DETAIL_FIELDS
                    or one
                    or (p.authors_count if field == "authors" else p.published) is not None
                ),
            )
        answer = metadata_answer(context, intent.meta, services.catalog, topic)
        cited = services.get_papers(c.paper_id for c in answer.citations)
        yield replace(answer, references=cited_papers(answer.citations, cited))
        return
    top = max((src.similarity for src in context.sources), default=0.0)
    if not context.sources or (top < s.abstention.min_similarity and not titled(context)):
        yield abstain(context, Abstention.OFF_TOPIC)  # nothing retrieved is about the question
        return
    asks = parse_asks(context.question)
    if asks.summary:
        yield compose_summary(services, asks, context)
        return
    yield from compose_single(services, asks, context, show_all=show_all)


def compose_summary(services: Services, asks: Asks, context: Context) -> Answer:
    """A request for a paper's summary: the paper its description fits best, answered with its
    stored summary when current, else one made and checked as batch summaries are."""
    s = services.settings
    about = Ask(asks.subject or context.question, AskKind.FINDING, terms=asks.terms)
    wanted = replace(asks, asks=(about, *asks.asks))
    composition = compose_paper(
        wanted, context.sources, context.papers, services.judge, s.compose, services.rarity
    )
    if composition.paper is None or composition.paper.paper_id not in context.papers:
        return abstain(context, Abstention.OFF_TOPIC)
    if composition.reason in (Abstention.UNKNOWN_NAME, Abstention.NO_MATCH):
        # named by what the paper never mentions, or described by what no paper holds: a
        # summary of another paper
        return abstain(context, composition.reason, why_not(composition))
    refused = misfiled_paper(services, context, composition.paper)
    if refused is not None:  # "summarize the robotics paper that ..." of an NLP paper
        return refused
    paper = context.papers[composition.paper.paper_id]
    if s.compose.lead:
        summary = summary_for(services, paper)
    else:  # no generation: the same check, on an empty draft, builds it from the abstract
        summary = check_summary(services, paper, "", prompt_version(s.prompts_dir))
    extra = [p for p in composition.picks if any(a > 0 for a in p.asks)]
    return summary_answer(
        context.question,
        composition.paper,
        summary,
        abstract_sentences(paper),
        services.judge,
        context.sources,
        asks.length,
        extra,
        papers=context.papers,
        word_budget=asks.word_budget,
    )


def titled(context: Context) -> bool:
    """Whether the question names a retrieved paper by the name its title gives before a colon
    ("the Adafactor paper" for "Adafactor: Adaptive Learning Rates ..."): about that paper,
    however little of its abstract the question's words are close to (the abstract may never
    repeat the name)."""
    return any(named_by_title(context.question, source.title) for source in context.sources)


def misfiled_paper(services: Services, context: Context, chosen: Source) -> Answer | None:
    """The answer that declines a question filing its paper under a field ("Which federated
    learning paper introduced X?") that the paper reporting the rest of it is not in; None when
    it names no field or that paper is in it. The paper is the one its asks fit without the
    field's words, which would otherwise pull in any paper of the field; a paper of the field
    the question was answered from stands when it holds as much of the rest of the description."""
    field = named_field(context.question)
    if field is None:
        return None
    s = services.settings
    asks = parse_asks(without_field(context.question))
    about = compose_paper(
        asks, context.sources, context.papers, services.judge, s.compose, services.rarity
    ).paper
    if about is None or about.paper_id == chosen.paper_id:
        return misfiled(context, chosen)

    def share(source: Source) -> float:
        return description_share(asks, context.text(source), services.rarity)

    in_it = chosen.paper_id in context.papers and in_field(field, context.text(chosen))
    if in_it and share(chosen) >= max(s.compose.describe_floor, share(about)):
        return None  # the field's paper holds the rest of the description as well
    return misfiled(context, about)


def compose_single(
    services: Services, asks: Asks, context: Context, *, show_all: bool = False
) -> Iterator[str | Answer]:
    """A question about one paper: the sentences that answer its asks, an optional model lead
    (streamed, then checked), and what the abstracts leave open."""
    s = services.settings
    composition = compose_paper(
        asks, context.sources, context.papers, services.judge, s.compose, services.rarity
    )
    if composition.paper is not None and composition.reason != Abstention.NO_MATCH:
        # (a paper that is not the one described is not the one a premise is about)
        refusal = (
            premise_refusal(context, composition.paper, services.judge, s.abstention)
            or misattribution(context, composition.paper)
            or retitled(context, composition.paper)
            or misfiled_paper(services, context, composition.paper)
        )
        if refusal is not None:
            yield refusal
            return
    if not composition.picks:
        yield abstain(context, composition.reason or Abstention.NOT_STATED, why_not(composition))
        return
    lead = None
    unsupported = ""
    if s.compose.lead:
        messages = lead_messages(
            context.question, [p.candidate.sentence for p in composition.picks], s.prompts_dir
        )
        text = ""
        for piece in stream_lead(services.generator, messages, s.compose.lead_tokens):
            text += piece
            yield piece
        lead = check_lead(text, asks, composition.picks, services.judge, complete=False)
        if lead is None and show_all and text.strip():
            rejected = split_sentences(text)[0] if split_sentences(text) else text.strip()
            unsupported = f"[unsupported: {parse_markers(rejected)[0]}]"
    answer = composed_answer(
        context.question,
        composition,
        context.sources,
        lead,
        asks.length,
        context.papers,
        asks=asks.asks,
        word_budget=asks.word_budget,
    )
    if unsupported:
        answer = replace(answer, text=f"{answer.text} {unsupported}")
    yield answer


def run(
    services: Services,
    question: str,
    *,
    filters: Filters | None = None,
    show_all: bool = False,
) -> Iterator[str | Answer]:
    """The whole pipeline: draft pieces, then the Answer (always last)."""
    text = validate(question, services.settings.limits)
    intent = route(text)
    context = retrieve(services, text, intent, filters)
    if intent.bare:
        listed = list(compose(services, intent, context))[-1]
        # A topic typed as into a search box that no paper fits as a list may still be asked
        # about one paper ("pooling for ViTs"); one whose parts are never found together is not.
        if not isinstance(listed, Answer) or not listed.abstained or listed.missing:
            yield listed
            return
        intent = Intent("plain", text)
        context = retrieve(services, text, intent, filters)
    yield from compose(services, intent, context, show_all=show_all)


def answer(
    services: Services,
    question: str,
    *,
    filters: Filters | None = None,
    show_all: bool = False,
) -> Answer:
    """The checked, cited Answer to one question (the last item of `run`)."""
    for item in run(services, question, filters=filters, show_all=show_all):
        if isinstance(item, Answer):
            return item
    raise RuntimeError("the answer pipeline ended without an answer")  # pragma: no cover
