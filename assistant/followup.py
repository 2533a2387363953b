"""Follow-up questions -> standalone questions, using the conversation so far (pure, no model).

Retrieval sees one question at a time, so "and which of those use MoE?" has to carry the topic
of the question before it. The rules are small and predictable on purpose:

    rewrite("and which of those use MoE?", ["Which papers study diffusion models for video?"])
    -> "Which of the papers on diffusion models for video use MoE?"
    rewrite("how does it compare to beam search?", ["What is speculative decoding?"])
    -> "How does speculative decoding compare to beam search?"
    rewrite("what about quantization?", ["Which papers use LoRA for fine-tuning?"])
    -> "Which papers use quantization?"

A question that names its own topic is returned unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# What a question says before its topic: "Which papers study <topic>?", "What is <topic>?".
_PREFIX = re.compile(
    r"^(?:(?:which|what) (?:papers|works|methods|models|approaches|techniques|studies)"
    r"(?: in the corpus)? (?:study|studies|propose|proposes|use|uses|are about|discuss|discusses"
    r"|address|addresses|focus on|focuses on|introduce|introduces|improve|improves|tackle|evaluate)"
    r"|(?:what|which) (?:is|are|was|were)(?: the)?"
    r"|(?:how|why) (?:do|does|did|can|could|is|are|would|should)"
    r"|(?:tell me|explain|summari[sz]e)(?: about)?"
    r"|(?:is|are) there (?:any )?(?:papers|work|research) (?:on|about)"
    r"|(?:papers|work|research) (?:on|about))\s+",
    re.IGNORECASE,
)
# Words that point back at the previous topic; an optional noun is swallowed with them.
_NOUNS = (
    r"(?:\s+(?:papers?|works?|ones?|methods?|models?|approaches|approach|techniques?|studies))?"
)
_PLURAL = re.compile(rf"\b(?:those|these|them|they){_NOUNS}\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\btheir\s+([\w-]+)", re.IGNORECASE)
_SINGULAR = re.compile(
    r"\b(?:this|that)\s+(?:method|paper|approach|model|technique|idea|work)\b|\bit\b(?!')",
    re.IGNORECASE,
)
_ITS = re.compile(r"\bits\b", re.IGNORECASE)
_CONNECTOR = re.compile(r"^(?:and|also|so|but|ok|okay|then|now)\b[,\s]*", re.IGNORECASE)
_ABOUT = re.compile(r"^(?:what|how) about\s+", re.IGNORECASE)
_PREPOSITION = re.compile(
    r"^(in|on|for|with|without|from|under|over|at|during|about)\b", re.IGNORECASE
)


def topic_of(question: str) -> str:
    """The subject of a question, without its question phrase or final punctuation.

    >>> topic_of("Which papers study diffusion models for video?")
    'diffusion models for video'
    """
    text = question.strip().rstrip("?!. ")
    return _PREFIX.sub("", text, count=1).strip()


def is_follow_up(question: str) -> bool:
    """Whether a question leans on an earlier one (pronouns, "and ...", "what about ...")."""
    text = question.strip()
    if not text:
        return False
    return bool(
        _CONNECTOR.match(text)
        or _ABOUT.match(text)
        or _PLURAL.search(text)
        or _POSSESSIVE.search(text)
        or _SINGULAR.search(text)
        or _ITS.search(text)
        or len(text.rstrip("?!. ").split()) <= 2
    )


def _finish(text: str, question: str) -> str:
    """Capitalised, with the follow-up's own end mark (or "?")."""
    text = " ".join(text.split()).rstrip("?!. ")
    end = question.strip()[-1:] if question.strip()[-1:] in "?!." else "?"
    return text[:1].upper() + text[1:] + end


def _swap_topic(previous: str, topic: str, new: str) -> str:
    """The previous question about `new` instead of `topic` ("for audio" replaces "for video")."""
    base = previous.strip().rstrip("?!. ")
    lead = _PREPOSITION.match(new)
    if lead:
        cut = base.lower().rfind(f" {lead.group(1).lower()} ")
        return f"{base[:cut]} {new}" if cut >= 0 else f"{base} {new}"
    if topic and topic in base:
        return base[: base.rindex(topic)] + new
    return f"{new} ({topic or base})"


def rewrite(question: str, previous: Sequence[str]) -> str:
    """A standalone version of `question`, given the earlier standalone questions (oldest first)."""
    question = " ".join(question.split())
    if not previous or not is_follow_up(question):
        return question
    last = previous[-1]
    topic = topic_of(last)
    if not topic:
        return question
    text = _CONNECTOR.sub("", question, count=1)
    about = _ABOUT.match(text)
    if about:
        return _finish(_swap_topic(last, topic, text[about.end() :].rstrip("?!. ")), question)
    replaced = _PLURAL.sub(f"the papers on {topic}", text)
    replaced = _POSSESSIVE.sub(lambda m: f"the {m.group(1)} of the papers on {topic}", replaced)
    replaced = _SINGULAR.sub(topic, replaced)
    replaced = _ITS.sub(f"{topic}'s", replaced)
    if replaced != text:
        return _finish(replaced, question)
    # "and for audio?", "MoE?": a new angle on the same question.
    return _finish(_swap_topic(last, topic, text.rstrip("?!. ")), question)
