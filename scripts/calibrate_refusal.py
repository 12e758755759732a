"""Refusal-threshold sweep (not a test): how `refusal_threshold` trades wrong refusals on
answerable questions against refusals of not-in-transcript questions, on a gold set.

Every threshold runs the whole gold set through the same `answer()` (offline) with the index
opened once; the table is what the README records to justify the default.

    python scripts/calibrate_refusal.py [--gold FILE] [--thresholds 0.25 0.35 0.45]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a plain script from a checkout
    sys.path.insert(0, str(ROOT))

from callqa.settings import get_settings  # noqa: E402
from chain.answer import Engine  # noqa: E402
from eval.run import run_eval  # noqa: E402
from index.service import open_index  # noqa: E402

GOLD = ROOT / "eval" / "gold" / "alibaba-fy2025-q4.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.2, 0.3, 0.35, 0.4, 0.5])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = get_settings().with_overrides(data_dir=Path(tmp), llm_mode="offline")
        index = open_index(base)
        print(f"gold: {args.gold}  (default threshold {base.refusal_threshold})")
        print("threshold  answer acc  wrongly refused  refusal recall  refusal precision")
        for threshold in args.thresholds:
            settings = base.model_copy(update={"refusal_threshold": threshold})
            report = run_eval(
                args.gold,
                Path(tmp) / f"t{threshold}",
                engine=Engine(settings, index),
                progress=False,
            )
            o = report["summary"]["overall"]
            print(
                f"{threshold:9.2f}  {o['answer_accuracy']:10.1%}  {o['wrongly_refused_rate']:15.1%}"
                f"  {o['refusal_recall'] or 0:14.1%}  {o['refusal_precision'] or 0:17.1%}"
            )


if __name__ == "__main__":
    main()
