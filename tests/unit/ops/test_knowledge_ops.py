"""The knowledge, chemistry and checker operations on their own (ops.knowledge, ops.check):
expectations worked out by hand from the inputs, not read back from the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from peptidekit.errors import InputError, PeptidekitError
from peptidekit.ops.check import BatchCheck, CheckRequest, PageCheck, check
from peptidekit.ops.knowledge import (
    DEFAULT_PKA_SET,
    ChemRequest,
    CompareRequest,
    CompoundRequest,
    CompoundsRequest,
    analyse,
    compare,
    compounds,
    evidence,
    monograph,
)

PAGE = "Selank nasal drops\nSecond line.\nDose: 250 to 500 mg once daily.\n"


def _field(error: pytest.ExceptionInfo[InputError]) -> str | None:
    return getattr(error.value, "field", None)


def test_a_page_check_gives_each_finding_its_line() -> None:
    result = check(CheckRequest(text=PAGE))
    assert isinstance(result, PageCheck)
    data = result.to_dict()
    dose = next(f for f in data["findings"] if f["kind"] == "dose")
    assert PAGE[dose["span"][0] : dose["span"][1]] == "250 to 500 mg"
    assert dose["line"] == 3  # two line breaks come before it
    assert dose["kind_words"]  # a word for the kind, shown beside it
    assert data["was_html"] is False
    cited = {sid for f in data["findings"] for sid in f["sources"]}
    assert set(data["source_titles"]) == cited
    assert all(data["source_titles"].values())
    assert data["disclaimer"]


def test_an_html_page_is_said_to_be_html_and_its_lines_count_in_the_page_as_given() -> None:
    html = "<html><body>\n<p>Selank</p>\n<p>Dose: 250 to 500 mg once daily.</p></body></html>"
    data = check(CheckRequest(text=html)).to_dict()
    assert data["was_html"] is True
    dose = next(f for f in data["findings"] if f["kind"] == "dose")
    assert dose["line"] == 3


def test_one_file_is_one_page_and_two_are_a_batch(tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(PAGE)
    two.write_text("Semax 300 mcg.")
    single = check(CheckRequest(paths=(str(one),)))
    assert isinstance(single, PageCheck)
    assert [f["line"] for f in single.to_dict()["findings"] if f["kind"] == "dose"] == [3]
    batch = check(CheckRequest(paths=(str(one), str(two))))
    assert isinstance(batch, BatchCheck)
    assert batch.to_dict()["pages"] == 2
    # a batch field makes even one file a batch, and writes what it is asked to
    out = tmp_path / "out.jsonl"
    written = check(CheckRequest(paths=(str(one),), jsonl=str(out)))
    assert isinstance(written, BatchCheck)
    assert len(out.read_text().strip().splitlines()) == 2  # one page, then the summary


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (CheckRequest(), "text"),
        (CheckRequest(text="x", paths=("a.txt",)), "paths"),
        (CheckRequest(paths=("a", "b"), compound="selank"), "compound"),
        (CheckRequest(paths=("a", "b"), jobs="0"), "jobs"),
        (CheckRequest(paths=("a", "b"), worst="many"), "worst"),
        (CheckRequest(text="x", jobs="2"), "paths"),
    ],
)
def test_a_bad_check_request_names_its_field(request_: CheckRequest, field: str) -> None:
    with pytest.raises(InputError) as error:
        check(request_)
    assert _field(error) == field


def test_compounds_put_selank_first_and_search_narrows() -> None:
    rows = compounds(CompoundsRequest())
    assert rows[0]["id"] == "selank"
    ids = [r["id"] for r in rows]
    assert ids.index("semax") > ids.index("selank")
    found = compounds(CompoundsRequest(search="SEMAX"))
    assert found
    assert {r["id"] for r in found} < set(ids)
    for r in found:
        words = [r["name"], *r["aliases"], r["category"]]
        assert any("semax" in w.lower() for w in words)


def test_compare_takes_one_to_eight_compounds() -> None:
    table = compare(CompareRequest(compounds=("selank", "SEMAX")))
    assert [c.id for c in table.compounds] == ["selank", "semax"]
    with pytest.raises(InputError) as error:
        compare(CompareRequest(compounds=("selank",) * 9))
    assert _field(error) == "compounds"


def test_a_monograph_and_evidence_by_alias_or_case() -> None:
    assert monograph(CompoundRequest(compound="SELANK"))["id"] == "selank"
    data = evidence(CompoundRequest(compound="selank"))
    assert data["compound"] == "Selank"
    assert data["rule"].startswith("high:")
    with pytest.raises(InputError) as error:
        monograph(CompoundRequest(compound=" "))
    assert _field(error) == "compound"


def test_chemistry_reads_the_ph_and_the_pka_table() -> None:
    # TKPRPGP: Lys and Arg (+2) and the free N-terminus (+1) against one C-terminus (-1):
    # at pH 2 the carboxyl is mostly protonated, so the charge is close to +3
    acid = analyse(ChemRequest(sequence="TKPRPGP", ph="2"))
    assert 2.4 < acid.to_dict()["net_charge"] <= 3.0
    with pytest.raises(InputError) as error:
        analyse(ChemRequest(sequence="TKPRPGP", ph="acid"))
    assert _field(error) == "ph"
    with pytest.raises(InputError, match="out of range"):
        analyse(ChemRequest(sequence="TKPRPGP", ph="15"))
    with pytest.raises(PeptidekitError, match="unknown pKa set"):
        analyse(ChemRequest(sequence="TKPRPGP", pka_set="nope"))


def test_the_declared_pka_default_and_help_match_the_chemistry() -> None:
    from peptidekit.chem.charge import DEFAULT_PKA_SET as CHEMISTRY_DEFAULT
    from peptidekit.chem.charge import PKA_SETS
    from peptidekit.ops.declare import field_specs

    assert DEFAULT_PKA_SET == CHEMISTRY_DEFAULT
    help_text = next(s.help for s in field_specs(ChemRequest) if s.name == "pka_set")
    assert all(name in help_text for name in PKA_SETS)
