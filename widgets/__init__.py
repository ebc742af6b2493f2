"""Course widgets (ipywidgets 8): self-check, learner progress, course home.

The middle layer (quizzes → widgets → grading): it reads the bank through ``quizzes`` and
never imports ``grading`` or ``dancoso``. Course notebooks use :mod:`widgets.course`::

    from widgets import course
    course.header("m02")
    course.self_check("m02", ["l10-d1-pham-vi-dieu-chinh", "l10-d2-co-so-gom"])

Names are resolved lazily (PEP 562), so importing ``widgets.modules`` (used by
``dancoso serve`` to read module metadata) does not import ipywidgets.
"""

from importlib import import_module

_EXPORTS = {
    "Attempt": "selfcheck",
    "SelfCheck": "selfcheck",
    "draw_from_topic": "selfcheck",
    "passed": "selfcheck",
    "QuestionCard": "card",
    "Progress": "progress",
    "ProgressStore": "progress_store",
    "ModuleProgress": "progress_store",
    "ProgressUnavailable": "progress_store",
    "NameForm": "learner",
    "LearnerNameError": "learner",
    "current_learner": "learner",
    "save_learner_name": "learner",
    "validate_name": "learner",
    "ModuleInfo": "modules",
    "ModuleMeta": "modules",
    "ModuleMetadataError": "modules",
    "list_modules": "modules",
    "read_module": "modules",
    "citation_text": "citations",
}

__all__ = sorted([*_EXPORTS, "course"])


def __getattr__(name: str):
    if name == "course":
        return import_module(".course", __name__)
    if name not in _EXPORTS:
        raise AttributeError(f"module 'widgets' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
