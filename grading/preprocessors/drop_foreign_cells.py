"""Drop every cell the release did not have, and every copy of a cell that it had."""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from ..grade_submission import cell_grade_id
from .release import release_for

__all__ = ["DropForeignCells"]


class DropForeignCells(NbGraderPreprocessor):
    """Cells a participant added (code calling ``os.system``, a loop, a reader of the source
    notebook…) are removed before execution: only released cells may run. Of cells sharing a
    grade id (a copied test cell, nbgrader #1083) the first stays; the copies go."""

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        release = release_for(resources)
        kept, seen = [], set()
        for cell in nb.cells:
            grade_id = cell_grade_id(cell)
            if grade_id is None or grade_id not in release.cells or grade_id in seen:
                self.log.warning("Dropping a cell not in the release (grade id %r)", grade_id)
                continue
            seen.add(grade_id)
            kept.append(cell)
        nb.cells = kept
        return nb, resources
