"""Citation markers, sentence splitting and support scoring: table-driven."""

import pytest

from assistant.citations import (
    Evidence,
    choose_evidence,
    cited_sentences,
    foreign_names,
    lexical_coverage,
    near_duplicate,
    numbers_agree,
    numbers_in,
    parse_markers,
    split_sentences,
    support_score,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("We use e.g. BERT. It works.", ["We use e.g. BERT.", "It works."]),
        ("Smith et al. show it. Next.", ["Smith et al. show it.", "Next."]),
        ("Accuracy is 91.2% here. Done", ["Accuracy is 91.2% here.", "Done"]),
        ("Claim [1]. Another [2].", ["Claim [1].", "Another [2]."]),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("sentence", "clean", "keys"),
    [
        ("Pooling helps [1].", "Pooling helps.", [1]),
        ("Pooling helps [2][1, 2].", "Pooling helps.", [2, 1]),
        ("No citation here.", "No citation here.", []),
        ("Odd [1,3] spacing [3].", "Odd spacing.", [1, 3]),
    ],
)
def test_parse_markers(sentence, clean, keys):
    assert parse_markers(sentence) == (clean, keys)


def test_marker_after_period_stays_with_its_sentence():
    assert cited_sentences("A holds. [1] B holds [2].") == [("A holds.", [1]), ("B holds.", [2])]
    assert cited_sentences("A holds. [1]") == [("A holds.", [1])]


@pytest.mark.parametrize(
    ("claim", "evidence", "agree"),
    [
        ("It has 8 authors", "written by 8 authors", True),
        ("gains 12%", "gains 1.2%", False),
        ("reaches 1,000 tokens", "reaches 1000 tokens", True),
        ("no numbers at all", "3 numbers", True),
        ("scores 26.8B", "up to 26.8B parameters", True),  # a unit after the number is fine
        ("3.5x faster", "35x faster", False),
        ("version v2 wins", "no digits", True),  # "v2" is a name, not a number
    ],
)
def test_numbers_agree(claim, evidence, agree):
    assert numbers_agree(claim, evidence) is agree


def test_numbers_in_normalises_thousands():
    assert numbers_in("1,000 and 2.5 and v2") == {"1000", "2.5"}


def test_lexical_coverage_counts_content_words_only():
    assert lexical_coverage("the pooling of tokens", "token pooling") == 1.0
    assert lexical_coverage("quantum gravity", "pooling tokens") == 0.0
    assert lexical_coverage("the of and", "anything") == 1.0


def test_support_score_zero_on_wrong_number():
    assert support_score(0.99, 1.0, numbers_ok=False) == 0.0
    assert 0.0 <= support_score(-0.5, 0.0, True) <= support_score(0.5, 0.5, True) <= 1.0


def test_foreign_names_flags_claims_about_another_paper():
    assert foreign_names(
        "einspace is tree-structured", "DeepArchitect: trees", ["einspace: NAS"]
    ) == {"einspace"}
    assert (
        foreign_names("search spaces are trees", "search spaces trees", ["einspace: search"])
        == set()
    )


def test_near_duplicate():
    assert near_duplicate("The space is tree structured.", "The space is tree structured!")
    assert not near_duplicate("Pooling helps ViT.", "Adafactor saves memory.")


EV = [
    Evidence(1, "p1", "P1", "Pooling improves accuracy."),
    Evidence(2, "p2", "P2", "Adafactor saves memory."),
]


@pytest.mark.parametrize(
    ("cited", "scores", "expected_paper"),
    [
        ([1], [0.9, 0.2], "p1"),  # right citation kept
        ([2], [0.9, 0.2], "p1"),  # wrong citation replaced by the supporting source
        ([], [0.1, 0.8], "p2"),  # missing citation added
        ([7], [0.9, 0.2], "p1"),  # citation to a source that does not exist is ignored
        ([1], [0.7, 0.9], "p1"),  # a cited source that is good enough wins over a better other
    ],
)
def test_choose_evidence(cited, scores, expected_paper):
    chosen, score = choose_evidence(cited, scores, EV, threshold=0.6)
    assert chosen.paper_id == expected_paper


def test_choose_evidence_without_evidence():
    assert choose_evidence([1], [], [], 0.5) == (None, 0.0)
