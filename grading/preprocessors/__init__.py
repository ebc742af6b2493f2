"""Our nbgrader preprocessors: small, one file each, in the spirit of nbgrader's ``lockcells.py``.

They put a submitted paper notebook back to exactly what was released before anything runs,
so only the locked answer-sheet cell and the hidden-test cells execute (answers are data,
never code), and they keep what execution prints small. :data:`SANITIZE` and
:data:`AUTOGRADE` are the ordered lists the nbgrader engine configures on ``Autograde``.
"""

from __future__ import annotations

__all__ = ["SANITIZE", "AUTOGRADE", "sanitize_preprocessors", "autograde_preprocessors"]

# Order matters; see the comments in sanitize_preprocessors / autograde_preprocessors.
SANITIZE = (
    "nbgrader.preprocessors.ClearOutput",
    "grading.preprocessors.drop_foreign_cells.DropForeignCells",
    "grading.preprocessors.restore_release_cells.RestoreReleaseCells",
    "grading.preprocessors.fill_essays.FillEssays",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
)
AUTOGRADE = (
    "nbgrader.preprocessors.Execute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "grading.preprocessors.limit_output.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
)


def _load(path: str):
    from importlib import import_module

    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)


def sanitize_preprocessors() -> list:
    """nbgrader's sanitize list with ours in it:

    1. ``ClearOutput`` first: stored outputs (a 10 MB line included) never reach the graded copy;
    2. ``DropForeignCells`` before nbgrader's ``DeduplicateIds``, which would strip the
       metadata of copied cells and make ``CheckCellMetadata`` fail the notebook (#1083);
    3. ``RestoreReleaseCells``: altered cells back to the release, deleted ones re-added;
    4. ``FillEssays`` after the restore (the answer comes from answers.json, as text);
    5. nbgrader's ``OverwriteCells`` then restores the hidden tests from the gradebook.
    """
    return [_load(path) for path in SANITIZE]


def autograde_preprocessors() -> list:
    """nbgrader's autograde list with our ``LimitOutput`` (characters too, not only lines)."""
    return [_load(path) for path in AUTOGRADE]
