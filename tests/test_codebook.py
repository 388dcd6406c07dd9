"""The packaged codebooks (CAMEO, agents, PLOVER) and the event contract.

These tests document what the data files promise: every CAMEO root and
sub-code is there with its Goldstein weight, quad class and PLOVER type;
malformed files fail loudly with the file and line; and an output event
either matches the public JSON Schema or is rejected with the failing path.
"""

from __future__ import annotations

import copy
import dataclasses
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from accord.codebook import (
    CAMEO_HEADER,
    CameoCode,
    Codebook,
    load_codebook,
    read_tsv,
    validate_event,
)
from accord.errors import DataFileError, UsageError

ROOTS = [f"{n:02d}" for n in range(1, 21)]
PLOVER_2021 = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook()


def cameo_quad(root: str) -> int:
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 9 else 3 if n <= 14 else 4


# ------------------------------------------------------------- CAMEO codes
def test_every_root_01_to_20_is_present(codebook):
    missing = [root for root in ROOTS if root not in codebook.cameo]
    assert missing == []


@pytest.mark.parametrize("root", ROOTS)
def test_each_root_has_the_quad_class_of_its_range(codebook, root):
    assert codebook.get(root).quad_class == cameo_quad(root)


def test_every_code_has_the_quad_class_of_its_root(codebook):
    wrong = [c.code for c in codebook.cameo.values() if c.quad_class != cameo_quad(c.root)]
    assert wrong == []


def test_the_codebook_holds_all_cameo_codes_not_a_sample(codebook):
    assert 280 < len(codebook.cameo) < 340
    four_digit = {code for code in codebook.cameo if len(code) == 4}
    for code in ["0211", "0314", "0334", "0344", "0356", "0863", "0874", "1014", "1044",
                 "1212", "1224", "1234", "1246", "1313", "1324", "1385", "1414", "1623",
                 "1663", "1712", "1724", "1823", "1834", "2042"]:
        assert code in four_digit


def test_every_code_sits_under_an_existing_parent_and_root(codebook):
    for code, entry in codebook.cameo.items():
        assert entry.root in codebook.cameo, code
        if len(code) == 4:
            assert code[:3] in codebook.cameo, code


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [
        ("010", 0.0), ("020", 3.0), ("036", 4.0), ("040", 1.0), ("042", 1.9), ("043", 2.8),
        ("057", 8.0), ("0871", 9.0), ("0874", 10.0), ("112", -2.0), ("130", -4.4),
        ("163", -8.0), ("173", -5.0), ("190", -10.0), ("191", -9.5),
    ],
)
def test_well_known_goldstein_values(codebook, code, goldstein):
    assert codebook.get(code).goldstein == goldstein


def test_every_goldstein_value_is_on_the_scale(codebook):
    assert all(-10.0 <= c.goldstein <= 10.0 for c in codebook.cameo.values())


@pytest.mark.parametrize(
    ("code", "name"),
    [("042", "Make a visit"), ("043", "Host a visit"), ("057", "Sign formal agreement"),
     ("0871", "Declare truce, ceasefire"), ("190", "Use conventional military force")],
)
def test_codes_carry_their_cameo_names(codebook, code, name):
    assert codebook.get(code).name == name


def test_a_code_knows_its_root():
    assert CameoCode("0871", "Declare truce, ceasefire", 9.0, 2, "RETREAT", "ceasefire").root == "08"


def test_codebook_entries_cannot_be_changed(codebook):
    with pytest.raises(dataclasses.FrozenInstanceError):
        codebook.get("042").goldstein = 5.0  # type: ignore[misc]


def test_an_unknown_code_is_a_usage_error(codebook):
    assert codebook.is_code("042")
    assert not codebook.is_code("999")
    with pytest.raises(UsageError, match="unknown CAMEO code '999'"):
        codebook.get("999")


def test_the_codebook_is_loaded_once():
    assert load_codebook() is load_codebook()


# ------------------------------------------------------------------ PLOVER
def test_plover_lists_the_sixteen_2021_types(codebook):
    assert set(codebook.plover_types) == PLOVER_2021
    assert set(codebook.plover_types.values()) == {1, 2, 3, 4}


@pytest.mark.parametrize(
    ("plover_type", "quad"),
    [("AGREE", 1), ("CONSULT", 1), ("CONCEDE", 1), ("COOPERATE", 2), ("RETREAT", 2),
     ("REQUEST", 3), ("ACCUSE", 3), ("PROTEST", 4), ("MOBILIZE", 4), ("ASSAULT", 4)],
)
def test_plover_types_sit_in_plovers_own_quads(codebook, plover_type, quad):
    assert codebook.plover_types[plover_type] == quad


def test_every_plover_type_used_in_cameo_is_listed(codebook):
    used = {c.plover_type for c in codebook.cameo.values() if c.plover_type}
    assert used <= set(codebook.plover_types)
    assert used == PLOVER_2021


@pytest.mark.parametrize(
    ("code", "plover_type", "mode"),
    [
        ("036", "AGREE", None), ("042", "CONSULT", "visit"), ("043", "CONSULT", "visit"),
        ("044", "CONSULT", "third-party"), ("057", "SUPPORT", None), ("062", "COOPERATE", None),
        ("073", "AID", None), ("080", "CONCEDE", None), ("0841", "RETREAT", "release"),
        ("0871", "RETREAT", "ceasefire"), ("090", "ACCUSE", "investigate"), ("100", "REQUEST", None),
        ("112", "ACCUSE", "disapprove"), ("128", "REJECT", "yield"), ("138", "THREATEN", "violence"),
        ("141", "PROTEST", "demo"), ("154", "MOBILIZE", "troops"), ("163", "SANCTION", "restrict"),
        ("173", "COERCE", "arrest"), ("190", "ASSAULT", None), ("195", "ASSAULT", "heavy-weapons"),
        # by family where the 2021 draft moved a sub-code alone
        ("0813", "CONCEDE", None), ("0814", "CONCEDE", None), ("1712", "COERCE", "seize"),
        ("175", "COERCE", None), ("191", "ASSAULT", "restrict"), ("192", "ASSAULT", "seize"),
    ],
)
def test_cameo_codes_map_to_plover(codebook, code, plover_type, mode):
    entry = codebook.get(code)
    assert (entry.plover_type, entry.plover_mode) == (plover_type, mode)


def test_statements_have_no_plover_type(codebook):
    dropped = [c for c in codebook.cameo.values() if c.root == "01"]
    assert dropped and all(c.plover_type is None and c.plover_mode is None for c in dropped)


def test_appeals_are_plover_requests(codebook):
    appeals = [c for c in codebook.cameo.values() if c.root == "02"]
    assert appeals and all(c.plover_type == "REQUEST" for c in appeals)
    assert codebook.get("026").plover_mode == codebook.get("106").plover_mode


def test_every_other_code_has_a_plover_type(codebook):
    untyped = [c.code for c in codebook.cameo.values() if c.root != "01" and not c.plover_type]
    assert untyped == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"), ("DEMAND", "REQUEST"), ("FIGHT", "ASSAULT"),
     ("consult", "CONSULT"), (" Assault ", "ASSAULT")],
)
def test_normalize_plover_maps_old_names_and_case(codebook, name, expected):
    assert codebook.normalize_plover(name) == expected


def test_normalize_plover_rejects_a_name_it_does_not_know(codebook):
    with pytest.raises(UsageError, match="unknown PLOVER type 'VISIT'"):
        codebook.normalize_plover("VISIT")


# ------------------------------------------------------------------ agents
def test_agents_include_the_common_sectors(codebook):
    for code in ["GOV", "MIL", "REB", "OPP", "PTY", "BUS", "MED", "JUD", "COP", "SPY", "LEG", "CVL",
                 "IGO", "NGO", "REL", "UAF", "INS"]:
        assert code in codebook.agents, code
    assert codebook.agents["GOV"] == "Government"
    assert codebook.agent_kinds["GOV"] == "sector"
    assert codebook.agent_kinds["IGO"] == "transnational"


# -------------------------------------------------------- the TSV reader
def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_tsv_skips_comments_and_blank_lines_and_keeps_line_numbers(tmp_path):
    path = write(tmp_path / "t.tsv", "# a comment", "", "code\tname", "  # indented comment", "GOV\tGovernment", "", "MIL\tMilitary")
    assert read_tsv(path, ["code", "name"]) == [(5, {"code": "GOV", "name": "Government"}), (7, {"code": "MIL", "name": "Military"})]


def test_read_tsv_accepts_a_packaged_resource():
    rows = read_tsv(resources.files("accord") / "data" / "plover_aliases.tsv", ["old", "new"])
    assert ("DISAPPROVE", "ACCUSE") in {(row["old"], row["new"]) for _, row in rows}


def test_read_tsv_keeps_empty_trailing_cells(tmp_path):
    path = write(tmp_path / "t.tsv", "\t".join(CAMEO_HEADER), "010\tMake statement\t0.0\t1\t\t")
    (_, row), = read_tsv(path, CAMEO_HEADER)
    assert row["plover_type"] == "" and row["plover_mode"] == ""


def test_read_tsv_names_file_and_line_of_a_row_with_too_few_columns(tmp_path):
    path = write(tmp_path / "t.tsv", "# comment", "code\tname\tkind", "GOV\tGovernment\tsector", "MIL\tMilitary")
    with pytest.raises(DataFileError) as err:
        read_tsv(path, ["code", "name", "kind"])
    assert (err.value.path, err.value.line) == (str(path), 4)
    assert str(err.value) == f"{path}:4: expected 3 tab-separated columns, found 2"


def test_read_tsv_rejects_a_row_with_too_many_columns(tmp_path):
    path = write(tmp_path / "t.tsv", "code\tname", "GOV\tGovernment\textra")
    with pytest.raises(DataFileError, match=r":2: expected 2 tab-separated columns, found 3"):
        read_tsv(path, ["code", "name"])


def test_read_tsv_rejects_a_wrong_header(tmp_path):
    path = write(tmp_path / "t.tsv", "# comment", "code\tlabel\tkind", "GOV\tGovernment\tsector")
    with pytest.raises(DataFileError) as err:
        read_tsv(path, ["code", "name", "kind"])
    assert (err.value.path, err.value.line) == (str(path), 2)
    assert "header must be code<TAB>name<TAB>kind" in err.value.reason


def test_read_tsv_rejects_a_file_without_header(tmp_path):
    path = write(tmp_path / "t.tsv", "# only comments")
    with pytest.raises(DataFileError, match="no header line") as err:
        read_tsv(path, ["code", "name"])
    assert err.value.line is None


def test_read_tsv_reports_a_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="cannot read the file") as err:
        read_tsv(tmp_path / "absent.tsv", ["code"])
    assert err.value.path == str(tmp_path / "absent.tsv")


def test_read_tsv_runs_column_checks_and_finds_duplicates(tmp_path):
    def digits(text: str) -> None:
        if not text.isdigit():
            raise ValueError(f"{text!r} is not a number")

    path = write(tmp_path / "t.tsv", "n\tname", "1\tone", "x\ttwo")
    with pytest.raises(DataFileError, match=r"t\.tsv:3: n: 'x' is not a number"):
        read_tsv(path, ["n", "name"], checks={"n": digits})
    path = write(tmp_path / "u.tsv", "n\tname", "1\tone", "1\tuno")
    with pytest.raises(DataFileError, match=r"u\.tsv:3: duplicate n '1' \(first on line 2\)"):
        read_tsv(path, ["n", "name"], unique="n")


# ------------------------------------------- malformed codebook files
PACKAGED = resources.files("accord") / "data"
GOOD_ROWS = [
    "04\tConsult\t1.0\t1\tCONSULT\t",
    "040\tConsult\t1.0\t1\tCONSULT\t",
    "042\tMake a visit\t1.9\t1\tCONSULT\tvisit",
]


def load_cameo_file(path: Path) -> Codebook:
    return Codebook.from_files(path, PACKAGED / "agents.tsv", PACKAGED / "plover.tsv", PACKAGED / "plover_aliases.tsv")


def test_a_small_valid_cameo_file_loads(tmp_path):
    path = write(tmp_path / "cameo.tsv", "\t".join(CAMEO_HEADER), *GOOD_ROWS)
    assert load_cameo_file(path).get("042").plover_mode == "visit"


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        ("043\tHost a visit\tabout two\t1\tCONSULT\tvisit", "goldstein: 'about two' is not a number"),
        ("043\tHost a visit\t12.5\t1\tCONSULT\tvisit", "goldstein: 12.5 is outside -10..10"),
        ("043\tHost a visit\t2.8\t5\tCONSULT\tvisit", "quad_class: '5' is not a quad class"),
        ("43a\tHost a visit\t2.8\t1\tCONSULT\tvisit", "code: '43a' is not a CAMEO code"),
        ("04321\tHost a visit\t2.8\t1\tCONSULT\tvisit", "code: '04321' is not a CAMEO code"),
        ("042\tMake a visit again\t1.9\t1\tCONSULT\tvisit", "duplicate code '042' (first on line 5)"),
        ("043\tHost a visit\t2.8\t1\tVISIT\t", "plover_type: 'VISIT' is not a PLOVER type listed in plover.tsv"),
        ("043\tHost a visit\t2.8\t1\t\tvisit", "plover_mode: a mode needs a plover_type"),
        ("043\tHost a visit\t2.8\t1\tCONSULT", "expected 6 tab-separated columns, found 5"),
        ("0431\tHost a state visit\t2.8\t1\tCONSULT\tvisit", "code '0431' has no parent code '043'"),
        ("043\tHost a visit\t2.8\t3\tCONSULT\tvisit", "quad_class 3 differs from root 04's quad class 1"),
    ],
)
def test_a_bad_cameo_row_names_the_file_and_line(tmp_path, bad_row, reason):
    path = write(tmp_path / "cameo.tsv", "# test codebook", "\t".join(CAMEO_HEADER), *GOOD_ROWS, bad_row)
    with pytest.raises(DataFileError) as err:
        load_cameo_file(path)
    assert err.value.path == str(path)
    assert err.value.line == 6
    assert reason in str(err.value)
    assert str(err.value).startswith(f"{path}:6: ")


def test_an_alias_must_point_to_a_listed_plover_type(tmp_path):
    aliases = write(tmp_path / "aliases.tsv", "old\tnew", "DEMAND\tREQUEST", "YIELD\tGIVE_IN")
    with pytest.raises(DataFileError, match=r"aliases\.tsv:3: new: 'GIVE_IN' is not a PLOVER type"):
        Codebook.from_files(PACKAGED / "cameo.tsv", PACKAGED / "agents.tsv", PACKAGED / "plover.tsv", aliases)


# ------------------------------------------------------- event contract
EXAMPLE_EVENT = {
    "event_id": "5f0c1e2d3a4b5c6d",
    "doc_id": "b1946ac92492d234",
    "source": {"code": "RUSGOV", "country": "RUS", "sector": "GOV", "text": "Russian Foreign Minister Sergey Lavrov"},
    "target": {"code": "PAK", "country": "PAK", "sector": None, "text": "Islamabad"},
    "cameo": "042",
    "root": "04",
    "quad_class": 1,
    "goldstein": 1.9,
    "plover": {"type": "CONSULT", "mode": "visit"},
    "mutual": False,
    "modality": "asserted",
    "date": {"start": "2021-04-06", "end": "2021-04-07", "precision": "day", "text": "April 6-7"},
    "evidence": {"sentence": "Recently Russian Foreign Minister Sergey Lavrov arrived in Islamabad (April 6-7).", "start": 4811, "end": 4987},
    "confidence": 0.8,
}


def event(**changes) -> dict:
    obj = copy.deepcopy(EXAMPLE_EVENT)
    obj.update(changes)
    return obj


def test_the_contract_example_is_a_valid_event():
    assert validate_event(event()) is None


@pytest.mark.parametrize(
    "changes",
    [
        {"date": None},
        {"plover": {"type": None, "mode": None}, "cameo": "010", "root": "01", "goldstein": 0.0},
        {"source": {"code": "IGO", "country": None, "sector": None, "text": "the United Nations"}},
        {"cameo": "0871", "root": "08", "quad_class": 2, "goldstein": 9.0, "plover": {"type": "RETREAT", "mode": "ceasefire"}},
        {"modality": "negated", "mutual": True, "confidence": 0.05},
    ],
)
def test_valid_variants_of_an_event_pass(changes):
    validate_event(event(**changes))


@pytest.mark.parametrize(
    ("obj", "where", "says"),
    [
        ({k: v for k, v in EXAMPLE_EVENT.items() if k != "doc_id"}, "$", "'doc_id' is a required property"),
        (event(quad_class=5), "$.quad_class", "5 is greater than the maximum of 4"),
        (event(quad_class="1"), "$.quad_class", "is not of type 'integer'"),
        (event(extra="x"), "$", "Additional properties are not allowed ('extra' was unexpected)"),
        (event(cameo="42a"), "$.cameo", "does not match"),
        (event(root="4"), "$.root", "does not match"),
        (event(goldstein=-11), "$.goldstein", "less than the minimum of -10"),
        (event(confidence=1.5), "$.confidence", "greater than the maximum of 1"),
        (event(modality="probable"), "$.modality", "is not one of"),
        (event(plover={"type": "DEMAND", "mode": None}), "$.plover.type", "is not one of"),
        (event(date={"start": "2021-4-6", "end": "2021-04-07", "precision": "day", "text": ""}), "$.date.start", "2021-4-6"),
        (event(date={"start": "2021-02-30", "end": "2021-03-01", "precision": "day", "text": ""}), "$.date.start", "'2021-02-30' is not a 'date'"),
        (event(date={"start": "2021-04-06", "end": "2021-04-07", "precision": "fortnight", "text": ""}), "$.date.precision", "is not one of"),
        (event(source={**EXAMPLE_EVENT["source"], "role": "minister"}), "$.source", "'role' was unexpected"),
        (event(evidence={"sentence": "x", "start": -1, "end": 3}), "$.evidence.start", "less than the minimum of 0"),
    ],
)
def test_an_invalid_event_is_rejected_with_the_failing_path(obj, where, says):
    with pytest.raises(UsageError) as err:
        validate_event(obj)
    message = str(err.value)
    assert message.startswith(f"event is invalid at {where}: ")
    assert says in message
    assert "\n" not in message


def test_events_built_by_the_pipeline_match_the_contract(codebook):
    from accord.records import Actor, DateRange, Event

    entry = codebook.get("043")
    built = Event(
        event_id="0123456789abcdef", doc_id="doc", source=Actor("PAKGOV", "PAK", "GOV", "Pakistan"),
        target=Actor("RUS", "RUS", None, "Russia"), cameo=entry.code, root=entry.root,
        quad_class=entry.quad_class, goldstein=entry.goldstein, plover_type=entry.plover_type,
        plover_mode=entry.plover_mode, mutual=False, modality="asserted",
        date=DateRange(date(2021, 4, 6), date(2021, 4, 7), "day", "April 6-7"),
        sentence="Pakistan hosted Lavrov.", start=0, end=23, confidence=0.8,
    )
    validate_event(built.to_json())
