"""Net peptide content: a gross vial mass becomes the peptide mass every dose uses."""

from __future__ import annotations

import pytest

from peptidekit.dosing.content import peptide_content
from peptidekit.errors import InputError
from peptidekit.ops.calculators import ReconstituteRequest, reconstitute
from peptidekit.units import ureg

FIVE_MG = ureg.Quantity(5, "mg")


def test_net_percent_scales_the_vial_and_says_both() -> None:
    content = peptide_content(FIVE_MG, net_peptide="80%")
    assert content.peptide.m_as("mg") == pytest.approx(4.0)
    assert content.statement() == "5 mg powder at 80% net peptide = 4 mg peptide"


def test_without_a_content_nothing_changes_and_the_result_says_so() -> None:
    content = peptide_content(FIVE_MG)
    assert content.peptide == FIVE_MG
    assert not content.stated
    assert "label mass is taken as peptide" in content.statement()


def test_counter_ions_use_the_acid_masses() -> None:
    # Selank (751.874 Da) as a triacetate: 751.874 / (751.874 + 3 x 60.052) = 0.8067 (by hand,
    # acetic acid C2H4O2 = 2 x 12.0107 + 4 x 1.00794 + 2 x 15.9994 = 60.05196).
    content = peptide_content(
        FIVE_MG, counter_ion="acetate", counter_ions=3, peptide_mass_da=751.874
    )
    assert content.fraction == pytest.approx(751.874 / (751.874 + 3 * 60.05196), rel=1e-6)
    assert "water not counted" in content.basis
    tfa = peptide_content(FIVE_MG, counter_ion="TFA", counter_ions=3, peptide_mass_da=751.874)
    # trifluoroacetic acid C2HF3O2 = 114.02 Da: a TFA salt holds less peptide than an acetate
    assert tfa.fraction == pytest.approx(751.874 / (751.874 + 3 * 114.0233), rel=1e-4)


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"net_peptide": "0"}, "net_peptide", "more than 0%"),
        ({"net_peptide": "0%"}, "net_peptide", "more than 0%"),
        ({"net_peptide": "100.5%"}, "net_peptide", "at most 100%"),
        ({"net_peptide": "0.8"}, "net_peptide", "ambiguous"),
        ({"net_peptide": "lots"}, "net_peptide", "not a percent"),
        ({"net_peptide": "80%", "counter_ion": "acetate"}, "counter_ion", "not both"),
        ({"counter_ion": "citrate", "counter_ions": 2}, "counter_ion", "unknown counter-ion"),
        ({"counter_ion": "acetate"}, "counter_ions", "how many"),
        ({"counter_ion": "acetate", "counter_ions": 2}, "compound", "peptide's mass"),
    ],
)
def test_bad_content_is_refused_naming_the_field(
    kwargs: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        peptide_content(FIVE_MG, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert words in caught.value.message


def test_the_calculator_draws_the_peptide_dose_from_the_peptide_mass() -> None:
    gross = reconstitute(
        ReconstituteRequest(vial="5mg", diluent="2mL", dose="250mcg", net_peptide="80%")
    ).to_dict()
    plain = reconstitute(ReconstituteRequest(vial="4mg", diluent="2mL", dose="250mcg")).to_dict()
    # 5 mg at 80% is 4 mg of peptide: the same concentration and draw as a 4 mg vial.
    assert gross["concentration_mg_per_ml"] == pytest.approx(2.0)
    assert gross["volume_ml"] == pytest.approx(plain["volume_ml"])
    assert gross["peptide_content"]["statement"] == "5 mg powder at 80% net peptide = 4 mg peptide"
    assert gross["steps"][0].startswith("peptide: 5 mg powder at 80%")
    untouched = reconstitute(ReconstituteRequest(vial="5mg", diluent="2mL", dose="250mcg"))
    assert untouched.value.concentration_mg_per_ml == pytest.approx(2.5)
    assert untouched.to_dict()["peptide_content"]["stated"] is False


def test_the_calculator_counts_counter_ions_from_the_compounds_structure() -> None:
    result = reconstitute(
        ReconstituteRequest(
            vial="5mg",
            diluent="2mL",
            dose="300mcg",
            compound="selank",
            route="intranasal",
            counter_ion="acetate",
            counter_ions="3",
        )
    ).to_dict()
    fraction = 751.874 / (751.874 + 3 * 60.05196)  # Selank's average mass, by hand above
    assert result["concentration_mg_per_ml"] == pytest.approx(5 * fraction / 2, rel=1e-4)


def test_the_diluent_calculator_dissolves_the_peptide_not_the_powder() -> None:
    from peptidekit.ops.calculators import DiluentRequest, diluent

    plan = diluent(DiluentRequest(vial="5mg", dose="250mcg", units="10", net_peptide="80%"))
    # 250 mcg in 10 units (0.1 mL) is 2.5 mg/mL; 4 mg of peptide needs 1.6 mL (by hand).
    assert plan.value.diluent_ml == pytest.approx(1.6)
    assert plan.to_dict()["peptide_content"]["peptide_mass_mg"] == pytest.approx(4.0)


def _plan(**supply: str) -> dict[str, object]:
    from peptidekit.ops.plan import PlanRequest, plan

    request = PlanRequest(
        route="subcutaneous",
        dose="300mcg",
        times="08:00",
        course="10d",
        start="2026-12-01",
        tz="UTC",
        compound="selank",
        vial="5mg",
        diluent="2mL",
        **supply,
    )
    return plan(request).to_dict()


def test_the_planner_draws_from_the_peptide_and_says_both() -> None:
    gross, plain = _plan(net_peptide="80%"), _plan()
    text, plain_text = str(gross), str(plain)
    # 4 mg in 2 mL = 2 mg/mL: 300 mcg is 0.15 mL, 15 units; 5 mg taken as peptide: 12 units.
    assert "draw 15 units (0.15 mL)" in text
    assert "draw 12 units (0.12 mL)" in plain_text
    assert "5 mg powder at 80% net peptide = 4 mg peptide" in text
    assert "label mass is taken as peptide" in plain_text


def test_the_planner_refuses_a_bad_content_naming_the_field() -> None:
    with pytest.raises(InputError) as caught:
        _plan(net_peptide="0%")
    assert caught.value.field == "net_peptide"


def test_a_blend_vial_with_a_net_content_is_refused_not_ignored() -> None:
    from peptidekit.ops.calculators import reconstitute_blend

    request = ReconstituteRequest(
        vial="selank 5mg + semax 5mg",
        diluent="2mL",
        dose="300mcg",
        compound="selank",
        route="intranasal",
        net_peptide="80%",
    )
    with pytest.raises(InputError) as caught:
        reconstitute_blend(request)
    assert caught.value.field == "net_peptide"


def test_the_readme_example_prints_what_it_shows() -> None:
    import re
    import shlex
    from pathlib import Path

    from click.testing import CliRunner

    from peptidekit.cli.main import cli

    readme = (Path(__file__).parents[3] / "README.md").read_text()
    section = readme.split("- Salts and net peptide content:", 1)[1]
    block = re.search(r"```console\n\s*\$ peptidekit (.*?)\n(.*?)```", section, re.S)
    assert block is not None
    result = CliRunner().invoke(cli, shlex.split(block.group(1)))
    assert result.exit_code == 0, result.output
    shown = [line.strip() for line in block.group(2).splitlines() if line.strip() != "..."]
    printed = [line.strip() for line in result.output.splitlines()]
    assert "Vial: 5 mg powder at 80% net peptide = 4 mg peptide." in shown
    for line in shown:
        assert line in printed
