"""nbgrader's gradebook as tables: the course's ``db_url``, its structure, and our state table.

The grader writes into nbgrader's own tables (``submitted_assignment``, ``submitted_notebook``,
``grade``, ``comment``, ``student``) with SQLAlchemy Core, so formgrader, ``nbgrader export``
and ``nbgrader generate_feedback`` read the grades unchanged. The tables are *reflected* from
the database (the schema nbgrader 0.9 created at ``dancoso contest build``), which keeps
``import nbgrader`` — several seconds — off the fast path. SQLite and PostgreSQL both work.

One table is ours, ``dancoso_graded``: per graded attempt (assignment, student), the digest of
what was graded and what ranking needs. It lives in the same database, so a batch of grades and
its state commit in one transaction: after ``kill -9`` the gradebook and the state agree, and a
re-run grades exactly what is missing. nbgrader ignores tables it does not know.

    book = GradebookTables.open(course_dir)       # db_url from <course>/nbgrader_config.py
    book.structure("vong-1-lan-1").grade_cells    # {"cau-01": (cell id, 2.0), ...}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    select,
)
from sqlalchemy.engine import Engine

__all__ = [
    "STATE_TABLE",
    "NBGRADER_TABLES",
    "NotebookStructure",
    "GradebookTables",
    "course_db_url",
    "make_engine",
]

STATE_TABLE = "dancoso_graded"
NBGRADER_TABLES = (
    "course",
    "student",
    "assignment",
    "notebook",
    "base_cell",
    "grade_cells",
    "solution_cells",
    "task_cells",
    "source_cell",
    "submitted_assignment",
    "submitted_notebook",
    "grade",
    "comment",
)


def course_db_url(course_dir: Path) -> str:
    """The gradebook URL of a built course: ``c.CourseDirectory.db_url`` of its config."""
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(course_dir).resolve()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    url = config.CourseDirectory.get("db_url")
    return str(url) if url else f"sqlite:///{root / 'gradebook.db'}"


def make_engine(db_url: str) -> Engine:
    """An engine for ``db_url``. SQLite waits for locks (formgrader may be reading) and keeps a
    large page cache: nbgrader's random 32-character ids scatter every insert over the indexes.
    The gradebook is switched to write-ahead logging, crash-safe and readable while we write."""
    if not db_url.startswith("sqlite"):
        return create_engine(db_url, pool_pre_ping=True)
    engine = create_engine(db_url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _tune(connection, _record) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: safe against kill -9
        cursor.execute("PRAGMA cache_size=-262144")  # KiB: 256 MB at most, as needed
        cursor.close()

    return engine


def _state_table(metadata: MetaData) -> Table:
    return Table(
        STATE_TABLE,
        metadata,
        Column("assignment", String(128), primary_key=True),
        Column("student", String(128), primary_key=True),
        Column("attempt_id", Integer, nullable=False),  # the ledger's attempt id
        Column("round_id", String(128), nullable=False),
        Column("attempt_no", Integer, nullable=False),
        Column("submission", String(512), nullable=False),  # inbound directory graded
        Column("submitted_at", String(40), nullable=False),  # server time, ISO with offset
        Column("digest", String(64), nullable=False),  # of everything that was graded
        Column("engine", String(16), nullable=False),
        Column("graded_at", String(40), nullable=False),
        Column("reasons", Text, nullable=False),  # comma-separated, see grade_submission
        Column("correct", Integer, nullable=False),
        Column("points", Float, nullable=False),  # automatic points (score_attempt's)
        Column("max_points", Float, nullable=False),
        Column("prediction", Integer, nullable=True),
        Column("responses", Text, nullable=False),  # see grade_record.encode_responses
    )


@dataclass(frozen=True)
class NotebookStructure:
    """One assignment's notebook in the gradebook: ids and cells by nbgrader grade id."""

    assignment_id: str
    assignment: str
    notebook_id: str
    notebook: str
    grade_cells: dict[str, tuple[str, float]]  # name -> (base_cell id, max score)
    solution_cells: dict[str, str]  # name -> base_cell id (manually graded answers)
    task_cells: dict[str, str]

    @cached_property
    def max_score(self) -> float:
        return sum(points for _, points in self.grade_cells.values())


@dataclass
class GradebookTables:
    engine: Engine
    tables: dict[str, Table]
    state: Table
    _structures: dict[str, NotebookStructure | None] = field(default_factory=dict)

    @classmethod
    def open(cls, course_dir: Path | None = None, *, db_url: str | None = None) -> GradebookTables:
        """Reflect nbgrader's tables (built by ``dancoso contest build``) and ensure ours."""
        url = db_url or course_db_url(course_dir)
        engine = make_engine(url)
        metadata = MetaData()
        metadata.reflect(bind=engine, only=list(NBGRADER_TABLES))
        state = _state_table(metadata)
        state.create(bind=engine, checkfirst=True)
        tables = {name: metadata.tables[name] for name in NBGRADER_TABLES}
        return cls(engine=engine, tables=tables, state=state)

    def close(self) -> None:
        self.engine.dispose()

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]

    def structure(self, assignment: str) -> NotebookStructure | None:
        """The assignment's (single) notebook and cells; None if nbgrader does not know it."""
        if assignment not in self._structures:
            self._structures[assignment] = self._load_structure(assignment)
        return self._structures[assignment]

    def _load_structure(self, assignment: str) -> NotebookStructure | None:
        t = self.tables
        with self.engine.connect() as db:
            row = db.execute(
                select(t["assignment"].c.id).where(t["assignment"].c.name == assignment)
            ).first()
            if row is None:
                return None
            notebook = db.execute(
                select(t["notebook"].c.id, t["notebook"].c.name)
                .where(t["notebook"].c.assignment_id == row.id)
                .order_by(t["notebook"].c.name)
            ).first()
            if notebook is None:
                return None
            cell = t["base_cell"]
            grade = db.execute(
                select(cell.c.name, cell.c.id, t["grade_cells"].c.max_score)
                .join(t["grade_cells"], t["grade_cells"].c.id == cell.c.id)
                .where(cell.c.notebook_id == notebook.id)
            ).all()
            solution = db.execute(
                select(cell.c.name, cell.c.id)
                .join(t["solution_cells"], t["solution_cells"].c.id == cell.c.id)
                .where(cell.c.notebook_id == notebook.id)
            ).all()
            task = db.execute(
                select(cell.c.name, cell.c.id)
                .join(t["task_cells"], t["task_cells"].c.id == cell.c.id)
                .where(cell.c.notebook_id == notebook.id)
            ).all()
        return NotebookStructure(
            assignment_id=row.id,
            assignment=assignment,
            notebook_id=notebook.id,
            notebook=notebook.name,
            grade_cells={r.name: (r.id, float(r.max_score)) for r in grade},
            solution_cells={r.name: r.id for r in solution},
            task_cells={r.name: r.id for r in task},
        )
