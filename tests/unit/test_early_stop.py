"""Generation stops as soon as the rest of the reply would be thrown away by the check."""

from assistant import pipeline
from assistant.answer import EarlyStop, stream_answer
from assistant.generation import Generator
from assistant.prompts import answer_messages
from tests.unit.test_answer_pipeline import EINSPACE, PCFG, QUESTION

BANANAS = "Bananas are grown on 4000 farms in Ecuador by robots [1]."
PLANES = "Paper planes fly 300 metres when folded by trained pigeons [1]."
# Distinct unsupported sentences (no two share most of their words).
TAIL = " ".join(
    [
        "Volcanic soil doubles coffee yields across Kenyan highlands [1].",
        "Medieval monks brewed beer using juniper and honey [1].",
        "Arctic foxes change coat colour twice every year [1].",
        "Submarine cables carry most intercontinental internet traffic today [1].",
        "Basalt columns form when thick lava flows cool slowly [1].",
        "Origami cranes symbolise longevity throughout Japanese folklore [1].",
        "Glass frogs have translucent skin revealing their hearts [1].",
        "Saturn's rings consist mostly of water ice particles [1].",
    ]
)


def _streamed(indexed, reply: str, **options) -> tuple[list[str], object]:
    indexed.generator.enqueue([reply])
    items = list(indexed.stream(QUESTION, **options))
    return [i for i in items if isinstance(i, str)], items[-1]


def test_a_reply_whose_first_claims_are_unsupported_is_cut_short(indexed):
    reply = f"{BANANAS} {PLANES} {TAIL}"
    pieces, answer = _streamed(indexed, reply)
    # The model was asked for the third sentence's first word, then nothing more.
    assert len(pieces) < len(reply.split(" ")) // 3
    assert "Medieval" not in "".join(pieces)
    assert answer.mode == "extractive" and EINSPACE in [c.title for c in answer.citations]


def test_a_looping_reply_stops_at_the_repeat_and_keeps_what_it_said(indexed):
    number = 1 + [s.title for s in indexed.retrieve(QUESTION)].index(EINSPACE)
    reply = " ".join([f"{PCFG} [{number}]"] * 12)
    pieces, answer = _streamed(indexed, reply)
    assert "".join(pieces).count("probabilistic") == 2  # the first repeat is where it stops
    assert answer.mode == "generated" and answer.citations[0].snippet == PCFG


def test_a_supported_first_claim_lets_the_reply_run_on(indexed):
    number = 1 + [s.title for s in indexed.retrieve(QUESTION)].index(EINSPACE)
    reply = f"{PCFG} [{number}] {BANANAS} {PLANES} {TAIL}"
    pieces, _ = _streamed(indexed, reply)
    assert "".join(pieces).strip() == reply


def test_show_all_mode_streams_unsupported_claims_to_the_end(indexed):
    reply = f"{BANANAS} {PLANES} {TAIL}"
    pieces, _ = _streamed(indexed, reply, show_all=True)
    assert "".join(pieces).strip() == reply


def test_stopping_closes_the_model_stream(indexed):
    closed = []

    class Recording(Generator):
        def stream(self, messages, max_new_tokens):
            try:
                yield from (w + " " for w in f"{BANANAS} {PLANES} {TAIL}".split())
            finally:
                closed.append(True)

    context = pipeline.retrieve(indexed, QUESTION, pipeline.route(QUESTION))
    messages = answer_messages(QUESTION, context.sources, indexed.settings.prompts_dir)
    items = list(stream_answer(context, messages, Recording(), indexed.judge, max_new_tokens=500))
    assert closed == [True] and items[-1].mode == "extractive"
    full = list(
        stream_answer(
            context, messages, Recording(), indexed.judge, max_new_tokens=500, stop_early=False
        )
    )
    assert len(full) > 3 * len(items)


def test_the_watch_waits_for_a_sentence_to_finish(indexed):
    context = pipeline.retrieve(indexed, QUESTION, pipeline.route(QUESTION))
    watch = EarlyStop(context, indexed.judge)
    assert watch(BANANAS) is None  # one sentence, maybe not finished
    assert watch(f"{BANANAS} {PLANES}") is None  # the second may still grow
    assert watch(f"{BANANAS} {PLANES} And") == "unsupported"
