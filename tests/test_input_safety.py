"""Every file the product reads is safe to read, and every user error is one line and exit 2.

YAML: anchors and aliases (the "billion laughs" bomb), oversized files and absurd nesting are
refused at once, naming the file and line. Numbers beyond any plausible range (1e400, inf,
nan) and parameter values outside their meaning (a day-count basis of 0) are refused naming
the option, file or key. The command line answers each mistake — as-of out of range, a
mapping or scenario file of the wrong shape, an output that cannot be written, a corrupt
workbook — with exit 2 and one line that names the file or option.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.catalogue import load_catalogue
from desktop.core.yamlstrict import USER_FILE_MAX_BYTES, load_yaml, load_yaml_text
from desktop.errors import PolicyFileError

REPO = Path(__file__).resolve().parents[1]


def alias_bomb() -> str:
    """The classic "billion laughs": 9 levels of 9 aliases each, about 1 KB of text."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghij"
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exit_:  # argparse reports a bad option value by exiting 2
        code = int(exit_.code or 0)
    err = capsys.readouterr().err
    return code, err


def assert_user_error(code: int, err: str, *names: str) -> None:
    """Exit 2, exactly one line, no traceback, naming each of ``names``."""
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("policydesk: error: "), err
    assert "Traceback" not in err and "unexpected" not in err
    for name in names:
        assert name in lines[0], (name, err)


# -- YAML ---------------------------------------------------------------------------------


def test_alias_bomb_fails_fast_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(PolicyFileError) as info:
        load_yaml(path)
    assert time.perf_counter() - start < 2.0
    assert info.value.location.file == str(path)
    assert info.value.location.line == 1
    assert "anchors" in info.value.message


def test_single_alias_is_refused_with_its_line() -> None:
    text = "a: 1\nb: [1, 2]\nc: *x\n"
    with pytest.raises(PolicyFileError) as info:
        load_yaml_text(text, Path("x.yaml"))
    # An alias without an anchor is refused at composition too (here: before any lookup).
    assert info.value.location.line == 3
    assert "alias" in info.value.message


def test_anchor_is_refused_with_its_line() -> None:
    with pytest.raises(PolicyFileError) as info:
        load_yaml_text("a: 1\nb: &keep {x: 1}\n", Path("p.yaml"))
    assert info.value.location.line == 2
    assert str(info.value).startswith("p.yaml, line 2: YAML anchors (&keep)")


def test_oversized_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("# padding\n" * 2000 + "a: 1\n", encoding="utf-8")
    with pytest.raises(PolicyFileError) as info:
        load_yaml(path, max_bytes=10_000)
    assert "too large" in str(info.value) and str(path) in str(info.value)
    with pytest.raises(PolicyFileError, match="too large"):
        load_yaml_text("x" * 5_000_000, Path("huge.yaml"))  # the policy limit is 4 MB


def test_deep_nesting_is_refused() -> None:
    start = time.perf_counter()
    with pytest.raises(PolicyFileError, match="nested more than"):
        load_yaml_text("[" * 100_000, Path("deep.yaml"))
    assert time.perf_counter() - start < 2.0


def test_control_character_is_a_located_error() -> None:
    with pytest.raises(PolicyFileError, match=r"c\.yaml: YAML syntax error"):
        load_yaml_text("x: \x01\n", Path("c.yaml"))


def test_bomb_as_scenario_or_mapping_exits_2_fast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    for option in ("--scenario", "--mapping"):
        start = time.perf_counter()
        code, err = run(capsys, "batch", "-q", option, path)
        assert time.perf_counter() - start < 10.0  # includes loading the catalogue
        assert_user_error(code, err, str(path), "line 1", "anchors")


def test_oversized_scenario_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("#" * (USER_FILE_MAX_BYTES + 10) + "\nkind: scenario\n", encoding="utf-8")
    code, err = run(capsys, "batch", "-q", "--scenario", path)
    assert_user_error(code, err, str(path), "too large")


def test_oversized_mapping_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("#" * (USER_FILE_MAX_BYTES + 10) + "\ntables: {}\n", encoding="utf-8")
    code, err = run(capsys, "batch", "-q", "--mapping", path)
    assert_user_error(code, err, str(path), "too large")


# -- numbers and parameter ranges ---------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("jjr-2022-190.16.ratio=1e400", "a ratio lies between 0 and 1"),
        ("jjr-2022-190.16.cap_per_year=1e400", "an amount is at most"),
        ("jjr-2022-190.16.cap_per_year=1e308", "an amount is at most"),
        ("jjr-2022-190.16.cap_per_year=inf", "not a finite number"),
        ("jjr-2022-190.16.cap_per_year=-Infinity", "not a finite number"),
        ("jjr-2022-190.16.ratio=nan", "not a finite number"),
        ("jjr-2022-190.16.ratio=1e99999999%", "beyond any plausible range"),
        ("jjr-2022-190.16.ratio=1e-400", "beyond any plausible range"),
        ("jjr-2022-190.16.cap_per_year=-1", "must not be negative"),
        ("jian-digital-loan.1.day_count=0", "360, 365 or 366"),
        ("jian-digital-loan.1.day_count=-365", "must not be negative"),
        ("jian-digital-loan.1.day_count=100000", "360, 365 or 366"),
        ("jzbf-2023-23.19.guarantee_fee.first_year_days=0", "days is above 0"),
        ("jzbf-2023-23.19.guarantee_fee.first_year_days=99999", "at most 3660"),
    ],
)
def test_implausible_set_values_exit_2(
    setting: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, "batch", "-q", "--set", setting)
    assert_user_error(code, err, f"--set {setting}", setting.partition("=")[0], words)


def test_implausible_set_in_brief_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, "brief", "-q", "-o", tmp_path / "b", "--set", "jjr-2022-190.16.ratio=2")
    assert_user_error(code, err, "--set jjr-2022-190.16.ratio=2", "ratio")


def _first_param_line(path: Path, name: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"{name}:")
    return next(i for i in range(start, len(lines)) if "value:" in lines[i]) + 1


def _catalogue_with(tmp_path: Path, file: str, name: str, value: str) -> tuple[Path, int]:
    root = tmp_path / "policies"
    shutil.copytree(REPO / "policies", root)
    path = root / file
    line = _first_param_line(path, name)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = re.sub(r"value: .*", f"value: {value}", lines[line - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root, line


@pytest.mark.parametrize(
    ("file", "name", "value", "words"),
    [
        ("jian-digital-loan.yaml", "day_count", "0", "a day-count basis is 360, 365 or 366"),
        ("jian-digital-loan.yaml", "day_count", "-360", "must not be negative"),
        ("jian-digital-loan.yaml", "rate", "1.5", "a ratio lies between 0 and 1"),
        ("jian-xingan-ip.yaml", "cap_per_enterprise", "1e400", "an amount is at most"),
        ("jian-xingan-ip.yaml", "cap_per_enterprise", "1.0e400", "an amount is at most"),
        ("jzbf-2023-23.yaml", "first_year_days", "0", "days is above 0"),
    ],
)
def test_policy_parameter_out_of_range_names_file_line_key(
    tmp_path: Path, file: str, name: str, value: str, words: str
) -> None:
    root, line = _catalogue_with(tmp_path, file, name, value)
    with pytest.raises(PolicyFileError) as info:
        load_catalogue(root)
    where = info.value.location
    assert where.file == str(root / file)
    assert where.line == line
    assert where.key is not None and where.key.endswith(f"parameters.{name}.values[0].value")
    assert words in info.value.message and name in info.value.message


def test_shipped_policies_are_in_range() -> None:
    load_catalogue(REPO / "policies")  # the bounds must not refuse the catalogue itself


def _scenario(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ("{jian-digital-loan.1.day_count: 0}", "360, 365 or 366"),
        ("{jjr-2022-190.16.cap_per_year: 1.0e400}", "an amount is at most"),
        ("{jjr-2022-190.16.cap_per_year: .inf}", "not a number"),
        ("{jjr-2022-190.16.ratio: .nan}", "not a number"),
    ],
)
def test_scenario_override_out_of_range_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], override: str, words: str
) -> None:
    path = _scenario(
        tmp_path,
        f"kind: scenario\nscenario:\n  name: a\n  as_of: 2025-06-30\n  overrides: {override}\n",
    )
    code, err = run(capsys, "batch", "-q", "--scenario", path)
    assert_user_error(code, err, str(path), "line", words)


# -- as-of dates --------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
@pytest.mark.parametrize("command", ["batch", "brief"])
def test_as_of_outside_the_supported_range_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str, command: str
) -> None:
    extra = ["-o", str(tmp_path / "b")] if command == "brief" else []
    code, err = run(capsys, command, "-q", *extra, "--as-of", day)
    assert_user_error(code, err, "--as-of", day, "2000-01-01 to 2100-12-31")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_scenario_as_of_outside_the_range_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    path = _scenario(tmp_path, f"kind: scenario\nscenario: {{name: a, as_of: {day}}}\n")
    code, err = run(capsys, "batch", "-q", "--scenario", path)
    assert_user_error(code, err, str(path), "line 2", "scenario.as_of", day)


def test_engine_refuses_an_as_of_outside_the_range(catalogue: object) -> None:
    import datetime as dt

    from desktop.core.engine import evaluate_portfolio
    from desktop.errors import ParameterError

    with pytest.raises(ParameterError, match="outside the supported range"):
        evaluate_portfolio(None, catalogue, as_of=dt.date(1, 1, 1))  # type: ignore[arg-type]


# -- mapping and scenario files of the wrong shape ----------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- a\n- b\n", "not a list"),
        ("", "not empty"),
        ("tables: [1, 2]\n", "no 'tables' mapping"),
        ("name: x\n", "no 'tables' mapping"),
        ("tables:\n  enterprises: [1, 2]\n", "tables.enterprises"),
        ("tables:\n  enterprises:\n    columns: 5\n", "'columns' must be a list"),
        ("tables:\n  enterprises:\n    columns: {a: 1}\n", "'columns' must be a list"),
        ("tables:\n  enterprises:\n    sheet: [1]\n", "'sheet' must be a sheet name"),
        ("tables:\n  enterprises:\n    columns: [5]\n", "each column needs a header"),
        ("tables:\n  enterprises:\n    columns:\n      - {header: [1]}\n", "'header' must be"),
        ("tables:\n  enterprises:\n    columns:\n      - {header: A, field: nosuch}\n", "nosuch"),
        ("tables:\n  nosuch: {}\n", "unknown table 'nosuch'"),
        ("tables: {}\ntables: {}\n", "duplicate key 'tables'"),
        ("tables: {\n", "YAML syntax error"),
    ],
)
def test_mapping_of_the_wrong_shape_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str
) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    code, err = run(capsys, "batch", "-q", "--mapping", path)
    assert_user_error(code, err, path.name, words)


def test_missing_mapping_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nope.yaml"
    code, err = run(capsys, "batch", "-q", "--mapping", path)
    assert_user_error(code, err, str(path), "cannot read")


def test_mapping_loader_still_reads_a_saved_profile(tmp_path: Path) -> None:
    from desktop.spreadsheet import load_mapping

    path = tmp_path / "p.yaml"
    path.write_text(
        "policydesk_mapping: 1\nname: demo\ntables:\n  enterprises:\n    sheet: 企业\n"
        "    columns:\n      - {header: 企业名称, field: name}\n"
        "      - {header: '2024', unit: 万元}\n"
        "      - {header: 1.50}\n",
        encoding="utf-8",
    )
    profile = load_mapping(path)
    assert profile.name == "demo"
    columns = next(iter(profile.columns.values()))
    assert [c.header for c in columns] == ["企业名称", "2024", "1.50"]
    assert columns[0].field == "name" and columns[1].unit == "万元"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- 1\n", "a scenario file is a mapping"),
        ("kind: scenario\nscenario: [1]\n", "scenario"),
        ("kind: nope\n", "kind"),
        ("kind: scenarios\nalternatives: []\n", "needs 'baseline:'"),
        ("kind: scenario\nscenario: {name: a, as_of: not-a-date}\n", "as_of"),
        ("kind: scenario\nscenario: {name: a, as_of: 2025-01-01, measures: [nosuch]}\n", "nosuch"),
        ("kind: scenario\nscenario: {name: a, as_of: 2025-01-01, overrides: [1]}\n", "overrides"),
    ],
)
@pytest.mark.parametrize("command", ["batch", "brief"])
def test_scenario_of_the_wrong_shape_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str, command: str
) -> None:
    path = _scenario(tmp_path, text)
    if command == "batch":
        code, err = run(capsys, "batch", "-q", "--scenario", path)
    else:
        code, err = run(capsys, "brief", "-q", "-o", tmp_path / "b", "--scenarios", path)
    assert_user_error(code, err, str(path), words)


# -- outputs ------------------------------------------------------------------------------


@pytest.fixture
def places(tmp_path: Path) -> dict[str, Path]:
    a_file = tmp_path / "a_file"
    a_file.write_text("x", encoding="utf-8")
    a_folder = tmp_path / "a_folder.xlsx"
    a_folder.mkdir()
    return {"file": a_file, "folder": a_folder}


@pytest.mark.parametrize(
    ("option", "target", "words"),
    [
        ("-o", "folder", "the path is a folder"),
        ("--json", "folder", "the path is a folder"),
        ("-o", "file/out.xlsx", "is a file, not a folder"),
        ("--json", "file/sub/out.json", "is a file, not a folder"),
        ("--csv", "file", "the path is a file, not a folder"),
        ("--csv", "file/sub", "is a file, not a folder"),
    ],
)
def test_output_that_cannot_be_written_exits_2(
    places: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    option: str,
    target: str,
    words: str,
) -> None:
    head, _, rest = target.partition("/")
    path = places[head] / rest if rest else places[head]
    code, err = run(capsys, "batch", "-q", option, path)
    name = "--output" if option == "-o" else option
    assert_user_error(code, err, name, str(path), words)


@pytest.mark.parametrize("target", ["file", "file/sub"])
def test_brief_output_that_cannot_be_written_exits_2(
    places: dict[str, Path], capsys: pytest.CaptureFixture[str], target: str
) -> None:
    head, _, rest = target.partition("/")
    path = places[head] / rest if rest else places[head]
    code, err = run(capsys, "brief", "-q", "-o", path)
    assert_user_error(code, err, "--output", str(path), "is a file, not a folder")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only folders"
)
def test_read_only_output_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, err = run(capsys, "batch", "-q", "-o", folder / "out.xlsx")
    finally:
        folder.chmod(0o755)
    assert_user_error(code, err, "--output", str(folder), "not writable")


def test_unwritable_output_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root every folder is writable to os.access; pretend this one is not.
    folder = tmp_path / "locked"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        "desktop.cli.os.access",
        lambda p, mode, **kw: False if Path(p) == folder else real_access(p, mode, **kw),
    )
    code, err = run(capsys, "batch", "-q", "-o", folder / "sub" / "out.xlsx")
    assert_user_error(code, err, "--output", str(folder), "not writable")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_os_error_while_writing_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    # /proc accepts no new folders, even from root: the failure comes at write time.
    target = Path("/proc/policydesk-no-such-folder/out.xlsx")
    code, err = run(capsys, "batch", "-q", "-o", target)
    assert_user_error(code, err, "--output", str(target), "cannot write")


# -- corrupt inputs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bad.xlsx", b"garbage, not a workbook"),
        ("zipped.xlsx", b"PK\x03\x04" + b"\x00" * 200),
        ("random.xlsx", bytes(range(256)) * 20),
        ("archive.zip", b"PK\x05\x06" + b"\x00" * 18),
        ("empty.xlsx", b""),
    ],
)
def test_corrupt_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, err = run(capsys, "batch", "-q", path)
    assert_user_error(code, err, name)


def test_corrupt_xlsx_with_a_valid_zip_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    path = tmp_path / "hollow.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not really/>")
        archive.writestr("xl/workbook.xml", "<<<broken")
    code, err = run(capsys, "batch", "-q", path)
    assert_user_error(code, err, "hollow.xlsx")
