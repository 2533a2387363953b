"""The Python entry points for summaries: Assistant.summarize and assistant.summarize."""

import json

from assistant import summarize


def test_assistant_summarize_returns_checked_records(fake_assistant, tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text(
        "".join(
            json.dumps(r) + "\n"
            for r in [
                {
                    "title": "Sparse Llamas",
                    "abstract": "We prune large language models to half their "
                    "weights. Accuracy recovers after 100 steps of fine-tuning.",
                },
                {
                    "title": "Tiny Pooling",
                    "abstract": "We propose a learnable pooling layer for small "
                    "vision transformers. It beats average pooling on ImageNet by 1.5 points.",
                },
            ]
        )
    )
    fake_assistant.ingest([path], progress=False)
    records = fake_assistant.summarize()
    assert sorted(r.title for r in records) == ["Sparse Llamas", "Tiny Pooling"]
    assert all(r.tldr and 0.0 <= r.support <= 1.0 for r in records)


def test_top_level_summarize_writes_a_resumable_file(fake_assistant, tmp_path, use_default):
    use_default(fake_assistant)
    papers = fake_assistant.papers()[:2]
    out = tmp_path / "s.jsonl"
    first = summarize(papers, out, progress=False)
    again = summarize(papers, out, progress=False)
    assert len(first) == len(again) == 2
    assert len(out.read_text().splitlines()) == 2  # the re-run added no duplicate line
