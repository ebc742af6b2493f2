"""nbgrader's ``LimitOutput`` also counting characters: one 10 MB line is one line."""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import LimitOutput as NbgraderLimitOutput
from traitlets import Integer

__all__ = ["LimitOutput"]

TRUNCATED = "\n… (đã cắt bớt / output truncated)"


class LimitOutput(NbgraderLimitOutput):
    max_chars = Integer(
        20_000,
        help="Maximum characters kept per output text (stream text, tracebacks, text/* data); "
        "-1 means no limit.",
    ).tag(config=True)

    def _cut(self, text):
        if isinstance(text, list):
            text = "".join(text)
        if self.max_chars >= 0 and isinstance(text, str) and len(text) > self.max_chars:
            return text[: self.max_chars] + TRUNCATED
        return text

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, cell_index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.outputs:
            if "text" in output:
                output.text = self._cut(output.text)
            if "traceback" in output:
                output.traceback = [self._cut(line) for line in output.traceback]
            for mime, value in list(output.get("data", {}).items()):
                if mime.startswith("text/") or mime.endswith("json"):
                    output.data[mime] = self._cut(value) if isinstance(value, str | list) else value
        return cell, resources
