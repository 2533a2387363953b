"""Survey lists: which papers are surveys, and lists that ask for them."""

import pytest

from assistant.answer import Context
from assistant.intents import Intent, asks_for_surveys, parse_intent, surveys_only
from assistant.settings import ListSettings
from assistant.structured import Match, list_answer, of_surveys
from assistant.surveys import Kind, survey_evidence
from assistant.types import Paper, Source
from tests.unit.test_list_tiers import TableJudge


@pytest.mark.parametrize(
    ("title", "abstract", "kind", "shown"),
    [
        ("A Survey on Mixture of Experts", "MoE scales. We group the work.", Kind.SURVEY,
         "We group the work."),
        ("Neural Ranking", "Models rank. In this survey, we look at them.", Kind.SURVEY,
         "In this survey, we look at them."),
        ("Pretraining", "(1) We conduct a comprehensive survey of methods.", Kind.SURVEY,
         "(1) We conduct a comprehensive survey of methods."),
        ("Efficient Transformers: A Review", "Transformers are slow.", Kind.SURVEY,
         "Transformers are slow."),
        ("Meta-learning", "In this report we review meta-learning.", Kind.MAYBE,
         "In this report we review meta-learning."),
        # Surveys of people, and reviews by others, are no survey paper.
        ("Math", "We perform a survey to rate the questions.", None, None),
        ("Peer grading", "Reviews by peers are noisy.", None, None),
    ],
)  # fmt: skip
def test_a_survey_is_known_by_its_title_or_its_own_words(title, abstract, kind, shown):
    evidence = survey_evidence(Paper("p", title, abstract))
    assert (evidence is None) is (kind is None)
    if evidence is not None:
        assert evidence == (kind, shown)


@pytest.mark.parametrize(
    ("question", "asks", "only"),
    [
        ("List the survey or review papers in the collection.", True, True),
        ("Which papers are survey or review articles?", True, True),
        ("Show me all surveys.", True, True),
        ("Are there survey papers on mixture-of-experts models?", True, False),
        ("Which papers are literature reviews of mixture-of-experts architectures?", True, False),
        ("Which papers review strategies for active learning?", False, False),
        ("Which papers study federated learning?", False, False),
    ],
)
def test_a_list_question_may_ask_for_surveys(question, asks, only):
    assert asks_for_surveys(question) is asks
    assert surveys_only(question) is only
    intent = parse_intent(question)
    assert intent.kind == "list" and intent.surveys is asks


def _paper(pid: str, title: str, abstract: str) -> Paper:
    return Paper(pid, title, abstract)


PAPERS = {
    p.paper_id: p
    for p in [
        _paper("s1", "A Survey on Mixture of Experts", "We sort mixture of experts work."),
        _paper("s2", "Sparse experts", "In this survey, we review mixture of experts routers."),
        _paper("m1", "Switch routing", "We train a mixture of experts with one expert per token."),
        _paper("q1", "Quantiles", "We aggregate quantiles. We also review some basic theory."),
    ]
}


def _context(question: str) -> Context:
    sources = [Source(pid, p.title, 1.0, similarity=0.7) for pid, p in PAPERS.items()]
    return Context(question, sources, PAPERS)


def test_every_survey_is_listed_when_no_topic_is_asked():
    question = "List the survey papers in the collection."
    judge = TableJudge({"": 0.5})
    answer = list_answer(_context(question), parse_intent(question), judge, ListSettings(), 0.1)
    sure = [c.paper_id for c in answer.citations if not c.weak]
    assert sure == ["s1", "s2"]
    assert [c.paper_id for c in answer.citations if c.weak] == ["q1"]
    assert "In this survey, we review mixture of experts routers [2]." in answer.text
    assert answer.text.startswith("Found 2 papers match: surveys or reviews.")


def test_a_topic_list_of_surveys_keeps_the_surveys_on_the_topic():
    lists = ListSettings(sure_by="fit")
    judge = TableJudge({"mixture of experts": 0.8, "quantiles": 0.1})
    intent = Intent("list", "mixture of experts", surveys=True)
    answer = list_answer(_context("Are there survey papers on MoE?"), intent, judge, lists, 0.1)
    assert sorted(c.paper_id for c in answer.citations if not c.weak) == ["s1", "s2"]
    assert "m1" not in [c.paper_id for c in answer.citations]
    plain = list_answer(
        _context("Which papers use MoE?"), Intent("list", "mixture of experts"), judge, lists, 0.1
    )
    assert "m1" in [c.paper_id for c in plain.citations]


def test_a_topic_with_no_survey_is_declined():
    only = {"m1": PAPERS["m1"]}
    context = Context(
        "Are there survey papers on routing?", [Source("m1", "Switch routing", 1.0, 0.7)], only
    )
    judge = TableJudge({"expert": 0.8})
    intent = Intent("list", "mixture of experts routing", surveys=True)
    answer = list_answer(context, intent, judge, ListSettings(sure_by="fit"), 0.1)
    assert answer.abstained and "not surveys" in answer.text


def test_of_surveys_shows_the_sentence_that_says_so():
    m = Match(Source("s2", "Sparse experts", 1.0), PAPERS["s2"], "Some other sentence.", 0.5)
    sure, weaker = of_surveys([m], [])
    assert [x.sentence for x in sure] == ["In this survey, we review mixture of experts routers."]
    assert weaker == []
