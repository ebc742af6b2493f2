"""How long `dancoso --help` and `dancoso bank check` take to start, next to a stock Jupyter CLI.

Run: .venv/bin/python benchmarks/cli_start.py [--repeat 5] [--json]
The target is ≤ 0.5 s for `dancoso --help`. Figures are medians of fresh processes, measured
side by side in one run, and reported with their ratio to `jupyter nbconvert --help`, which pays
for the Jupyter imports we avoid.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

COMMANDS = {
    "dancoso --help": [str(BIN / "dancoso"), "--help"],
    "dancoso bank check": [str(BIN / "dancoso"), "bank", "check", str(ROOT / "quizzes" / "bank")],
    "python -c pass": [sys.executable, "-c", "pass"],
    "jupyter nbconvert --help": [str(BIN / "jupyter-nbconvert"), "--help"],
}


def time_command(command: list[str], repeat: int) -> float:
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        durations.append(time.perf_counter() - start)
    return statistics.median(durations)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    results = {name: time_command(cmd, arguments.repeat) for name, cmd in COMMANDS.items()}
    reference = results["jupyter nbconvert --help"]
    for name, seconds in results.items():
        print(f"{name:<28} {seconds:6.3f} s   {seconds / reference:5.2f}× nbconvert --help")
    verdict = "met" if results["dancoso --help"] <= 0.5 else "MISSED"
    print(f"target dancoso --help ≤ 0.5 s: {verdict}")
    if arguments.json:
        print(json.dumps({name: round(s, 4) for name, s in results.items()}))


if __name__ == "__main__":
    main()
