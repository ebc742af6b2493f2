"""Who is learning: the JupyterHub user when there is one, else a name entered once.

The entered name is kept in ``<data>/learner.json``: one learner per data directory, which
fits a personal machine or a JupyterHub single-user server. (A Voilà server shared by many
people should run under JupyterHub, where each person is their own hub user.)
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable
from html import escape
from pathlib import Path

import ipywidgets as w

from quizzes.text import nfc

from .messages import tr

__all__ = [
    "NAME_LIMIT",
    "LearnerNameError",
    "validate_name",
    "current_learner",
    "save_learner_name",
    "learner_file",
    "NameForm",
]

NAME_LIMIT = 80
_SPACES = re.compile(r"\s+")
_PUNCTUATION = set(".-'’ ")


class LearnerNameError(ValueError):
    """A name we refuse, with the Vietnamese message that says why."""


def validate_name(raw: str) -> str:
    """The name tidied (NFC, single spaces), or LearnerNameError with a message to show."""
    name = _SPACES.sub(" ", nfc(raw or "")).strip()
    if not name:
        raise LearnerNameError(tr("name_empty"))
    if len(name) > NAME_LIMIT:
        raise LearnerNameError(tr("name_too_long", limit=NAME_LIMIT))
    for character in name:
        category = unicodedata.category(character)
        if not (category[0] in "LM" or character in _PUNCTUATION):
            raise LearnerNameError(tr("name_bad_characters"))
    if sum(1 for character in name if unicodedata.category(character)[0] == "L") < 2:
        raise LearnerNameError(tr("name_too_short"))
    return name


def learner_file(data_dir: Path | None = None) -> Path:
    from quizzes.datadir import data_dir as resolve

    return resolve(data_dir) / "learner.json"


def current_learner(data_dir: Path | None = None) -> str | None:
    hub_user = os.environ.get("JUPYTERHUB_USER", "").strip()
    if hub_user:
        return hub_user
    path = learner_file(data_dir)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return validate_name(stored["name"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, or unreadable: the learner is simply asked again


def save_learner_name(raw: str, data_dir: Path | None = None) -> str:
    name = validate_name(raw)
    path = learner_file(data_dir)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"name": name}, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)
    return name


class NameForm(w.VBox):
    """Asks for the learner's name once; ``on_saved(name)`` runs after a valid save."""

    def __init__(
        self,
        *,
        on_saved: Callable[[str], None] | None = None,
        data_dir: Path | None = None,
    ) -> None:
        self._on_saved = on_saved
        self._data_dir = data_dir
        self.prompt = w.HTML(f"<p>{escape(tr('learner_prompt'))}</p>")
        self.name_input = w.Text(
            description=tr("learner_label"),
            tooltip=tr("learner_label"),
            placeholder=tr("learner_placeholder"),
            layout=w.Layout(width="100%"),
        )
        self.save_button = w.Button(
            description=tr("learner_save"), button_style="primary", layout=w.Layout(width="auto")
        )
        self.save_button.on_click(lambda _button: self.save())
        self.message = w.HTML("")
        super().__init__(
            [self.prompt, self.name_input, self.save_button, self.message],
            layout=w.Layout(width="100%"),
        )
        self.add_class("dancoso-name-form")

    def save(self) -> str | None:
        try:
            name = save_learner_name(self.name_input.value, self._data_dir)
        except LearnerNameError as error:
            self.message.value = (
                f'<p class="dancoso-feedback dancoso-warning" role="alert">{escape(str(error))}</p>'
            )
            return None
        self.message.value = f'<p role="status">{escape(tr("learner_saved", name=name))}</p>'
        self.name_input.disabled = True
        self.save_button.disabled = True
        if self._on_saved is not None:
            self._on_saved(name)
        return name
