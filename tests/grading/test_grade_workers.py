"""The worker pool's hard kill: a kernel stuck in a loop that ignores Ctrl-C is killed with its
worker at the deadline, the job is reported as timed out, and the next job runs."""

from __future__ import annotations

import os
import time

import psutil
import pytest

from grading.grade_workers import WorkerPool

pytestmark = pytest.mark.slow

STUCK = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n"


def _setup(runtime):
    def handle(job):
        if job == "crash":
            os._exit(3)
        if job == "stuck":
            import nbformat
            from nbclient import NotebookClient

            notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STUCK)])
            client = NotebookClient(notebook, timeout=2, interrupt_on_timeout=True)

            def note_kernel(**_):
                (runtime / "kernel.pid").write_text(str(client.km.provisioner.pid))

            client.on_cell_start = note_kernel
            client.execute()  # interrupting fails: the loop ignores SIGINT
        return f"done {job}"

    return lambda: handle


def test_stuck_kernel_is_killed_at_the_deadline_and_the_batch_goes_on(tmp_path) -> None:
    pool = WorkerPool(workers=1, setup=_setup(tmp_path), timeout=12)
    started = time.monotonic()
    outcomes = dict(pool.run(["stuck", "crash", "after"]))
    assert time.monotonic() - started < 60
    assert outcomes["stuck"].error == "timeout"
    assert outcomes["crash"].error == "crashed"
    assert outcomes["after"].ok and outcomes["after"].value == "done after"
    kernel = int((tmp_path / "kernel.pid").read_text())  # a real kernel ran the loop
    deadline = time.monotonic() + 10
    while psutil.pid_exists(kernel) and time.monotonic() < deadline:
        time.sleep(0.1)  # a killed process leaves the table once reaped
    alive = psutil.pid_exists(kernel) and psutil.Process(kernel).status() != "zombie"
    assert not alive  # the stuck kernel did not survive its worker
