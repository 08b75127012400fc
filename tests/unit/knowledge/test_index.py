"""The calculators' index: same answers as the knowledge base, cached and invalidated."""

from __future__ import annotations

from pathlib import Path

import pytest

from peptidekit.errors import UnknownCompoundError
from peptidekit.knowledge import loader
from peptidekit.knowledge.index import DoseIndex, build_index, dose_index
from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.knowledge.reconcile import reference_ranges


def test_index_holds_the_reference_ranges_of_every_compound(kb: KnowledgeBase) -> None:
    index = build_index(kb)
    for compound in kb.compounds.values():
        assert index.compounds[compound.id].ranges == tuple(reference_ranges(compound))


def test_json_round_trip_is_lossless(kb: KnowledgeBase) -> None:
    index = build_index(kb)
    assert DoseIndex.from_json(index.to_json()) == index


def test_lookups_match_the_knowledge_base(kb: KnowledgeBase) -> None:
    index = build_index(kb)
    assert index.compound("TP-7").id == "selank"
    ref = index.reference("selank", "intranasal", "per_day")
    assert ref is not None
    assert (ref.low, ref.high, ref.sources) == (900, 2700, ("label-selank",))
    with pytest.raises(UnknownCompoundError, match="did you mean 'selank'"):
        index.compound("selnk")
    drop = index.volume_default(None, "drop_volume")
    assert drop is not None
    assert drop[1].claim == "device.drop-volume"
    own = index.volume_default("selank", "drop_volume")
    assert own is not None
    assert own[1].claim == "selank.drop-volume"


def test_cache_is_written_then_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first = dose_index()
    [cached] = (tmp_path / "cache" / "peptidekit").glob("dose-index-*.json")

    def must_not_load() -> KnowledgeBase:
        raise AssertionError("the cache should have been used")

    monkeypatch.setattr(loader, "default_knowledge", must_not_load)
    assert dose_index() == first
    assert cached.exists()


def test_a_user_file_change_rebuilds_the_index(tmp_path: Path) -> None:
    dose_index()
    user = tmp_path / "user-knowledge"
    user.mkdir()
    (user / "mine.yaml").write_text(
        "compounds:\n  - {id: gg, name: Diglycine, kind: peptide, category: t, "
        "sequence: GG, summary: mine}\n"
    )
    loader.default_knowledge.cache_clear()
    assert dose_index().compound("diglycine").id == "gg"
    assert len(list((tmp_path / "cache" / "peptidekit").glob("dose-index-*.json"))) == 1


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    dose_index()
    [cached] = (tmp_path / "cache" / "peptidekit").glob("dose-index-*.json")
    cached.write_text("{not json")
    assert dose_index().compound("selank").name == "Selank"


def test_an_unwritable_cache_folder_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert dose_index().compound("semax").id == "semax"


def test_route_and_basis_lists_match_the_schema() -> None:
    from peptidekit.knowledge import api, index

    assert index.ROUTES == api.ROUTES
    assert index.BASES == api.BASES
