"""The answer sheet's countdown: the time left of the attempt, ticking in the page.

The kernel runs where the notebook server runs (JupyterHub: the server), so the time the
paper was opened and "now" are the server's clock, not the participant's phone. The ticks
come from an ipywidgets ``Play`` (the browser counts, the kernel only answers), so no thread
runs in the kernel. A ``Play`` starts counting only when ``playing`` turns true while its view
is on the page, so the sheet calls :meth:`Countdown.start` on the participant's first action;
until then the label shows the time left when the sheet was drawn and the deadline itself.
Nothing is submitted automatically — in JupyterLab that is nbgrader's Submit — but at the
limit the sheet stops saving changes and says to submit.

    clock = Countdown(deadline, on_time_up=sheet.lock)
    clock.start()          # on the first click or answer
    clock.tick(now)        # what each Play step calls; returns the seconds left
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import ipywidgets as w

from .answer_sheet_text import st

__all__ = ["Countdown"]

VIETNAM = dt.timezone(dt.timedelta(hours=7))


class Countdown(w.VBox):
    def __init__(self, deadline: dt.datetime, *, on_time_up: Callable[[], None]) -> None:
        self.deadline = deadline
        self.on_time_up = on_time_up
        self.expired = False
        self.label = w.HTML("")
        # One step a second for up to a day; hidden: only its ticks matter.
        self.ticker = w.Play(
            value=0, min=0, max=86_400, step=1, interval=1000, layout=w.Layout(display="none")
        )
        self.ticker.observe(lambda _change: self.tick(), "value")
        super().__init__([self.label, self.ticker])
        self.tick()

    def start(self) -> None:
        if not self.expired and not self.ticker.playing:
            self.ticker.playing = True

    def tick(self, now: dt.datetime | None = None) -> int:
        left = int((self.deadline - (now or dt.datetime.now(VIETNAM))).total_seconds())
        if left > 0:
            minutes, seconds = divmod(left, 60)
            clock, until = f"{minutes:02d}:{seconds:02d}", self.deadline.strftime("%H:%M")
            self.label.value = (
                f'<p role="timer" class="dancoso-timer"><b>{st("time_left", clock=clock)}</b>'
                f" · {st('time_until', until=until)}</p>"
            )
            return left
        if not self.expired:
            self.expired = True
            self.ticker.playing = False
            self.label.value = f'<p role="alert" style="color:#a00000"><b>{st("time_up")}</b></p>'
            self.on_time_up()
        return 0
