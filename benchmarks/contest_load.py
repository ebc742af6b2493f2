"""Load test of the contest page: N concurrent participants register, answer and submit.

Run: .venv/bin/python benchmarks/contest_load.py [--participants 1000] [--saves 20]
     [--think 1 4] [--ramp 10] [--limit 600] [--course-dir DIR] [--register-only] [--json]

Goal: 1,000 concurrent participants on one 2-core machine, p95 answer-save under 250 ms, zero
answers lost. The demo contest (``quizzes/contests/demo.yaml``, 20 questions) is built in a
temporary directory with its first round's window moved around now, and the contest server
(``python -m grading.contest_web``) runs in its own process on 127.0.0.1. Each simulated
participant — all in this process, asyncio + aiohttp, one keep-alive connection each — opens
the page, registers, starts an attempt, saves ``--saves`` changes (each the whole sheet, as the
page sends it) with a think time drawn from ``--think`` seconds, and submits without a body,
so the submission is exactly the last saved draft. Arrivals are spread over ``--ramp`` seconds.

``--register-only`` stops each participant after registering: the registration burst alone
(the personal-data registry's group commit), without the saves' disk traffic.

Real participants think 30–60 s per question: the default think time (1–4 s) compresses that
about twenty-fold, so the save rate is far above what 1,000 real people produce.

"Zero answers lost" is checked from disk afterwards: for every participant, the submission in
nbgrader's exchange inbound must hold exactly the last sheet the server acknowledged.

Loopback only; bounded: at most 5,000 participants and ``--limit`` seconds, then it stops the
server and exits. The server's CPU time and peak memory are read from /proc.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import httpx
import yaml

# benchmarks/grading.py (the grading benchmark) would shadow the `grading` package for a
# script run from this folder, which comes first on sys.path: the folder goes.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
ROOT = HERE.parent
DEMO = ROOT / "quizzes" / "contests" / "demo.yaml"
MAX_PARTICIPANTS = 5000
VN = dt.timezone(dt.timedelta(hours=7))


@dataclass
class Figures:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    acked: dict[str, dict] = field(default_factory=dict)  # participant -> last acknowledged sheet
    attempts: dict[str, int] = field(default_factory=dict)
    finished: int = 0

    def time(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def build_course(course_dir: Path) -> None:
    """The demo contest, its first round open from an hour ago for a week."""
    from grading.course_build import build_course as build

    spec = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    now = dt.datetime.now(VN).replace(microsecond=0)
    first = spec["rounds"][0]
    first["opens"] = (now - dt.timedelta(hours=1)).isoformat()
    first["closes"] = (now + dt.timedelta(days=7)).isoformat()
    second = spec["rounds"][1]
    second["opens"] = (now + dt.timedelta(days=8)).isoformat()
    second["closes"] = (now + dt.timedelta(days=30)).isoformat()
    spec_path = course_dir.parent / "contest-load.yaml"
    spec_path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    build(spec_path=spec_path, course_dir=course_dir)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(course_dir: Path, port: int, log_path: Path, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DANCOSO_LANG": "vi"}
    env.pop("DANCOSO_NOW", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "grading.contest_web",
            "--course-dir",
            str(course_dir),
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: see {log_path}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/time", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)  # polling while the server starts
    process.kill()
    raise SystemExit("server did not start within 60 s")


def server_usage(pid: int) -> tuple[float, int]:
    """(CPU seconds so far, peak RSS in MiB) of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    peak = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) // 1024
    return cpu, peak


def person_values(spec: dict, index: int, rng: random.Random) -> dict[str, str]:
    units = spec["units"]
    parents = {u.get("parent") for u in units}
    leaves = [u["id"] for u in units if u["id"] not in parents]
    values = {}
    for item in spec["registration"]["fields"]:
        kind = item["kind"]
        if kind == "name":
            values[item["key"]] = rng.choice(["Nguyễn Văn An", "Trần Thị Bình", "Thạch Sô Phol"])
        elif kind == "date_of_birth":
            values[item["key"]] = (
                f"{rng.randint(1, 28):02d}/0{rng.randint(1, 9)}/19{rng.randint(60, 99)}"
            )
        elif kind == "phone":
            values[item["key"]] = f"09{index:08d}"
        elif kind == "cccd":
            values[item["key"]] = f"0840{index:08d}"
        elif kind == "email":
            values[item["key"]] = f"nguoi{index}@example.vn"
        elif kind == "unit":
            values[item["key"]] = rng.choice(leaves)
        elif kind == "choice":
            values[item["key"]] = item["choices"][0]
    return values


@dataclass
class Reply:
    status: int
    data: dict | None
    cookie: str | None


async def participant(
    session: aiohttp.ClientSession,
    base_url: str,
    index: int,
    spec: dict,
    args: argparse.Namespace,
    figures: Figures,
) -> None:
    rng = random.Random(index)
    await asyncio.sleep(rng.uniform(0, args.ramp))

    async def request(kind: str, method: str, path: str, **options) -> Reply | None:
        began = time.perf_counter()
        try:
            async with session.request(method, base_url + path, **options) as response:
                body = await response.read()
                reply = Reply(response.status, None, response.headers.get("Set-Cookie"))
                if response.content_type == "application/json":
                    reply.data = json.loads(body)
        except (aiohttp.ClientError, TimeoutError):
            figures.error(f"{kind}: network")
            return None
        figures.time(kind, time.perf_counter() - began)
        if reply.status >= 400:
            figures.error(f"{kind}: HTTP {reply.status}")
            return None
        return reply

    for path in ("/", "/api/contest"):
        await request("page", "GET", path)
    registered = await request(
        "register",
        "POST",
        "/api/register",
        json={"values": person_values(spec, index, rng), "consent": True},
    )
    if registered is None:
        return
    if args.register_only:
        figures.finished += 1
        return
    pid = registered.data["participant"]
    cookie = {"Cookie": registered.cookie.split(";")[0]}
    started = await request(
        "start", "POST", "/api/rounds/vong-1/start", json={"practice": False}, headers=cookie
    )
    if started is None:
        return
    paper = started.data
    number = paper["attempt"]["number"]
    figures.attempts[pid] = number
    base = f"/api/rounds/vong-1/official/{number}"
    sheet: dict = {"answers": {}, "prediction": None}
    for seq in range(1, args.saves + 1):
        await asyncio.sleep(rng.uniform(*args.think))
        question = rng.choice(paper["paper"]["questions"])
        letters = [option["letter"] for option in question["options"]]
        sheet["answers"][str(question["number"])] = rng.choice(letters)
        if seq == args.saves // 2:
            sheet["prediction"] = rng.randint(100, 5000)
        body = {"answers": dict(sheet["answers"]), "prediction": sheet["prediction"], "seq": seq}
        saved = await request("save", "PUT", f"{base}/answers", json=body, headers=cookie)
        if saved is not None and saved.data.get("saved"):
            figures.acked[pid] = {"answers": body["answers"], "prediction": body["prediction"]}
    submitted = await request("submit", "POST", f"{base}/submit", json={}, headers=cookie)
    if submitted is not None:
        figures.finished += 1


def lost_answers(course_dir: Path, figures: Figures) -> tuple[int, int]:
    """(participants whose submission differs from their last acknowledged save, checked)."""
    from grading.intake import Intake

    intake = Intake(course_dir)
    lost = 0
    for pid, sheet in figures.acked.items():
        attempt = intake.ledger.get(pid, "vong-1", figures.attempts[pid])
        if attempt is None or attempt.location != "inbound":
            lost += 1
            continue
        stored = json.loads((intake.layout.inbound / attempt.name / "answers.json").read_bytes())
        if stored["answers"] != sheet["answers"] or stored["prediction"] != sheet["prediction"]:
            lost += 1
    return lost, len(figures.acked)


async def watch_lag(figures: Figures) -> None:
    """How late this process's event loop wakes up: if high, the generator (not the server)
    is the bottleneck and the latencies above are inflated."""
    while True:
        began = time.perf_counter()
        await asyncio.sleep(0.05)
        figures.time("client_lag", time.perf_counter() - began - 0.05)


async def drive(port: int, spec: dict, args: argparse.Namespace, figures: Figures) -> None:
    # One session with one keep-alive connection per participant, as each phone is its own
    # browser. Cookies are sent by hand (each participant's session cookie), so no jar.
    base_url = f"http://127.0.0.1:{port}"
    timeout = aiohttp.ClientTimeout(total=60)
    sessions = [
        aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=1),
            cookie_jar=aiohttp.DummyCookieJar(),
            timeout=timeout,
        )
        for _ in range(args.participants)
    ]
    watcher = asyncio.create_task(watch_lag(figures))
    try:
        tasks = [
            participant(session, base_url, i, spec, args, figures)
            for i, session in enumerate(sessions)
        ]
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.limit)
    finally:
        watcher.cancel()
        await asyncio.gather(*(session.close() for session in sessions))


def report(figures: Figures, args, elapsed, usage, lost, checked, load=(0.0, 0.0)) -> dict:
    saves = figures.latencies.get("save", [])
    result = {
        "participants": args.participants,
        "saves_per_participant": args.saves,
        "think_seconds": list(args.think),
        "ramp_seconds": args.ramp,
        "register_only": args.register_only,
        "elapsed_seconds": round(elapsed, 1),
        "finished": figures.finished,
        "requests": {
            kind: {
                "count": len(values),
                "p50_ms": round(percentile(values, 0.50) * 1000, 1),
                "p95_ms": round(percentile(values, 0.95) * 1000, 1),
                "p99_ms": round(percentile(values, 0.99) * 1000, 1),
                "max_ms": round(max(values) * 1000, 1),
            }
            for kind, values in sorted(figures.latencies.items())
        },
        "save_rate_per_second": round(len(saves) / elapsed, 1) if elapsed else None,
        "errors": figures.errors,
        "lost": lost,
        "checked": checked,
        "load_average_before_after": [round(x, 2) for x in load],
        "server_cpu_seconds": round(usage[0], 1),
        "server_peak_rss_mib": usage[1],
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 4.0), metavar=("MIN", "MAX"))
    parser.add_argument("--ramp", type=float, default=10.0, help="arrivals spread, seconds")
    parser.add_argument("--limit", type=float, default=600.0, help="stop after, seconds")
    parser.add_argument("--course-dir", type=Path, help="reuse a built copy (else a temp dir)")
    parser.add_argument("--workers", type=int, default=8, help="the server's thread pool")
    parser.add_argument(
        "--register-only", action="store_true", help="open the page and register, nothing more"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not 1 <= args.participants <= MAX_PARTICIPANTS:
        parser.error(f"--participants must be 1–{MAX_PARTICIPANTS}")
    workdir = Path(tempfile.mkdtemp(prefix="contest-load-"))
    try:
        course = workdir / "course"
        if args.course_dir:
            shutil.copytree(args.course_dir, course, symlinks=True)
        else:
            print("building the demo contest…", file=sys.stderr, flush=True)
            build_course(course)
        spec = json.loads((course / "contest" / "spec.json").read_text(encoding="utf-8"))["spec"]
        port = free_port()
        server = start_server(course, port, workdir / "server.log", args.workers)
        figures = Figures()
        began = time.perf_counter()
        cpu_before = server_usage(server.pid)[0]
        load_before = os.getloadavg()[0]
        try:
            asyncio.run(drive(port, spec, args, figures))
        except TimeoutError:
            print(f"stopped after --limit {args.limit} s", file=sys.stderr)
        elapsed = time.perf_counter() - began
        cpu_after, peak = server_usage(server.pid)
        server.terminate()
        server.wait(timeout=30)
        lost, checked = lost_answers(course, figures)
        load = (load_before, os.getloadavg()[0])
        usage = (cpu_after - cpu_before, peak)
        result = report(figures, args, elapsed, usage, lost, checked, load)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(
        f"{result['participants']} participants × {args.saves} saves, think "
        f"{args.think[0]:g}–{args.think[1]:g} s, ramp {args.ramp:g} s: "
        f"{result['elapsed_seconds']} s"
    )
    for kind, row in result["requests"].items():
        print(
            f"  {kind:<9} n={row['count']:<6} p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7} ms"
            f"  p99 {row['p99_ms']:>7} ms  max {row['max_ms']:>7} ms"
        )
    print(f"  saves/s {result['save_rate_per_second']}; finished {result['finished']}")
    print(f"  errors {result['errors'] or 0}; answers lost {lost} of {checked} checked")
    print(
        f"  server: {result['server_cpu_seconds']} CPU s, peak RSS "
        f"{result['server_peak_rss_mib']} MiB; machine load average (1 min) before/after "
        f"{result['load_average_before_after']}"
    )


if __name__ == "__main__":
    main()
