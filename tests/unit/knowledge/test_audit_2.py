"""The 2026-12 audit of the knowledge base (shared/research/kb-audit-2.md): one test per
finding (A1-A10, B1-B5, D1-D7), so that none can come back; and the rule that a figure
acts as a limit only where a cited record states it as one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from peptidekit.cli.main import cli
from peptidekit.dosing.nasal import Device
from peptidekit.dosing.plausibility import check_day_total, check_dose, labelled_ceiling
from peptidekit.errors import KnowledgeDataError
from peptidekit.knowledge.evidence import evidence_summary
from peptidekit.knowledge.limits import limit_problems
from peptidekit.knowledge.loader import KnowledgeBase, load_knowledge
from peptidekit.knowledge.reconcile import reference_ranges
from peptidekit.knowledge.schema import Claim
from peptidekit.protocol.plan import bottle_source, make_plan
from peptidekit.protocol.spec import parse_times
from peptidekit.units import Kind, parse_quantity, ureg
from tests.unit.protocol.factories import spec

LIMIT_WARNINGS = {"over_labelled_cap", "over_label_volume_per_nostril", "rounded_down_to_limit"}


def claim(kb: KnowledgeBase, compound: str, claim_id: str) -> Claim:
    return next(c for c in kb.compounds[compound].claims if c.id == claim_id)


def study(kb: KnowledgeBase, compound: str, study_id: str) -> Any:
    return next(s for s in kb.compounds[compound].studies if s.id == study_id)


# ------------------------------------------------------------ limits only on records


ENFORCED = {
    # (claim, basis, mcg): each stated as a limit by the record it cites
    ("semax.dose.label-cap", "per_administration", 300.0),  # 2 nostrils x 3 drops x 50 mcg
    ("semax.dose.label-cap-per-nostril", "per_nostril", 150.0),  # 3 drops x 50 mcg
    ("selank.dose.label-daily-permissible", "per_day", 2700.0),  # 'допустимо 900-2700'
    ("medazepam.dose.russian-label", "per_day", 70_000.0),  # 60-70 mg in hospital
    # US label 2.1 (GAD): 'The maximum recommended dosage is 4 mg daily (in divided doses).'
    ("alprazolam.dose.gad-maximum", "per_day", 4000.0),
    # Ambien label 2: 'The total dose of AMBIEN should not exceed 10 mg once daily ...'
    ("zolpidem.dose.maximum", "per_day", 10_000.0),
    # eszopiclone label 2.1: 'The total dose of eszopiclone should not exceed 3 mg ...'
    ("eszopiclone.dose.maximum", "per_day", 3000.0),
}


def test_the_enforced_limits_are_these_and_each_names_its_record(kb: KnowledgeBase) -> None:
    found = set()
    for compound in kb.compounds.values():
        for c in compound.claims:
            if c.amount is not None and c.amount.maximum:
                assert limit_problems(c, kb.sources) == [], c.id
                [cited] = [s for s in c.sources if s.limit_wording]
                assert cited.locator
                assert cited.url
                assert cited.url.startswith("http")
                factor = 1000.0 if c.amount.unit == "mg" else 1.0
                found.add((c.id, str(c.amount.basis), c.amount.high * factor))
    assert found == ENFORCED


def _user_file(tmp_path: Path, citation: str) -> Path:
    (tmp_path / "mine.yaml").write_text(
        f"""
sources:
  - {{id: my-wiki, kind: encyclopedia, title: A wiki page}}
  - {{id: my-label, kind: product_label, title: A label}}
compounds:
  - id: testide
    name: Testide
    kind: small_molecule
    category: test
    formula: C2H6O
    summary: a test compound
    claims:
      - id: testide.dose.maximum
        topic: dose
        statement: At most 10 mg a day.
        amount: {{low: 10, high: 10, unit: mg, basis: per_day, maximum: true}}
        routes: [oral]
        sources: [{citation}]
        evidence: label
        status: supported
""",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    "citation",
    [
        "{source: my-wiki, locator: dosing, url: 'https://x.example', limit_wording: at most}",
        "{source: my-label, url: 'https://x.example', limit_wording: at most}",  # no locator
        "{source: my-label, locator: dosing, url: 'https://x.example'}",  # no wording
        "{source: my-label, locator: dosing, limit_wording: at most}",  # no URL or identifier
    ],
)
def test_a_maximum_whose_sources_are_not_records_stating_it_is_refused(
    tmp_path: Path, citation: str
) -> None:
    with pytest.raises(KnowledgeDataError) as refused:
        load_knowledge(_user_file(tmp_path, citation))
    assert "testide.dose.maximum" in refused.value.message
    assert "marked maximum" in refused.value.message


def test_a_maximum_on_a_label_record_with_its_sentence_loads(tmp_path: Path) -> None:
    citation = (
        "{source: my-label, locator: dosing, url: 'https://x.example', "
        "limit_wording: 'at most 10 mg'}"
    )
    kb = load_knowledge(_user_file(tmp_path, citation))
    assert kb.compounds["testide"].claims[0].amount.maximum  # type: ignore[union-attr]


# ------------------------------------------------------------ A: claims


def test_a1_phenazepam_60_hours_is_the_parent_drugs_half_life(kb: KnowledgeBase) -> None:
    label = claim(kb, "phenazepam", "phenazepam.pk.half-life")
    assert "metabolite" not in label.statement
    assert (label.amount.low, label.amount.high) == (6, 18)  # type: ignore[union-attr]
    parent = claim(kb, "phenazepam", "phenazepam.pk.half-life-zherdev")
    assert parent.amount.high == 60  # type: ignore[union-attr]
    assert "phenazepam itself" in parent.statement
    assert "not in man" in parent.statement
    assert {s.source for s in parent.sources} == {"baselt-phenazepam"}


def test_a2_phenazepam_course_up_to_two_months_and_a_taper(kb: KnowledgeBase) -> None:
    course = claim(kb, "phenazepam", "phenazepam.course.label")
    assert (course.amount.low, course.amount.high) == (14, 60)  # type: ignore[union-attr]
    assert "at most 2 weeks" not in course.statement
    [ref] = reference_ranges(kb.compounds["phenazepam"], "course")
    assert ref.high == 60  # a 2-month course is within the label
    taper = claim(kb, "phenazepam", "phenazepam.withdrawal.taper")
    assert "gradually" in taper.statement


def test_a3_phenazepam_labelled_single_doses_reach_3_mg(kb: KnowledgeBase) -> None:
    [ref] = [
        r for r in reference_ranges(kb.compounds["phenazepam"]) if r.basis == "per_administration"
    ]
    assert (ref.low, ref.high) == (250, 3000)  # 0.25 mg for sleep .. 3 mg (muscle tone)
    # 2.5 mg at night within a 4-6 mg day; 2-3 mg twice a day: labelled, no warning
    assert check_dose("phenazepam", "oral", parse_quantity("2.5mg"), 2) == []
    assert check_dose("phenazepam", "oral", parse_quantity("3mg"), 2) == []
    assert not claim(kb, "phenazepam", "phenazepam.dose.label").reference


STRENGTH = parse_quantity("0.15%", Kind.CONCENTRATION)  # 1.5 mg/mL: 75 mcg a 50 uL drop
NASAL = ["calc", "nasal", "--json", "--drop", "50uL", "--concentration"]


def test_a4_selank_600_mcg_at_once_is_no_labelled_cap_anywhere(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    # 600 mcg = 8 drops of 75 mcg = 4 a nostril; 3 a day = 1800 mcg, under 2700
    figure = claim(kb, "selank", "selank.dose.label-instillation")
    assert not figure.amount.maximum  # type: ignore[union-attr]
    assert "no more than" not in figure.statement.split(":")[0].lower()
    assert "15 minutes" not in claim(kb, "selank", "selank.dose.label-single").statement
    six_hundred = parse_quantity("600mcg")
    assert check_dose("selank", "intranasal", six_hundred, 3) == []
    assert labelled_ceiling("selank", "intranasal", 3)[0] == 900  # type: ignore[index]
    # the nasal calculator
    nasal = CliRunner().invoke(
        cli,
        [*NASAL, "0.15%", "--dose", "600mcg", "--compound", "selank", "--per-day", "3"],
    )
    assert nasal.exit_code == 0, nasal.output
    data = json.loads(nasal.output)
    assert data["warnings"] == []
    assert (data["drops_per_administration"], data["drops_per_nostril"]) == (8, [4, 4])
    # the planner: 600 mcg three times a day from 0.15% drops
    device = Device("drop", ureg.Quantity(50, "uL"), "test")
    source = bottle_source(
        parse_quantity("3mL"), STRENGTH, device, shelf_life_days=None, shelf_life_source="-"
    )
    times = parse_times("08:00,14:00,20:00")
    plan = make_plan(spec(compound="Selank", route="intranasal", dose=six_hundred, times=times))
    plan_with_bottles = make_plan(
        spec(compound="Selank", route="intranasal", dose=six_hundred, times=times), source
    )
    for made in (plan, plan_with_bottles):
        codes = {w.code for w in made.warnings}
        assert not codes & LIMIT_WARNINGS
        assert not {c for c in codes if "maximum" in c or "reference" in c}
    # the journal's day check: 3 x 600 = 1800 mcg a day
    assert check_day_total("selank", "intranasal", 1800.0) == []


def test_a4_semax_still_warns_past_its_no_more_than(kb: KnowledgeBase) -> None:
    # 600 mcg of the 0.1% drops at once = 12 drops of 50 mcg, 6 a nostril: 'no more' than 3
    codes = [w.code for w in check_dose("semax", "intranasal", parse_quantity("600mcg"), 1)]
    assert "over_labelled_cap" in codes
    nasal = CliRunner().invoke(
        cli,
        [*NASAL, "0.1%", "--dose", "600mcg", "--compound", "semax", "--per-day", "1"],
    )
    assert "over_labelled_cap" in nasal.output
    assert "over_label_volume_per_nostril" in nasal.output
    assert "preparat-1917" in nasal.output  # the record of the words 'no more'
    plan = make_plan(spec(compound="Semax", route="intranasal", dose=parse_quantity("600mcg")))
    assert "over_labelled_cap" in {w.code for w in plan.warnings}


def test_a5_semax_900_mcg_a_day_is_arithmetic_not_a_labelled_maximum(kb: KnowledgeBase) -> None:
    daily = claim(kb, "semax", "semax.dose.label-daily")
    assert "upper end" not in daily.statement
    assert "Arithmetic" in daily.statement
    assert not daily.reference
    assert not daily.amount.maximum  # type: ignore[union-attr]
    # 4 x 300 mcg = 1200 mcg a day: above the arithmetic, never 'over a maximum'
    codes = [w.code for w in check_dose("semax", "intranasal", parse_quantity("300mcg"), 4)]
    assert codes == ["above_daily_range"]


def test_a6_pogodina_and_verbenko_are_not_counted_as_read(kb: KnowledgeBase) -> None:
    for study_id, source_id in (
        ("selank.study.pogodina-2024", "pogodina-2024"),
        ("selank.study.verbenko-2019", "verbenko-2019"),
    ):
        assert study(kb, "selank", study_id).status == "unverified"
        assert kb.sources[source_id].status == "unverified"
    result = CliRunner().invoke(cli, ["evidence", "selank", "--json"])
    assert result.exit_code == 0
    lines = {
        line["study"]: line
        for outcome in json.loads(result.output)["outcomes"]
        for line in outcome["studies"]
    }
    assert lines["selank.study.pogodina-2024"]["read"] is False
    assert lines["selank.study.verbenko-2019"]["read"] is False
    assert lines["selank.study.zozulia-2008"]["read"] is True


def test_a7_dsip_discovery_dates_disagree_and_say_so(kb: KnowledgeBase) -> None:
    merck = claim(kb, "dsip", "dsip.identity.discovery-merck")
    for year in ("1964", "1965", "1972", "1977"):
        assert year in merck.statement
    [dates] = kb.compounds["dsip"].conflicts
    assert {c for side in dates.sides for c in side.claims} == {
        "dsip.identity.discovery",
        "dsip.identity.discovery-merck",
    }
    assert "1974" not in kb.compounds["dsip"].summary.split(";")[0]


def test_a8_tuftsin_deficiency_cites_najjar_1979(kb: KnowledgeBase) -> None:
    deficiency = claim(kb, "tuftsin", "tuftsin.deficiency")
    cited = {s.source for s in deficiency.sources}
    assert "najjar-1979" in cited
    assert "najjar-1970" not in cited
    assert kb.sources["najjar-1979"].year == 1979


def test_a9_medazepam_maxima_are_mezapams(kb: KnowledgeBase) -> None:
    assert "Mezapam" in kb.sources["label-medazepam"].title
    assert "Rudotel" not in kb.sources["label-medazepam"].title
    label = claim(kb, "medazepam", "medazepam.dose.russian-label")
    assert "notadoc.info/pill/mezapam" in str(label.sources[0].url)
    assert not claim(kb, "medazepam", "medazepam.dose.severe").amount.maximum  # type: ignore[union-attr]
    # 3 x 30 mg = 90 mg a day, over the 70 mg in hospital: warned with the record
    [*_, over] = check_dose("medazepam", "oral", parse_quantity("30mg"), 3)
    assert over.code == "over_daily_maximum"
    assert "notadoc.info" in over.message
    assert "70 mg" in over.message


def test_a10_the_second_garbled_name_and_the_gad_advantage(kb: KnowledgeBase) -> None:
    chemical = claim(kb, "selank", "selank.sequence.seller-chemical-name")
    assert (chemical.value, chemical.status) == ("Thr-Lys-Arg-Pro-Pro-Gly-Pro", "contradicted")
    p1079 = study(kb, "phenazepam", "phenazepam.study.europsy-p1079")
    assert "in GAD afobazol showed some advantage" in p1079.outcome


def test_a_unverifiable_claims_are_marked(kb: KnowledgeBase) -> None:
    assert claim(kb, "phenazepam", "phenazepam.regulatory.un-1971").status == "unverified"
    for study_id in ("selank.study.medvedev-2014", "selank.study.medvedev-2015"):
        assert study(kb, "selank", study_id).status == "unverified"
    assert any("micrograms per drop" in u for u in kb.compounds["semax"].unknowns)


# ------------------------------------------------------------ B: evidence grades


def test_b1_selank_grades_rest_on_what_was_read(kb: KnowledgeBase) -> None:
    summary = {s.outcome: s for s in evidence_summary("selank", kb)}
    # asthenia: Zozulia 2008 read (n = 62, no placebo): low; Pogodina left out as unread
    assert summary["asthenia"].grade == "low"
    assert "counted (read): zozulia-2008" in summary["asthenia"].why
    assert "pogodina-2024 (controlled as reported, n = 64): not read" in summary["asthenia"].why
    assert summary["mood"].grade == "very low"
    assert "counted (read): none" in summary["mood"].why


def test_b2_zozulia_is_one_rct_without_placebo(kb: KnowledgeBase) -> None:
    zozulia = study(kb, "selank", "selank.study.zozulia-2008")
    assert (zozulia.evidence, zozulia.n, zozulia.placebo) == ("rct", 30 + 32, False)
    [medazepam] = evidence_summary("medazepam", kb)
    assert medazepam.grade == "low"


def test_b3_semax_cognition_is_controlled_as_reported_not_read(kb: KnowledgeBase) -> None:
    [cognition] = [s for s in evidence_summary("semax", kb) if s.outcome == "cognition"]
    assert cognition.grade == "very low"
    assert "controlled as reported" in cognition.why
    assert "not read" in cognition.why
    assert "none randomised or controlled" not in cognition.why
    # placebo is the study record's statement, not the comparator's wording
    seller = study(kb, "semax", "semax.study.semaxint-1990s")
    assert seller.placebo is True
    assert "placebo" not in (study(kb, "semax", "semax.study.ecovector-stroke").comparator or "")


def test_b4_agreement_is_judged_among_the_qualifying_trials_only() -> None:
    from peptidekit.knowledge.evidence import StudyLine, grade

    def line(name: str, n: int, read: bool, randomised: bool, direction: str) -> StudyLine:
        return StudyLine(
            name, "t", "d", n, "x", direction, "f", read, randomised, False, ("s",), True
        )

    rcts = (line("a", 60, True, True, "benefit"), line("b", 70, True, True, "benefit"))
    anecdote = line("c", 5, False, False, "harm")
    ranked, why = grade((*rcts, anecdote))
    assert ranked == "moderate"  # the unread anecdote neither blocks nor 'disagrees'
    assert "c (controlled as reported, n = 5): not read" in why
    assert "disagree" not in why


def test_b5_other_grades_match_their_designs(kb: KnowledgeBase) -> None:
    [phenazepam] = evidence_summary("phenazepam", kb)
    assert phenazepam.grade == "low"
    semax = {s.outcome: s.grade for s in evidence_summary("semax", kb)}
    assert semax["recovery"] == "very low"


# ------------------------------------------------------------ D: facts added


def test_d1_phenazepam_contraindications(kb: KnowledgeBase) -> None:
    text = claim(kb, "phenazepam", "phenazepam.contraindication.label").statement
    for word in ("myasthenia", "angle-closure glaucoma", "first trimester", "under 18"):
        assert word in text


def test_d2_phenazepam_interactions_and_other_doses(kb: KnowledgeBase) -> None:
    text = claim(kb, "phenazepam", "phenazepam.interaction.label").statement
    for word in ("alcohol", "levodopa", "flumazenil", "inducers"):
        assert word in text
    sleep = claim(kb, "phenazepam", "phenazepam.dose.sleep").amount
    withdrawal = claim(kb, "phenazepam", "phenazepam.dose.alcohol-withdrawal").amount
    assert (sleep.low, sleep.high) == (0.25, 0.5)  # type: ignore[union-attr]
    assert (withdrawal.low, withdrawal.high) == (2.5, 5)  # type: ignore[union-attr]


def test_d3_medazepam_contraindications_four_weeks_and_the_elderly(kb: KnowledgeBase) -> None:
    assert (
        "myasthenia"
        in claim(kb, "medazepam", "medazepam.contraindication.myasthenia-dependence").statement
    )
    assert claim(kb, "medazepam", "medazepam.course.limit").amount.high == 28  # type: ignore[union-attr]
    assert "elderly" in claim(kb, "medazepam", "medazepam.dose.elderly").statement


def test_d4_semax_safety_and_the_tia_regimen(kb: KnowledgeBase) -> None:
    assert "irritation" in claim(kb, "semax", "semax.adverse.label").statement
    assert "vasoconstrictor" in claim(kb, "semax", "semax.interaction.vasoconstrictors").statement
    tia = claim(kb, "semax", "semax.dose.label-1pct-tia").statement
    assert "3-6 times a day for 10 days" in tia


def test_d5_the_controlled_adjustment_disorder_study_is_entered_and_read(
    kb: KnowledgeBase,
) -> None:
    adjustment = study(kb, "selank", "selank.study.verbenko-adjustment")
    assert (adjustment.status, adjustment.n) == ("supported", 30)
    assert kb.sources["verbenko-adjustment"].doi == "10.26766/pmgp.v3i1.86"
    assert "1.2 vs 3.6" in adjustment.outcome
    # the unread ones stay unentered and say so
    assert any("Syunyakov" in u for u in kb.compounds["selank"].unknowns)
    assert any("29798983" in u for u in kb.compounds["semax"].unknowns)


def test_d6_dsip_human_sleep_studies_are_graded(kb: KnowledgeBase) -> None:
    [sleep] = evidence_summary("dsip", kb)
    assert sleep.outcome == "sleep"
    # two placebo-controlled studies read (randomisation not stated), both weak/mixed
    assert sleep.grade == "low"
    assert kb.sources["monti-1987"].pmid == "3583493"


def test_d7_identifiers_added(kb: KnowledgeBase) -> None:
    assert kb.sources["kolik-2019"].pmid == "31625062"
    approval = claim(kb, "semax", "semax.regulatory.russia-1996")
    assert "28 March 1996" in approval.statement
    assert (approval.evidence, approval.status) == ("vendor_claim", "unverified")


def test_a4_the_journal_logs_600_mcg_three_times_without_a_cap_warning(tmp_path: Path) -> None:
    import datetime as dt

    from peptidekit.store.db import open_engine
    from peptidekit.store.journal import Journal

    engine = open_engine(f"sqlite:///{tmp_path / 'j.db'}")
    try:
        journal = Journal(engine, now=lambda: dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC))
        journal.create_profile("ana", "UTC")
        bottle = journal.add_vial(
            "ana",
            compound="Selank",
            kind="bottle",
            amount_mcg=4500.0,  # 3 mL at 1.5 mg/mL
            volume_ml=3.0,
            opened_at=dt.datetime(2026, 12, 1, 6, tzinfo=dt.UTC),
            storage="room_temperature",
            shelf_life_days=None,
            shelf_life_source="test",
        ).id
        codes: set[str] = set()
        for hour in (8, 14, 20):  # 3 x 600 = 1800 mcg a day, under the 2700 permissible
            logged = journal.log_dose(
                "ana",
                at=dt.datetime(2026, 12, 2, hour, tzinfo=dt.UTC),
                amount_mcg=600,
                vial_id=bottle,
                route="intranasal",
            )
            codes |= {w.code for w in logged.warnings}
        assert not codes & LIMIT_WARNINGS
        assert not {c for c in codes if "maximum" in c or "reference" in c or "daily" in c}
        # a fourth and fifth 600 mcg make 3000 mcg that day: over the stated 2700
        for hour in (21, 22):
            last = journal.log_dose(
                "ana",
                at=dt.datetime(2026, 12, 2, hour, tzinfo=dt.UTC),
                amount_mcg=600,
                vial_id=bottle,
                route="intranasal",
            )
        assert "over_daily_maximum" in {w.code for w in last.warnings}
    finally:
        engine.dispose()
