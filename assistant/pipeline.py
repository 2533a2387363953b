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

from .answer import Context, stream_answer
from .errors import AssistantError
from .filters import Filters
from .guards import guard
from .intents import Intent, parse_intent
from .prompts import answer_messages
from .services import Services
from .settings import LimitSettings
from .structured import list_answer, metadata_answer
from .types import Answer


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
    """The papers a question is answered from: the top few for a plain question; for lists and
    metadata questions, many more papers retrieved for the question's topic."""
    s = services.settings
    if intent.kind in ("list", "metadata"):
        wide = s.lists.candidates
        sources = services.retrieve(
            intent.topic or question, top_k=wide, filters=filters, candidates=wide * 5
        )
    else:
        sources = services.retrieve(question, filters=filters)
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
    if intent.kind == "metadata":
        yield metadata_answer(context, intent, services.judge, s.metadata, rarity=services.rarity)
        return
    refusal = guard(intent, context, services.judge, s.abstention)
    if refusal is not None:
        yield refusal
        return
    yield from stream_answer(
        context,
        answer_messages(context.question, context.sources, s.prompts_dir),
        services.generator,
        services.judge,
        max_new_tokens=s.max_new_tokens,
        settings=s.extractive,
        show_all=show_all,
    )


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
