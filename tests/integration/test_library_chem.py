"""``peptidekit.analyse`` reads what ``peptidekit chem`` and the web read: a classic
sequence or ProForma, with the same result (semaglutide's formula from DrugBank DB13928)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import peptidekit
from peptidekit.cli.main import cli

SEMAGLUTIDE = "HA[Aib]EGTFTSDVSSYLEGQAAK[AEEA][AEEA][gGlu][C18 diacid]EFIAWLVRGRG"


@pytest.mark.parametrize("text", [SEMAGLUTIDE, "Ac-TKPRPGP-NH2", "[Acetyl]-TKPRPGP-[Amidated]"])
def test_the_library_answers_as_the_cli(text: str) -> None:
    shown = CliRunner().invoke(cli, ["chem", text, "--json"])
    assert shown.exit_code == 0, shown.output
    assert peptidekit.analyse(text).to_dict() == json.loads(shown.output)


def test_semaglutide_from_the_library() -> None:
    result = peptidekit.analyse(SEMAGLUTIDE)
    assert result.formula == "C187H291N45O59"  # DrugBank DB13928
    assert abs(result.monoisotopic_mass - 4111.11537713) < 1e-4
