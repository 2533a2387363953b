"""The list model's tree ensemble: trees read from JSON and evaluated with numpy give the
probabilities of the booster they were trained as."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import InputError
from assistant.list_model import FEATURES, read_model
from assistant.tree_model import Tree, TreeModel, tree_model_from

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))
from train_list_model import TREE_SETTINGS, train_trees  # noqa: E402

# One split on the first feature: <= 0.5 adds -2, above adds +2.
STUMP = Tree((0, -1, -1), (0.5, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, -2.0, 2.0))


def test_a_row_falls_to_the_leaf_its_values_lead_to():
    rows = np.array([[0.5, 9.0], [0.51, -9.0]])  # the threshold itself goes left
    assert STUMP.leaves(rows).tolist() == [-2.0, 2.0]
    deeper = Tree(
        (0, 1, -1, -1, -1), (0.5, 0.0, 0, 0, 0), (1, 2, 0, 0, 0), (4, 3, 0, 0, 0),
        (0, 0, -1.0, 1.0, 3.0),
    )  # fmt: skip
    assert deeper.leaves(np.array([[0.1, -1.0], [0.1, 1.0], [0.9, 0.0]])).tolist() == [
        -1.0,
        1.0,
        3.0,
    ]


def test_trees_add_up_before_the_sigmoid():
    model = TreeModel(("a", "b"), (STUMP, STUMP), base=-1.0)
    low, high = model.probabilities([[0.0, 0.0], [1.0, 0.0]])
    assert low == pytest.approx(1 / (1 + np.exp(5.0)))  # -1 - 2 - 2
    assert high == pytest.approx(1 / (1 + np.exp(-3.0)))  # -1 + 2 + 2
    assert model.probabilities([]) == []


def test_a_written_tree_model_reads_back_the_same(tmp_path):
    model = TreeModel(FEATURES, (STUMP,), 0.25, "note")
    path = tmp_path / "list_model.json"
    path.write_text(model.to_json())
    assert read_model(path) == model
    # a threshold that is a value of the training rows keeps every digit: a row equal to it
    # still goes left
    exact = Tree((0, -1, -1), (0.1 + 0.2, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, -2.0, 2.0))
    path.write_text(TreeModel(FEATURES, (exact,), 0.0).to_json())
    read = read_model(path)
    assert isinstance(read, TreeModel) and read.trees[0].threshold[0] == 0.1 + 0.2
    assert read.probabilities([[0.1 + 0.2] + [0.0] * (len(FEATURES) - 1)])[0] < 0.5


def test_rows_of_another_width_are_refused():
    with pytest.raises(ValueError, match=f"rows of {len(FEATURES)} features"):
        TreeModel(FEATURES, (STUMP,), 0.0).probabilities([[0.1]])
    assert TreeModel(FEATURES, (STUMP,), 0.0).probabilities(np.zeros((0, len(FEATURES)))) == []


def test_a_broken_tree_is_refused_naming_the_file_and_field(tmp_path):
    path = tmp_path / "list_model.json"
    good = json.loads(TreeModel(FEATURES, (STUMP,), 0.0).to_json())
    for broken, said in [
        ({**good, "trees": []}, "field 'trees': a non-empty list"),
        ({**good, "trees": {"a": 1}}, "field 'trees': a non-empty list"),
        ({**good, "trees": [None]}, r"trees\[0\]': an object"),
        ({**good, "trees": [{**good["trees"][0], "left": [1]}]}, r"trees\[0\]'.*differ"),
        ({**good, "trees": [{**good["trees"][0], "right": [9, 0, 0]}]}, "out of range"),
        ({**good, "trees": [{**good["trees"][0], "left": [0, 0, 0]}]}, "out of range"),
        ({**good, "trees": [{**good["trees"][0], "feature": [99, -1, -1]}]}, "reads feature 99"),
        ({**good, "trees": [{**good["trees"][0], "feature": ["a", -1, -1]}]}, "not an integer"),
        ({**good, "trees": [{**good["trees"][0], "left": [1.9, 0, 0]}]}, "not an integer"),
        ({**good, "base": None}, "field 'base'"),
    ]:
        path.write_text(json.dumps(broken))
        with pytest.raises(InputError, match=rf"list_model\.json: .*{said}"):
            read_model(path)


def test_exported_trees_give_the_boosters_own_probabilities():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    rows = rng.random((600, 3))
    # on the topic when the first signal is high and the third is not, whatever the second
    labels = ((rows[:, 0] > 0.6) & (rows[:, 2] < 0.7)).astype(int)
    model = train_trees(rows.tolist(), labels.tolist(), ("a", "b", "c"))
    booster = HistGradientBoostingClassifier(**TREE_SETTINGS).fit(rows, labels)
    test = rng.random((200, 3))
    ours = np.asarray(model.probabilities(test.tolist()))
    assert np.allclose(ours, booster.predict_proba(test)[:, 1], atol=1e-9)
    # ... and so does the model read back from its file, on rows that are training rows (equal
    # to the thresholds the booster took from them)
    read = tree_model_from(json.loads(model.to_json()), ("a", "b", "c"))
    assert np.allclose(
        read.probabilities(rows.tolist()), booster.predict_proba(rows)[:, 1], atol=1e-12
    )
    # ... and it learned the interaction a single weight per signal cannot
    on, off_third, off_first = model.probabilities(
        [[0.9, 0.5, 0.2], [0.9, 0.5, 0.9], [0.3, 0.5, 0.2]]
    )
    assert on > 0.5 > max(off_third, off_first)
