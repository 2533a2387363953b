"""The model's one-sentence lead in float32 against bfloat16 weights, on the CPU.

    python -m bench.lead_dtype [--prompts N] [--rounds R]

The lead prompts of the first dev questions answered with a lead are built through the shipped
stages (`pipeline.route`, `pipeline.retrieve`, `compose.compose`, `prompts.lead_messages`); each
is generated with `composed.stream_lead` by the default generator in float32 and by a bfloat16
copy of it, in turns, and the median seconds per lead and whether the texts agree are printed.
A one-off measurement (issue 18: the ask through a running server spends most of its time on
this lead), not part of `make bench`.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import time

from .common import QUESTIONS


def main(argv: list[str] | None = None) -> int:
    import torch

    from assistant import Assistant, pipeline
    from assistant.asks import parse_asks
    from assistant.compose import compose
    from assistant.composed import stream_lead
    from assistant.prompts import lead_messages

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    a = Assistant()
    s = a.settings
    prompts = []
    for line in QUESTIONS.read_text().splitlines():
        if len(prompts) == args.prompts:
            break
        question = json.loads(line)["question"]
        intent = pipeline.route(question)
        asks = parse_asks(question)
        if intent.kind != "plain" or asks.summary:
            continue
        context = pipeline.retrieve(a, question, intent)
        picks = compose(asks, context.sources, context.papers, a.judge, s.compose, a.rarity).picks
        if picks:
            sentences = [p.candidate.sentence for p in picks]
            prompts.append(lead_messages(question, sentences, s.prompts_dir))
    generator = a.generator
    models = {"float32": generator.model}  # type: ignore[attr-defined]
    models["bfloat16"] = copy.deepcopy(models["float32"]).to(torch.bfloat16)
    texts: dict[str, list[str]] = {}
    for round_ in range(1, args.rounds + 1):
        for name, model in models.items():
            generator.model = model  # type: ignore[attr-defined]
            times, texts[name] = [], []
            for messages in prompts:
                start = time.perf_counter()
                texts[name].append("".join(stream_lead(generator, messages, s.compose.lead_tokens)))
                times.append(time.perf_counter() - start)
            print(f"round {round_} {name}: median {statistics.median(times):.2f} s per lead")
    same = sum(x == y for x, y in zip(texts["float32"], texts["bfloat16"], strict=True))
    print(f"{len(prompts)} prompts; texts identical in both dtypes: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
