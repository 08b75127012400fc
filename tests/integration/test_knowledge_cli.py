"""The knowledge commands end to end, with the shipped data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from peptidekit.cli.main import cli


def test_compounds_lists_every_compound(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["compounds", "--json"])
    assert result.exit_code == 0
    ids = {row["id"] for row in json.loads(result.stdout)}
    assert {"selank", "semax", "tuftsin", "dsip", "phenazepam", "medazepam"} <= ids


def test_info_is_a_cited_monograph(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["info", "SELANK"])
    assert result.exit_code == 0
    text = result.stdout
    assert "not medical advice" in text
    for heading in (
        "Identity",
        "Reference doses",
        "Regulatory status",
        "Mechanisms",
        "Doses by route and basis",
        "Pharmacokinetics",
        "Formulation and storage",
        "Safety",
        "Clinical and animal studies",
        "Sources disagree",
        "Not known",
        "Sources",
    ):
        assert heading in text, heading
    assert "C33H57N11O9" in text
    assert "file shared/sources/002_51b894cb58978a1f.txt" in " ".join(text.split())
    assert "Evidence by outcome" in text
    assert "Sources; the newest check 2026-12-02" in text


def test_info_json_has_computed_identity(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(cli, ["info", "tp-7", "--json"]).stdout)
    assert data["id"] == "selank"
    assert data["identity"]["formula"] == "C33H57N11O9"
    assert data["identity"]["average_mass"] == pytest.approx(751.9, abs=0.05)
    assert all(claim["sources"] for claim in data["claims"])


def test_conflicts_json_lists_the_required_disagreements(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["conflicts", "selank", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    kinds = {c["kind"] for c in data["conflicts"]}
    assert {
        "unit_slip",
        "per_nostril_vs_per_administration",
        "ranges_differ",
        "half_life",
        "mechanism_direction",
    } <= kinds
    topics = {c["topic"] for c in data["conflicts"]}
    assert {"BDNF", "serotonin", "subcutaneous daily dose"} <= topics
    for conflict in data["conflicts"]:
        for side in conflict["sides"]:
            for claim in side["claims"]:
                assert claim["sources"][0]["title"]


def test_compare_builds_the_table_from_data(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["compare", "selank", "semax", "phenazepam", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    rows = {row["feature"]: row["cells"] for row in data["rows"]}
    assert rows["sedation"]["selank"][0]["value"] == "no"
    assert rows["sedation"]["phenazepam"][0]["value"] == "yes"
    assert rows["formula"]["semax"][0]["value"] == "C37H51N9O10S"
    text = runner.invoke(cli, ["compare", "selank", "semax"]).stdout
    assert "primary effect" in text
    assert "(not stated)" in text


def test_sources_lists_the_pages(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["sources", "selank", "--json"])
    ids = {row["id"] for row in json.loads(result.stdout)}
    assert {"src-000", "src-001", "src-002", "src-003", "src-004", "label-selank"} <= ids


def test_unknown_compound_suggests(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["info", "semx"])
    assert result.exit_code == 2
    assert "did you mean 'semax'" in result.stderr


def test_user_supplied_compound_is_shown_as_such(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "user-knowledge"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "compounds:\n"
        "  - {id: gg, name: Diglycine, kind: peptide, category: test, sequence: GG, "
        "summary: mine}\n"
    )
    listing = runner.invoke(cli, ["compounds"]).stdout
    assert "[user-supplied]" in listing
    assert "USER-SUPPLIED DATA" in runner.invoke(cli, ["info", "gg"]).stdout


def test_invalid_user_file_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "user-knowledge"
    folder.mkdir()
    (folder / "bad.yaml").write_text("compounds:\n  - {id: gg}\n")
    result = runner.invoke(cli, ["compounds"])
    assert result.exit_code == 2
    assert "bad.yaml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_knowledge_schema_is_json_schema(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(cli, ["knowledge-schema"]).stdout)
    assert schema["title"] == "KnowledgeFile"
    assert "Claim" in schema["$defs"]
