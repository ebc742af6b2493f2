"""Put every cell back to the released version, in the released order."""

from __future__ import annotations

import copy

from nbconvert.exporters.exporter import ResourcesDict
from nbformat import from_dict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from ..grade_submission import cell_grade_id, cell_source
from .release import release_for

__all__ = ["RestoreReleaseCells"]


class RestoreReleaseCells(NbGraderPreprocessor):
    """A participant's copy of a released cell is replaced by the release's (source, type,
    metadata — an edited test or a changed ``points`` included); a deleted cell is added back.
    Answers live in ``answers.json``, so nothing a participant typed in the notebook is lost.
    Hidden tests are not in the release: nbgrader's ``OverwriteCells`` restores them next."""

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        release = release_for(resources)
        present = {cell_grade_id(cell) for cell in nb.cells}
        missing = [grade_id for grade_id in release.order if grade_id not in present]
        if missing:
            self.log.warning("Re-adding cells missing from the submission: %s", missing)
        cells = []
        for grade_id in release.order:
            cell = from_dict(copy.deepcopy(release.cells[grade_id]))
            cell.source = cell_source(cell)  # on disk a list of lines; nbgrader wants text
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            cells.append(cell)
        nb.cells = cells
        return nb, resources
