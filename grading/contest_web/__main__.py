"""``python -m grading.contest_web --course-dir DIR [--host H] [--port P]`` (for ``dancoso
serve``; people use ``dancoso contest serve SPEC --course-dir DIR``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .app import serve_contest


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m grading.contest_web")
    parser.add_argument("--course-dir", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8870)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--behind-proxy", action="store_true")
    arguments = parser.parse_args()
    return serve_contest(
        course_dir=arguments.course_dir,
        host=arguments.host,
        port=arguments.port,
        workers=arguments.workers,
        behind_proxy=arguments.behind_proxy,
    )


if __name__ == "__main__":
    raise SystemExit(main())
