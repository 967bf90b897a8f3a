"""The analyst's session, without Qt: what is open, with which parameters, at which date.

The main window displays a :class:`Session` and turns the analyst's actions into calls on
it; everything here can be driven (and tested) without a window:

* the loaded data — portfolio, catalogue, evaluation, the column mapping it was read with
  and every input file read together (the first one first), with a SHA-256 cache so the
  autosave does not hash an unchanged 90 MB input again;
* the parameters (overrides, the baseline of the scenarios), the alternative scenarios and
  the as-of date, including the rule that a file's stated 数据截至 becomes the as-of date
  until the analyst picks one (or a project brings one), as in the batch command;
* the project file it was opened from or saved to, whether it changed since (``is_dirty``),
  building a :class:`~desktop.project.Project` from it and applying one to it, and the
  autosave copy.

Nothing here runs jobs or shows anything: the window starts the evaluations (on its thread
pool) and reports what :meth:`Session.adopt_stated_as_of` and friends return.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import OutputFileError
from desktop.project import InputFile, Project, sha256_file, write_autosave

if TYPE_CHECKING:
    from desktop.core.catalogue import Catalogue
    from desktop.core.evaluation import Evaluation
    from desktop.core.portfolio import Portfolio
    from desktop.core.scenarios import Scenario
    from desktop.spreadsheet.mapping import MappingProfile, WorkbookMapping

log = logging.getLogger(__name__)


class AsOfAdoption(Enum):
    """What :meth:`Session.adopt_stated_as_of` did with a file's stated 数据截至."""

    NONE = "none"  # nothing stated, or the stated date is already the as-of date
    KEPT = "kept"  # the analyst chose another date: it stays
    ADOPTED = "adopted"  # the stated date is now the as-of date


@dataclass(frozen=True)
class Baseline:
    """The scenarios' baseline: the session's as-of date and parameters."""

    as_of: dt.date
    overrides: Mapping[str, str]


@dataclass(frozen=True)
class ProjectInputs:
    """The state of a project's input files before it is applied."""

    missing: list[Path]  # not there any more: the project cannot be opened
    changed: list[Path]  # content differs from when the project was saved: warn


@dataclass(frozen=True)
class ProjectOpening:
    """What to read after a project was applied to the session."""

    files: list[Path]
    mapping: MappingProfile | None  # the confirmed mapping (None: read as a new file)


@dataclass(frozen=True)
class _State:
    """What a project records, to tell whether the session changed since it was saved."""

    inputs: tuple[Path, ...]
    as_of: dt.date
    overrides: tuple[tuple[str, str], ...]
    scenarios: tuple[Scenario, ...]
    mapping: MappingProfile | None


class Session:
    """The state of one analyst's work in the window (see the module's docstring)."""

    def __init__(
        self,
        catalogue: Catalogue | None = None,
        *,
        as_of: dt.date | None = None,
        hasher: Callable[[Path], str] = sha256_file,
    ) -> None:
        self.catalogue = catalogue
        self.portfolio: Portfolio | None = None
        self.evaluation: Evaluation | None = None
        self.source: Path | None = None  # the first file the data was read from
        self.sources: tuple[Path, ...] = ()  # every file read together (first: source)
        self.source_label = ""
        self.mapping: WorkbookMapping | None = None  # how the source's columns were read
        self.profile: MappingProfile | None = None  # the mapping the analyst confirmed
        self.project_path: Path | None = None
        self.scenarios: list[Scenario] = []  # the alternatives to the baseline
        self._pending_sources: tuple[Path, ...] = ()
        self._pending_profile: MappingProfile | None = None
        self._overrides: dict[str, str] = {}
        self._as_of = as_of or dt.date.today()
        # Until the analyst picks a date (or a project brings one), a file's stated
        # 数据截至 becomes the as-of date, as in the batch command.
        self.as_of_chosen = as_of is not None
        self._hasher = hasher
        self._sha_cache: dict[Path, tuple[float, int, str]] = {}  # path → mtime, size, sha
        self._clean: _State | None = None  # the state last saved to (or read from) a project

    # -- parameters and date
    @property
    def overrides(self) -> dict[str, str]:
        """User-set parameter values, ``{"<measure>.<param>": canonical value}`` (a copy)."""
        return dict(self._overrides)

    def set_overrides(self, overrides: Mapping[str, str]) -> bool:
        """Replace the overrides; False when they are the same already."""
        new = {str(k): str(v) for k, v in overrides.items()}
        if new == self._overrides:
            return False
        self._overrides = new
        return True

    def with_override(self, key: str, value: object) -> dict[str, str]:
        """The overrides with ``key`` set to ``value`` (None: removed)."""
        overrides = dict(self._overrides)
        if value is None:
            overrides.pop(key, None)
        else:
            overrides[key] = str(value)
        return overrides

    @property
    def as_of(self) -> dt.date:
        return self._as_of

    def set_as_of(self, day: dt.date, *, chosen: bool = True) -> None:
        """The analyst's date (``chosen``: a file's stated date no longer replaces it)."""
        self._as_of = day
        if chosen:
            self.as_of_chosen = True

    def adopt_stated_as_of(self, stated: dt.date | None) -> AsOfAdoption:
        """A file that states its 数据截至 is evaluated at that date unless the analyst chose
        another; the caller says which and re-evaluates when the date changed."""
        if stated is None or stated == self._as_of:
            return AsOfAdoption.NONE
        if self.as_of_chosen:
            return AsOfAdoption.KEPT
        self._as_of = stated
        return AsOfAdoption.ADOPTED

    @property
    def baseline(self) -> Baseline:
        """The scenarios' baseline: the current date and parameters."""
        return Baseline(self._as_of, self.overrides)

    def set_scenarios(self, scenarios: Sequence[Scenario]) -> None:
        self.scenarios = list(scenarios)

    # -- data
    def catalogue_or_default(self) -> Catalogue:
        if self.catalogue is None:
            from desktop.core.catalogue import default_catalogue

            self.catalogue = default_catalogue()
        return self.catalogue

    def begin_reading(self, paths: Sequence[Path], mapping: MappingProfile | None) -> None:
        """Files are being read (with ``mapping``, if the analyst chose one)."""
        self._pending_sources = tuple(paths)
        self._pending_profile = mapping

    def record_evaluation(
        self,
        *,
        catalogue: Catalogue,
        portfolio: Portfolio,
        evaluation: Evaluation,
        mapping: WorkbookMapping | None,
        source: Path | None,
        label: str,
    ) -> None:
        """An evaluation finished: ``mapping`` is set when files were read (then the files
        of :meth:`begin_reading` are the sources), None for a re-evaluation or a portfolio
        built in memory (a different ``source`` then forgets the files and mapping)."""
        if mapping is not None:
            self.mapping = mapping
            self.profile = self._pending_profile
            self.sources = self._pending_sources
        elif source != self.source:
            self.mapping = self.profile = None
            self.sources = ()
        self.catalogue = catalogue
        self.portfolio = portfolio
        self.evaluation = evaluation
        self.source = source
        self.source_label = label
        if mapping is not None:
            self._detach_if_other_files()

    def _detach_if_other_files(self) -> None:
        """Other data files than the project's: the session no longer follows that project
        file, so saving asks where instead of overwriting it with another portfolio."""
        if self.project_path is None or self._clean is None:
            return
        read = tuple(p.resolve() for p in self.input_files())
        if read != self._clean.inputs:
            self.project_path = None

    def needs_rerun(self, evaluated_as_of: dt.date, evaluated_overrides: Mapping[str, str]) -> bool:
        """True when the date or parameters changed while an evaluation was under way."""
        return evaluated_as_of != self._as_of or dict(evaluated_overrides) != self._overrides

    def input_files(self) -> list[Path]:
        """Every file the current data was read from, the first one first."""
        if self.source is None:
            return []
        others = [p for p in self.sources if p != self.source]
        return [self.source, *others]

    def readable_inputs(self) -> list[Path]:
        """The input files still there (at least the first one, when it is)."""
        if self.source is None:
            return []
        return [p for p in self.sources if p.is_file()] or [self.source]

    def input_sha(self, path: Path) -> str:
        """SHA-256 of ``path``, computed again only when its time or size changed."""
        stat = path.stat()
        cached = self._sha_cache.get(path)
        if cached is not None and cached[:2] == (stat.st_mtime, stat.st_size):
            return cached[2]
        digest = self._hasher(path)
        self._sha_cache[path] = (stat.st_mtime, stat.st_size, digest)
        return digest

    # -- projects
    def current_project(self, language: str, with_sha: bool = True) -> Project | None:
        """The session as a project; None until an enterprise list from a file is open
        (``with_sha=False``: the inputs' SHA-256 left empty, for the autosave to fill in)."""
        if self.source is None or not self.source.is_file():
            return None
        from desktop.spreadsheet.mapping import to_profile

        profile = self.profile
        if profile is None and self.mapping is not None:
            profile = to_profile(self.mapping)
        header_rows: dict[str, list[int]] = {}
        if self.mapping is not None:
            for table, cm in self.mapping.tables.items():
                header_rows[table.value] = list(cm.header_rows)
        first, *others = [p.resolve() for p in self.input_files()]
        return Project(
            input_path=first,
            input_sha256=self.input_sha(first) if with_sha else "",
            more_inputs=tuple(
                InputFile(p, self.input_sha(p) if with_sha and p.is_file() else "") for p in others
            ),
            as_of=self._as_of,
            overrides=self.overrides,
            language=language,
            scenarios=list(self.scenarios),
            mapping=profile,
            header_rows=header_rows if profile is not None else {},
        )

    @staticmethod
    def check_inputs(project: Project) -> ProjectInputs:
        """Which of a project's input files are missing or changed since it was saved."""
        missing = [Path("—")] if project.input_path is None else project.missing_inputs()
        return ProjectInputs(missing, [] if missing else project.changed_inputs())

    def apply_project(self, project: Project) -> ProjectOpening:
        """Take the project's date (as chosen), parameters and scenarios; the caller reads
        the returned files (with the confirmed mapping, if one was saved)."""
        self._overrides = dict(project.overrides)
        self.set_as_of(project.as_of)
        self.scenarios = list(project.scenarios)
        return ProjectOpening([f.path for f in project.inputs], project.mapping)

    def project_opened(self, path: Path, project: Project) -> None:
        """The session now follows the project file ``path`` (unchanged until edited)."""
        self.project_path = path
        self._clean = _State(
            tuple(f.path.resolve() for f in project.inputs),
            project.as_of,
            tuple(sorted(project.overrides.items())),
            tuple(project.scenarios),
            project.mapping,
        )

    def project_saved(self, path: Path) -> None:
        self.project_path = path
        self._clean = self._state()

    def _state(self) -> _State | None:
        if self.source is None:
            return None
        return _State(
            tuple(p.resolve() for p in self.input_files()),
            self._as_of,
            tuple(sorted(self._overrides.items())),
            tuple(self.scenarios),
            self.profile,
        )

    @property
    def is_dirty(self) -> bool:
        """True when there is data whose date, parameters, scenarios, inputs or mapping
        differ from the project file last saved or opened (or there is no such file)."""
        state = self._state()
        return state is not None and state != self._clean

    # -- autosave
    def autosave_writer(self, language: str) -> Callable[[], None] | None:
        """The autosave of the session as it is now, to run on a background thread (the
        inputs' SHA-256 and the write happen there); None when there is nothing to keep."""
        project = self.current_project(language, with_sha=False)
        if project is None or project.input_path is None:
            return None
        source = project.input_path
        others = project.more_inputs

        def write() -> None:
            try:
                more = tuple(
                    InputFile(f.path, self.input_sha(f.path) if f.path.is_file() else None)
                    for f in others
                )
                write_autosave(
                    dataclasses.replace(
                        project, input_sha256=self.input_sha(source), more_inputs=more
                    )
                )
            except (OSError, OutputFileError):  # a full disk must not stop the analyst
                log.warning("cannot write the autosave copy", exc_info=True)

        return write


__all__ = [
    "AsOfAdoption",
    "Baseline",
    "ProjectInputs",
    "ProjectOpening",
    "Session",
]
