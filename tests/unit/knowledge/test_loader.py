"""Validation at load: bad data files are refused with the file and the problem named."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from peptidekit.errors import KnowledgeDataError, UnknownCompoundError
from peptidekit.knowledge.loader import KnowledgeBase, load_knowledge, user_knowledge_dir

GOOD_USER_COMPOUND = """
sources:
  - id: my-notes
    kind: research_notes
    title: My lab notebook
compounds:
  - id: my-peptide
    name: My Peptide
    aliases: [MP-1]
    kind: peptide
    category: test peptide
    sequence: H-GPG-OH
    summary: A user's own entry.
    stated_identity:
      - {formula: C9H15N3O4, sources: [{source: my-notes}], evidence: secondary}
    claims:
      - id: my.dose
        topic: dose
        statement: 100 mcg once a day.
        amount: {low: 100, high: 100, unit: mcg, basis: per_administration}
        routes: [subcutaneous]
        sources: [{source: my-notes}]
        evidence: vendor_claim
        status: unverified
"""


def write(folder: Path, text: str, name: str = "mine.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


def test_user_compound_is_loaded_and_marked(tmp_path: Path) -> None:
    write(tmp_path, GOOD_USER_COMPOUND)
    kb = load_knowledge(tmp_path)
    compound = kb.compound("mp-1")
    assert compound.origin == "user"
    assert not compound.overrides_builtin
    assert kb.sources["my-notes"].origin == "user"
    assert kb.compound("selank").origin == "builtin"


def test_user_compound_with_builtin_id_overrides_it(tmp_path: Path) -> None:
    text = (
        GOOD_USER_COMPOUND.replace("id: my-peptide", "id: tuftsin")
        .replace("H-GPG-OH", "H-TKPR-OH")
        .replace("C9H15N3O4", "C21H40N8O6")
    )
    write(tmp_path, text)
    tuftsin = load_knowledge(tmp_path).compound("tuftsin")
    assert tuftsin.origin == "user"
    assert tuftsin.overrides_builtin
    assert tuftsin.name == "My Peptide"


CLAIM_SOURCES = "        sources: [{source: my-notes}]\n        evidence: vendor_claim"
BROKEN = [
    (CLAIM_SOURCES, "        sources: []\n        evidence: vendor_claim", "at least 1 item"),
    (CLAIM_SOURCES, CLAIM_SOURCES.replace("my-notes", "nowhere"), "unknown source 'nowhere'"),
    ("C9H15N3O4", "C9H15N3O5", "stated formula C9H15N3O5"),
    ("unit: mcg", "unit: mL", "is not mass"),
    ("unit: mcg", "unit: IU", "is not mass"),
    ("low: 100, high: 100", "low: 100, high: 10", "high is below low"),
    ("evidence: vendor_claim", "evidence: hearsay", "evidence"),
    ("H-GPG-OH", "H-GPX-OH", "unknown residue 'X'"),
    ("    summary: A user's own entry.\n", "", "summary"),
]


@pytest.mark.parametrize(("old", "new", "problem"), BROKEN)
def test_invalid_user_files_are_refused_with_file_and_problem(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    assert old in GOOD_USER_COMPOUND
    path = write(tmp_path, GOOD_USER_COMPOUND.replace(old, new, 1))
    with pytest.raises(KnowledgeDataError) as caught:
        load_knowledge(tmp_path)
    assert caught.value.file == str(path)
    assert any(problem in p for p in caught.value.problems), caught.value.problems
    assert str(path) in caught.value.message


def test_conflict_naming_a_missing_claim_is_refused(tmp_path: Path) -> None:
    text = GOOD_USER_COMPOUND + textwrap.indent(
        textwrap.dedent(
            """\
            conflicts:
              - id: c1
                kind: ranges_differ
                topic: dose
                summary: test
                sides:
                  - {label: a, claims: [my.dose]}
                  - {label: b, claims: [no.such.claim]}
            """
        ),
        "    ",
    )
    write(tmp_path, text)
    with pytest.raises(KnowledgeDataError, match=r"unknown claim 'no\.such\.claim'"):
        load_knowledge(tmp_path)


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "compounds: [ {id: x")
    with pytest.raises(KnowledgeDataError) as caught:
        load_knowledge(tmp_path)
    assert caught.value.file == str(path)
    assert "not valid YAML" in caught.value.message


@pytest.mark.parametrize(
    "name", ["selank", "SELANK", "tp-7", "Selanc", "n-acetyl selank amidate", "NASA", "Semax"]
)
def test_names_and_aliases_match_case_insensitively(kb: KnowledgeBase, name: str) -> None:
    assert kb.compound(name).id in kb.compounds


def test_unknown_name_suggests_the_closest(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownCompoundError) as caught:
        kb.compound("selnak")
    assert caught.value.suggestions[0] == "selank"
    assert "did you mean 'selank'" in caught.value.message
    assert isinstance(caught.value, LookupError)


def test_user_dir_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PEPTIDEKIT_KNOWLEDGE_DIR", str(tmp_path / "k"))
    assert user_knowledge_dir() == tmp_path / "k"
    monkeypatch.delenv("PEPTIDEKIT_KNOWLEDGE_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_knowledge_dir() == tmp_path / "xdg" / "peptidekit" / "knowledge"
