"""What an abstract sentence does: the table behind 'findings over framing' in answers and
summaries."""

import pytest

from assistant.roles import Role, role


@pytest.mark.parametrize(
    ("sentence", "position", "expected"),
    [
        ("Deep networks are increasingly used in medicine.", 0, Role.BACKGROUND),
        ("However, their calibration remains poorly understood.", 1, Role.BACKGROUND),
        ("We propose CalNet, a post-hoc calibration layer.", 2, Role.METHOD),
        ("CalNet reduces expected calibration error by 40% on CIFAR-10.", 4, Role.RESULT),
        # What the paper itself selects, compares or measures is its method, whatever it says
        # of what it uses (fresh-31 o35, read after its report: "widely used" made it
        # background, and the summary left out its six models and four libraries).
        (
            "For our analysis, we select six state-of-the-art models and evaluate them on four "
            "widely used ML libraries.",
            4,
            Role.METHOD,
        ),
        # The paper's own finding stays a finding when it names the background it is about
        # (before: 'recent' made it background, so summaries dropped it).
        (
            "Through experiments on CIFAR-100, we observe that recent methods underperform.",
            5,
            Role.RESULT,
        ),
        ("However, we find that larger models are not better calibrated.", 5, Role.RESULT),
        ("Our analyses attribute the gains to shared routing.", 5, Role.RESULT),
        ("Across 300 runs we see a close match between theory and practice.", 5, Role.RESULT),
        # A purpose clause is not an achievement (before: 'achieve' made it a result).
        ("To achieve this goal, tuning each method is essential.", 2, Role.OTHER),
        # Where it was tested is part of the method (before: no role).
        ("We conduct experiments on three translation benchmarks.", 3, Role.METHOD),
        ("We validate our method on two robot arms.", 3, Role.METHOD),
        # A contrast opener sets the scene only in an abstract's first half; later it qualifies
        # a finding (fresh-19 r21, read after its clean run: the finding was left out).
        ("However, the speedup shrinks with scale, to only 1.1x at 1.2B.", 6, Role.RESULT),
        ("However, the speedup of such methods is poorly understood.", 1, Role.BACKGROUND),
        ("AdamW has long been the dominant optimizer in pretraining.", 1, Role.BACKGROUND),
    ],
)
def test_role(sentence: str, position: int, expected: Role) -> None:
    assert role(sentence, position, 7) == expected
