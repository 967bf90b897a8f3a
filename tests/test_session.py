"""The analyst's session without a window: parameters, the as-of rule, projects, autosave."""

from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.catalogue import Catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.scenarios import Scenario
from desktop.project import Project, autosave_path, load_project, save_project, sha256_file
from desktop.session import AsOfAdoption, Session
from desktop.spreadsheet.mapping import MappingProfile
from desktop.spreadsheet.reader import read_workbook
from tests.builders import csv_pair
from tests.test_mapping_settings import CODE_A, CODE_B

REPO = Path(__file__).resolve().parents[1]
RATIO = "jjr-2022-190.16.ratio"
AS_OF = dt.date(2025, 6, 30)


def _read(
    session: Session,
    catalogue: Catalogue,
    paths: list[Path],
    mapping: MappingProfile | None = None,
) -> None:
    """What the window's data job does: read the files, evaluate, record the result."""
    session.begin_reading(paths, mapping)
    result = read_workbook(paths if len(paths) > 1 else paths[0], mapping=mapping)
    evaluation = evaluate_portfolio(
        result.portfolio, catalogue, as_of=session.as_of, overrides=session.overrides
    )
    session.record_evaluation(
        catalogue=catalogue,
        portfolio=result.portfolio,
        evaluation=evaluation,
        mapping=result.mapping,
        source=paths[0],
        label="、".join(p.name for p in paths),
    )


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return csv_pair(tmp_path / "data", CODE_A, CODE_B)


@pytest.fixture
def loaded(catalogue: Catalogue, pair: tuple[Path, Path]) -> Session:
    session = Session(catalogue, as_of=AS_OF)
    _read(session, catalogue, list(pair))
    return session


# -- parameters and dirty state


def test_overrides_are_copied_and_an_unchanged_set_is_no_change(loaded: Session) -> None:
    assert loaded.set_overrides({RATIO: "0.5"})
    assert not loaded.set_overrides({RATIO: "0.5"})  # the same again: nothing to re-run
    outside = loaded.overrides
    outside[RATIO] = "0.9"
    assert loaded.overrides == {RATIO: "0.5"}
    assert loaded.with_override(RATIO, None) == {}
    assert loaded.with_override("x.y", 3) == {RATIO: "0.5", "x.y": "3"}
    assert loaded.overrides == {RATIO: "0.5"}  # with_override only proposes


def test_setting_overrides_marks_the_session_dirty_until_saved(
    loaded: Session, tmp_path: Path
) -> None:
    assert loaded.is_dirty  # read but never saved
    path = tmp_path / "p.pdesk"
    project = loaded.current_project("zh")
    assert project is not None
    save_project(project, path)
    loaded.project_saved(path)
    assert not loaded.is_dirty and loaded.project_path == path
    loaded.set_overrides({RATIO: "0.5"})
    assert loaded.is_dirty
    loaded.set_overrides({})  # back to what was saved
    assert not loaded.is_dirty
    loaded.set_as_of(dt.date(2025, 12, 31))
    assert loaded.is_dirty
    loaded.set_as_of(AS_OF)
    loaded.set_scenarios([Scenario(name="半", as_of=AS_OF, overrides={RATIO: "0.5"})])
    assert loaded.is_dirty


def test_nothing_loaded_is_never_dirty() -> None:
    session = Session(as_of=AS_OF)
    session.set_overrides({RATIO: "0.5"})
    assert not session.is_dirty  # nothing a project could be saved from
    assert session.current_project("zh") is None
    assert session.autosave_writer("zh") is None


# -- the as-of date


def test_a_stated_date_is_adopted_until_the_analyst_picks_one() -> None:
    session = Session()  # no date given: today, not chosen
    assert session.as_of == dt.date.today() and not session.as_of_chosen
    assert session.adopt_stated_as_of(None) is AsOfAdoption.NONE
    stated = dt.date(2025, 9, 30)
    assert session.adopt_stated_as_of(stated) is AsOfAdoption.ADOPTED
    assert session.as_of == stated
    assert not session.as_of_chosen  # the next file's date is adopted as well
    assert session.adopt_stated_as_of(stated) is AsOfAdoption.NONE  # already the date
    assert session.adopt_stated_as_of(dt.date(2025, 3, 31)) is AsOfAdoption.ADOPTED
    session.set_as_of(dt.date(2025, 12, 31))
    assert session.as_of_chosen
    assert session.adopt_stated_as_of(stated) is AsOfAdoption.KEPT
    assert session.as_of == dt.date(2025, 12, 31)


def test_a_date_given_at_start_counts_as_chosen() -> None:
    session = Session(as_of=AS_OF)
    assert session.adopt_stated_as_of(dt.date(2025, 9, 30)) is AsOfAdoption.KEPT
    assert session.as_of == AS_OF


def test_a_project_brings_a_chosen_date(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    session = Session()
    project = Project(input_path=pair[0], input_sha256=None, as_of=AS_OF)
    session.apply_project(project)
    assert session.as_of == AS_OF and session.as_of_chosen
    assert session.adopt_stated_as_of(dt.date(2025, 9, 30)) is AsOfAdoption.KEPT


def test_the_scenario_baseline_follows_the_date_and_parameters() -> None:
    session = Session()
    session.adopt_stated_as_of(dt.date(2025, 9, 30))
    assert session.baseline.as_of == dt.date(2025, 9, 30)
    session.set_overrides({RATIO: "0.5"})
    assert dict(session.baseline.overrides) == {RATIO: "0.5"}
    session.set_as_of(AS_OF)
    assert session.baseline.as_of == AS_OF
    session.apply_project(
        Project(input_path=None, input_sha256=None, as_of=dt.date(2024, 12, 31), overrides={})
    )
    assert session.baseline.as_of == dt.date(2024, 12, 31)
    assert dict(session.baseline.overrides) == {}


def test_a_run_is_repeated_when_date_or_parameters_changed_under_it(loaded: Session) -> None:
    started = (loaded.as_of, loaded.overrides)
    assert not loaded.needs_rerun(*started)
    loaded.set_overrides({RATIO: "0.5"})
    assert loaded.needs_rerun(*started)
    assert not loaded.needs_rerun(loaded.as_of, {RATIO: "0.5"})
    loaded.set_as_of(dt.date(2025, 12, 31))
    assert loaded.needs_rerun(AS_OF, {RATIO: "0.5"})


# -- data


def test_reading_several_files_keeps_every_input_first_one_first(
    loaded: Session, pair: tuple[Path, Path], catalogue: Catalogue
) -> None:
    ents, loans = pair
    assert loaded.input_files() == [ents, loans]
    assert loaded.mapping is not None and loaded.profile is None
    assert loaded.evaluation is not None and loaded.evaluation.as_of == AS_OF
    assert loaded.portfolio is not None and len(loaded.portfolio.loans) == 2
    # A re-evaluation of the same data keeps files and mapping…
    mapping = loaded.mapping
    loaded.record_evaluation(
        catalogue=catalogue,
        portfolio=loaded.portfolio,
        evaluation=loaded.evaluation,
        mapping=None,
        source=ents,
        label="again",
    )
    assert loaded.input_files() == [ents, loans] and loaded.mapping is mapping
    # … a portfolio built in memory forgets them.
    loaded.record_evaluation(
        catalogue=catalogue,
        portfolio=loaded.portfolio,
        evaluation=loaded.evaluation,
        mapping=None,
        source=None,
        label="memory",
    )
    assert loaded.input_files() == [] and loaded.mapping is None
    assert loaded.current_project("zh") is None


def test_the_sha_cache_hashes_an_unchanged_file_once(tmp_path: Path) -> None:
    hashed: list[Path] = []

    def hasher(path: Path) -> str:
        hashed.append(path)
        return sha256_file(path)

    session = Session(hasher=hasher)
    path = tmp_path / "a.csv"
    path.write_text("one\n", encoding="utf-8")
    first = session.input_sha(path)
    assert session.input_sha(path) == first and hashed == [path]
    path.write_text("two, longer\n", encoding="utf-8")
    assert session.input_sha(path) != first and hashed == [path, path]


# -- projects


def test_a_project_of_several_inputs_round_trips(
    loaded: Session, pair: tuple[Path, Path], tmp_path: Path, catalogue: Catalogue
) -> None:
    ents, loans = pair
    loaded.set_overrides({RATIO: "0.5"})
    scenario = Scenario(name="全额", as_of=dt.date(2025, 12, 31), overrides={RATIO: "1"})
    loaded.set_scenarios([scenario])
    project = loaded.current_project("en")
    assert project is not None
    assert [f.path for f in project.inputs] == [ents.resolve(), loans.resolve()]
    assert [f.sha256 for f in project.inputs] == [sha256_file(ents), sha256_file(loans)]
    assert project.as_of == AS_OF and project.overrides == {RATIO: "0.5"}
    assert project.language == "en" and project.scenarios == [scenario]
    assert project.mapping is not None and project.header_rows  # how the columns were read
    path = save_project(project, tmp_path / "pair.pdesk")

    reopened = Session(catalogue)
    saved = load_project(path)
    assert reopened.check_inputs(saved).missing == []
    assert reopened.check_inputs(saved).changed == []
    opening = reopened.apply_project(saved)
    assert opening.files == [ents.resolve(), loans.resolve()]
    assert opening.mapping == project.mapping
    assert reopened.overrides == {RATIO: "0.5"} and reopened.scenarios == [scenario]
    assert reopened.as_of == AS_OF and reopened.as_of_chosen
    _read(reopened, catalogue, opening.files, opening.mapping)
    reopened.project_opened(path, saved)
    assert not reopened.is_dirty  # just as it was saved
    assert reopened.profile == project.mapping
    again = reopened.current_project("en")
    assert again is not None
    assert again.to_dict() == project.to_dict()


def test_another_data_file_detaches_the_session_from_its_project(
    loaded: Session, pair: tuple[Path, Path], tmp_path: Path, catalogue: Catalogue
) -> None:
    """Opened from a project, the session saves there; once another data file is read it
    no longer does (saving then asks where, so the earlier project is never overwritten)."""
    project = loaded.current_project("zh")
    assert project is not None
    path = save_project(project, tmp_path / "pair.pdesk")
    reopened = Session(catalogue)
    saved = load_project(path)
    opening = reopened.apply_project(saved)
    reopened.project_opened(path, saved)  # the window does this before the read finishes
    _read(reopened, catalogue, opening.files, opening.mapping)
    assert reopened.project_path == path and not reopened.is_dirty
    other = csv_pair(tmp_path / "other", CODE_A, CODE_B)
    _read(reopened, catalogue, [other[0]])
    assert reopened.project_path is None
    assert reopened.is_dirty


def test_changed_and_missing_inputs_are_reported(
    loaded: Session, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    ents, loans = pair
    project = loaded.current_project("zh")
    assert project is not None
    assert Session.check_inputs(project).changed == []
    loans.write_text(
        loans.read_text(encoding="utf-8") + f"L3,{CODE_A},50,3.0,2025-03-01\n", encoding="utf-8"
    )
    inputs = Session.check_inputs(project)
    assert inputs.missing == [] and inputs.changed == [loans.resolve()]
    ents.unlink()
    inputs = Session.check_inputs(project)
    assert inputs.missing == [ents.resolve()]
    assert inputs.changed == []  # not checked when the project cannot open anyway
    none = Project(input_path=None, input_sha256=None, as_of=AS_OF)
    assert [str(p) for p in Session.check_inputs(none).missing] == ["—"]
    assert loaded.current_project("zh") is None  # its first input is gone


def test_the_autosave_fills_in_the_hashes_on_the_writer(
    loaded: Session, pair: tuple[Path, Path], home: Path
) -> None:
    write = loaded.autosave_writer("zh")
    assert write is not None
    loaded.set_overrides({RATIO: "0.5"})  # after the snapshot: not in this copy
    assert not autosave_path().exists()  # nothing written until the writer runs it
    write()
    saved = load_project(autosave_path())
    assert saved.overrides == {}
    assert [f.sha256 for f in saved.inputs] == [sha256_file(p) for p in pair]


# -- layering


def test_the_session_imports_no_qt() -> None:
    tree = ast.parse((REPO / "desktop" / "session.py").read_text(encoding="utf-8"))
    names = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not [n for n in names if n and n.startswith(("PySide6", "shiboken6", "desktop.ui"))]
    code = (
        "import sys, desktop.session\n"
        "print(','.join(sorted(m for m in sys.modules"
        " if m.startswith(('PySide6', 'shiboken6', 'desktop.ui')))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
