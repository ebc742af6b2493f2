"""Course module metadata: the ``dancoso:`` block in each module's front matter.

A module file ``courses/NN-name.md`` (MyST markdown, jupytext) starts with::

    ---
    jupytext: ...
    kernelspec: ...
    dancoso:
      module: m02          # stable id used in progress records and course.self_check("m02", …)
      title: "Chương I — Những quy định chung"
      minutes: 25          # estimated study time shown on the course home
      order: 2             # position on the course home
    ---

jupytext keeps the block as notebook metadata, so the prepared ``.ipynb`` carries it too;
the course home reads it from the notebooks next to it.

Module id ``home`` is reserved for the course home page (``dancoso: {module: home, title:
"Trang chủ khoá học"}``, no ``minutes``): ``dancoso serve`` publishes it as ``index.ipynb``,
the page Voilà opens first, and it is not listed as a module. Files without the block
(drafts, extra pages) are not listed either.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

__all__ = [
    "HOME_ID",
    "ModuleMeta",
    "ModuleInfo",
    "ModuleMetadataError",
    "read_module",
    "list_modules",
]

HOME_ID = "home"


class ModuleMeta(BaseModel):
    """The ``dancoso:`` front-matter block of a course module."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    module: str = Field(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        max_length=40,
        description="Stable module id, e.g. m02; progress is recorded under it. "
        "'home' marks the course home page.",
    )
    title: str = Field(min_length=1, description="Title on the course home, Vietnamese.")
    minutes: int | None = Field(
        None, ge=1, le=600, description="Estimated study time in minutes (modules only)."
    )
    order: int = Field(0, ge=0, description="Position on the course home (ascending).")

    @model_validator(mode="after")
    def _modules_have_minutes(self) -> ModuleMeta:
        if self.minutes is None and not self.is_home:
            raise ValueError("minutes: a module needs its estimated study time, e.g. 25")
        return self

    @property
    def is_home(self) -> bool:
        return self.module == HOME_ID


class ModuleInfo(BaseModel):
    """A module as the course home lists it: its metadata and its notebook's file name."""

    model_config = ConfigDict(frozen=True)

    meta: ModuleMeta
    notebook: str = Field(description="Notebook file name, e.g. 02-chuong-1.ipynb.")

    @property
    def module(self) -> str:
        return self.meta.module

    @property
    def title(self) -> str:
        return self.meta.title


class ModuleMetadataError(ValueError):
    """A ``dancoso:`` block that does not fit :class:`ModuleMeta`; names the file and field."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: dancoso: {detail}")


def module_meta(metadata: Mapping, path: Path) -> ModuleMeta | None:
    block = metadata.get("dancoso") if isinstance(metadata, Mapping) else None
    if block is None:
        return None
    try:
        return ModuleMeta.model_validate(block)
    except ValidationError as error:
        detail = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'block'}: {e['msg']}" for e in error.errors()
        )
        raise ModuleMetadataError(path, detail) from None


def read_module(path: Path) -> ModuleInfo | None:
    """Metadata of a module notebook (``.ipynb``) or source (``.md``); None without a block."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        metadata = json.loads(text).get("metadata", {})
    else:
        metadata = _front_matter(text)
    meta = module_meta(metadata, path)
    if meta is None:
        return None
    return ModuleInfo(meta=meta, notebook=path.with_suffix(".ipynb").name)


def list_modules(directory: Path) -> list[ModuleInfo]:
    """The modules among ``directory/*.ipynb``, in course order. Broken blocks are skipped
    here (the course home must still open); ``dancoso serve`` reports them when preparing."""
    modules = []
    for path in sorted(Path(directory).glob("*.ipynb")):
        try:
            info = read_module(path)
        except (ModuleMetadataError, OSError, ValueError):
            continue
        if info is not None and not info.meta.is_home:
            modules.append(info)
    return sorted(modules, key=lambda m: (m.meta.order, m.notebook))


def _front_matter(text: str) -> dict:
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            loaded = yaml.safe_load("\n".join(lines[1:end]))
            return loaded if isinstance(loaded, dict) else {}
    return {}
