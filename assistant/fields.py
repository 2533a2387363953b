"""Research fields a question files its paper under ("Which computer-vision paper introduced
X?", "the federated learning paper that ..."): pure text rules, no models.

A question that names the field of the one paper it is about takes that as given. When the
paper that reports what it asks is not in that field at all (its title and abstract use none of
the field's words), the question misattributes the work and is declined (`guards.misfiled`):

    named_field("Which computer-vision paper introduced PLANSEARCH?") -> FIELDS["computer vision"]
    in_field(FIELDS["computer vision"], "PLANSEARCH searches over plans for code") -> False

The table holds broad areas of machine-learning research, each with the words a paper in it
all but always uses somewhere in its title or abstract. Table-tested in tests/unit/test_fields.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """A research area: its name, how a question calls it, and the words papers in it use."""

    name: str
    aliases: tuple[str, ...]
    evidence: tuple[str, ...]  # regex fragments matched as whole words (case aside)


FIELDS: dict[str, Field] = {
    f.name: f
    for f in [
        Field(
            "computer vision",
            ("computer vision", "computer-vision", "vision", "image", "visual", "video"),
            (r"vision", r"visual\w*", r"images?", r"image-\w+", r"video\w*", r"pixels?",
             r"imagenet", r"segmentation", r"object\s+detection", r"3d", r"camera\w*",
             r"point\s+clouds?", r"cifar\S*", r"vit\w*", r"convolutional", r"cnns?"),
        ),
        Field(
            "natural language processing",
            ("natural language processing", "natural-language", "nlp", "language", "text"),
            (r"language\w*", r"text\w*", r"nlp", r"linguistic\w*", r"llms?", r"words?",
             r"sentences?", r"translation", r"corpus", r"corpora", r"tokens?"),
        ),
        Field(
            "speech and audio",
            ("speech", "audio", "speech recognition", "spoken-language"),
            (r"speech", r"audio", r"acoustic\w*", r"spoken", r"asr", r"sounds?", r"music\w*",
             r"voice\w*", r"speakers?"),
        ),
        Field(
            "robotics",
            ("robotics", "robot", "robotic", "robot-learning", "robot learning"),
            (r"robot\w*", r"manipulat\w*", r"locomotion", r"embodied", r"grasp\w*"),
        ),
        Field(
            "reinforcement learning",
            ("reinforcement learning", "reinforcement-learning", "rl", "deep rl"),
            (r"reinforcement", r"rl", r"rewards?", r"polic(?:y|ies)", r"agents?", r"mdps?",
             r"rlhf", r"bandits?"),
        ),
        Field(
            "federated learning",
            ("federated learning", "federated-learning", "federated"),
            (r"federated", r"fedavg", r"fed\w+"),
        ),
        Field(
            "diffusion models",
            ("diffusion", "diffusion-model", "diffusion model", "diffusion-based"),
            (r"diffusion", r"denois\w*", r"score-based", r"ddpm\w*"),
        ),
        Field(
            "graph learning",
            ("graph", "graph neural network", "gnn", "graph-learning", "graph learning"),
            (r"graphs?", r"gnns?", r"nodes?", r"mesh\w*"),
        ),
        Field(
            "recommender systems",
            ("recommender", "recommendation", "recommender-system", "recommender system"),
            (r"recommend\w*", r"click-through", r"ctr", r"users?", r"collaborative\s+filtering"),
        ),
        Field(
            "medicine and health",
            ("medical", "clinical", "healthcare", "health", "biomedical"),
            (r"medic\w*", r"clinic\w*", r"health\w*", r"patients?", r"diseases?", r"biomedical",
             r"survival", r"hospital\w*", r"drugs?"),
        ),
        Field(
            "time series",
            ("time-series", "time series", "forecasting"),
            (r"time[\s-]series", r"forecast\w*", r"temporal"),
        ),
        Field(
            "finance",
            ("finance", "financial", "trading"),
            (r"financ\w*", r"portfolio\w*", r"trading", r"stocks?", r"markets?", r"betting",
             r"invest\w*", r"profit\w*"),
        ),
        Field(
            "privacy",
            ("privacy", "differential privacy", "differential-privacy", "privacy-preserving"),
            (r"privacy", r"private\w*", r"dp-\w+"),
        ),
        Field(
            "code generation",
            ("code generation", "code-generation", "programming", "software engineering"),
            (r"code\w*", r"programs?", r"programming", r"software", r"coding"),
        ),
        Field(
            "chemistry and biology",
            ("chemistry", "molecular", "biology", "protein", "drug-discovery", "drug discovery"),
            (r"molecul\w*", r"chemi\w*", r"proteins?", r"biolog\w*", r"drugs?", r"genom\w*",
             r"cells?"),
        ),
        Field(
            "climate and weather",
            ("climate", "weather", "climate-modelling", "climate modeling", "climate modelling"),
            (r"climate", r"weather", r"atmospher\w*"),
        ),
    ]
}  # fmt: skip

# The alias that names a field, longest first: "computer vision" before "vision".
_ALIASES = sorted(((a, f) for f in FIELDS.values() for a in f.aliases), key=lambda p: -len(p[0]))
_ALIAS = "|".join(re.escape(a).replace(r"\ ", r"[\s-]") for a, _ in _ALIASES)
# "Which computer-vision paper ...", "the federated learning work that ...", "a vision paper
# replaces ...": a field right before the word for the paper (a word or two may come between
# the article and the field: "the recent diffusion-model paper").
_NAMED = re.compile(
    rf"\b(?:which|what|the|a|an|one|this|that)\s+(?:[\w-]+\s+){{0,2}}?(?P<field>{_ALIAS})"
    r"(?:[\s-](?:based|related|focused|oriented))?\s+"
    r"(?:paper|work|study|article|publication|preprint)\b"
    # "the paper in computer vision that ...", "which work from the robotics literature"
    rf"|\b(?:paper|work|study|article|publication|preprint)\s+(?:in|from|on)\s+(?:the\s+)?"
    rf"(?:(?:field|area)\s+of\s+)?(?P<field2>{_ALIAS})(?![\w-])",
    re.I,
)


def named_field(question: str) -> Field | None:
    """The research field a question says the paper it asks about is in, or None.

    >>> named_field("Which computer-vision paper introduced PLANSEARCH?").name
    'computer vision'
    >>> named_field("In the federated learning paper, how many clients were used?").name
    'federated learning'
    >>> named_field("Which paper introduced PLANSEARCH?") is None
    True
    >>> named_field("Which language model is used?") is None  # a model, not a paper's field
    True
    """
    found = _NAMED.search(question)
    if not found:
        return None
    said = " ".join((found["field"] or found["field2"]).lower().replace("-", " ").split())
    return next(f for a, f in _ALIASES if " ".join(a.replace("-", " ").split()) == said)


def without_field(question: str) -> str:
    """The question with the field it names left out: what it asks of the paper, whichever
    field that paper is in.

    >>> without_field("Which computer-vision paper introduced PLANSEARCH?")
    'Which paper introduced PLANSEARCH?'
    >>> without_field("Which work in robotics studies grasping?")
    'Which work studies grasping?'
    """
    found = _NAMED.search(question)
    if not found:
        return question
    if found["field"]:
        start, end = found.span("field")
    else:  # "work in robotics": the preposition goes too, the word for the paper stays
        start, end = found.start(0) + len(found[0].split()[0]), found.end(0)
    return " ".join(f"{question[:start]} {question[end:]}".split())


def in_field(field: Field, text: str) -> bool:
    """Whether a paper's title and abstract use any of a field's words.

    >>> in_field(FIELDS["computer vision"], "We classify ImageNet images.")
    True
    >>> in_field(FIELDS["federated learning"], "We merge fine-tuned models with Fisher weights.")
    False
    """
    return any(re.search(rf"\b{word}\b", text, re.I) for word in field.evidence)
