"""Doses, drops and sprays, and strengths: per administration, per nostril, per day."""

from __future__ import annotations

import math
from typing import cast

from peptidekit.claims.check_base import (
    CheckerBase,
    Finding,
    dose_on_basis,
    listed_ranges,
    unit_factor,
)
from peptidekit.claims.extract import Claim
from peptidekit.claims.values import (
    ConcentrationValue,
    ConversionValue,
    DoseValue,
    DrawValue,
    DropsValue,
    StrengthValue,
)
from peptidekit.knowledge.limits import limit_claims
from peptidekit.knowledge.ranges import Range, fmt_range, overlaps, unit_slip
from peptidekit.knowledge.reconcile import in_unit
from peptidekit.units import Kind, parse_quantity


class DoseChecks(CheckerBase):
    def _dose(self, claim: Claim, f: Finding) -> None:
        v = cast(DoseValue, claim.value)
        low = v["low"] * unit_factor(v["low_unit"], Kind.MASS, "mcg")
        high = v["high"] * unit_factor(v["unit"], Kind.MASS, "mcg")
        self._check_mcg(f, (low, high), v["basis"], v["route"], v["times_per_day"], claim.text)

    def _drops(self, claim: Claim, f: Finding) -> None:
        v = cast(DropsValue, claim.value)
        strength = self._reference("strength", "intranasal", None)
        volume_topic = "drop_volume" if v["device"] == "drop" else "spray_volume"
        volumes = (
            [c for c in self.compound.claims if c.topic == volume_topic and c.amount]
            if (self.compound)
            else []
        )
        volumes += [c for c in self.kb.devices if c.topic == volume_topic]
        if not strength or not volumes:
            f.reasons.append(
                f"no strength or {v['device']} volume is known to convert {v['device']}s"
            )
            return
        stated = v.get("stated_mg_per_ml")
        labelled = in_unit(strength[0], "mg/mL")[0]
        other = [
            c
            for c in self._topic("strength")
            if stated is not None
            and not c.reference
            and c.evidence == "label"
            and c.amount is not None
            and not math.isclose(stated, labelled, rel_tol=1e-6)
            and math.isclose(in_unit(c, "mg/mL")[0], stated, rel_tol=1e-6)
        ]
        if other:  # drops of Semax 1% on a page about the stroke product
            f.set(
                "not_covered",
                "info",
                f"{v['device']}s of the {stated:g} mg/mL product the page gives, another "
                f"labelled product for another use: not judged against the {labelled:g} mg/mL "
                "product's doses",
                self._ids(other),
            )
            return
        per_unit = in_unit(strength[0], "mg/mL")[0] * in_unit(volumes[0], "uL")[0]  # mcg
        f.normalised["mcg_per_unit"] = per_unit
        f.reasons.append(
            f"at {in_unit(strength[0], 'mg/mL')[0]:g} mg/mL and "
            f"{in_unit(volumes[0], 'uL')[0]:g} uL "
            f"a {v['device']}, one {v['device']} is {per_unit:g} mcg"
        )
        f.sources.extend(self._ids([strength[0], volumes[0]]))
        basis = (
            "per_day"
            if v.get("per_day")
            else "per_nostril"
            if v["per_nostril"]
            else "per_administration"
        )
        self._check_mcg(
            f,
            (v["low"] * per_unit, v["high"] * per_unit),
            basis,
            "intranasal",
            v["times_per_day"],
            claim.text,
        )

    def _check_mcg(
        self,
        f: Finding,
        dose: Range,
        basis: str,
        route: str | None,
        times: tuple[float, float] | None,
        written: str,
    ) -> None:
        f.normalised.update(
            low_mcg=dose[0], high_mcg=dose[1], basis=basis, route=route, times_per_day=times
        )
        ranges = [
            (c, r)
            for c in self._topic("dose")
            if (route is None or not c.routes or route in c.routes)
            and (r := dose_on_basis(c, basis)) is not None
        ]
        if not ranges:
            f.set(
                "not_covered",
                "info",
                f"no {route or 'any-route'} dose {basis.replace('_', ' ')} in the knowledge base",
            )
            return
        # a 1000-fold unit slip: the figure read in the other unit fits the sources
        slips = [(c, s) for c, r in ranges if (s := unit_slip(dose, r)) is not None]
        if slips and not any(overlaps(dose, r) for _, r in ranges):
            factor, wrote, meant = slips[0][1]
            shifted = (dose[0] / factor, dose[1] / factor)
            fits = [c for c, _ in slips]
            f.set(
                "disagrees",
                "high",
                f"unit slip: {written} is {factor:g}x {fmt_range(shifted, 'mcg')}; the sources "
                f"give {listed_ranges(ranges)}: "
                f"'{wrote}' written for '{meant}'?",
                self._ids(fits),
            )
            return
        refs = [(c, r) for c, r in ranges if c.reference]
        whole = self._reference("dose", "intranasal", "per_administration")
        if basis == "per_nostril" and whole:
            label = in_unit(whole[0], "mcg")
            doubled = (2 * dose[0], 2 * dose[1])
            if overlaps(dose, label) and doubled[1] > label[1]:
                f.set(
                    "disagrees",
                    "high",
                    f"per nostril vs per administration: {fmt_range(dose, 'mcg')} per nostril is "
                    f"the label's dose for both nostrils ({fmt_range(label, 'mcg')}); read per "
                    f"nostril it doubles it to {fmt_range(doubled, 'mcg')}",
                    self._ids(whole),
                )
                self._daily(f, dose, basis, route, times)
                return
        target = refs or ranges
        inside = [c for c, r in target if r[0] - 1e-9 <= dose[0] and dose[1] <= r[1] + 1e-9]
        touching = [c for c, r in target if overlaps(dose, r)]
        what = "the label" if refs else "the sources"
        span = listed_ranges(target)
        caps = [
            (c, in_unit(c, "mcg")[1])
            for c in limit_claims(self._topic("dose"), route, "per_administration")
        ]
        over = [(c, cap) for c, cap in caps if dose[1] > cap + 1e-9]
        if inside and over and basis == "per_administration":
            cap_claim, cap = over[0]
            f.set(
                "disagrees",
                "low",
                f"within {what} ({span}) as a single dose, but over the label's cap at one "
                f"instillation ({fmt_range((cap, cap), 'mcg')}: "
                f"{cap_claim.statement.rstrip('.')}); reach it by instilling again",
                self._ids([cap_claim]),
            )
        elif inside:
            f.set("agrees", "none", f"within {what} ({span})", self._ids(inside))
        elif touching:
            f.set("disagrees", "low", f"partly outside {what} ({span})", self._ids(touching))
        else:
            f.set(
                "disagrees",
                "medium",
                f"outside every range given by {what} ({span})",
                self._ids([c for c, _ in target]),
            )
        self._daily(f, dose, basis, route, times)

    def _daily(
        self,
        f: Finding,
        dose: Range,
        basis: str,
        route: str | None,
        times: tuple[float, float] | None,
    ) -> None:
        if times is None or basis == "per_day":
            return
        per_admin = (2 * dose[0], 2 * dose[1]) if basis == "per_nostril" else dose
        daily = (per_admin[0] * times[0], per_admin[1] * times[1])
        f.normalised["daily_mcg"] = list(daily)
        # only a daily figure a record states as a limit (knowledge.limits), not a range's end
        for ref in limit_claims(self._topic("dose"), route, "per_day"):
            maximum = in_unit(ref, "mcg")[1]
            if daily[1] > maximum:
                f.set(
                    "disagrees",
                    "high" if f.severity == "high" else "medium",
                    f"up to {fmt_range((daily[1], daily[1]), 'mcg')} a day, over the labelled "
                    f"daily maximum of {fmt_range((maximum, maximum), 'mcg')}",
                    self._ids([ref]),
                )

    # ------------------------------------------------------------ strengths
    def _draw(self, claim: Claim, f: Finding) -> None:
        """A syringe reading: units against mL on the syringe's scale, and the mass against
        the volume at the concentration the page gave before it, by arithmetic."""
        v = cast(DrawValue, claim.value)
        units, ml, mcg, scale, conc = v["units"], v["ml"], v["mcg"], v["scale"], v["mg_per_ml"]
        if ml is None and units is not None and scale:
            ml = units / scale  # 'mass = units': the volume those units mark
        said: list[str] = []
        wrong: list[str] = []
        if units is not None and v["ml"] is not None and scale:
            marked = units / scale
            plural = "" if units == 1 else "s"
            line = f"{units:g} unit{plural} on a U-{scale} syringe: {marked:.4g} mL"
            (said if math.isclose(marked, v["ml"], rel_tol=0.01) else wrong).append(line)
        if mcg is not None and ml is not None and conc:
            holds = conc * 1000 * ml
            line = f"{ml:.4g} mL at {conc:.4g} mg/mL (given earlier on the page) is {holds:.4g} mcg"
            # 2%: a figure rounded as written (16.7 for 16.67) is not an error
            (said if math.isclose(holds, mcg, rel_tol=0.02) else wrong).append(line)
        iu = (
            "'IU' for syringe units: International Units measure a drug's activity; a "
            "syringe's units are volume marks (1/100 mL on U-100), and a peptide such as "
            "this has no IU"
        )  # a peer-tool mistake
        if wrong:
            f.set(
                "disagrees",
                "high",
                "; ".join(wrong)
                + f", not what the page says ({claim.text})"
                + ("; " + "; ".join(said) if said else "")
                + ("; " + iu if v.get("said_iu") else ""),
            )
        elif v.get("said_iu"):
            f.set(
                "disagrees",
                "low",
                iu + ("; the arithmetic holds: " + "; ".join(said) if said else ""),
            )
        elif said:
            f.set("agrees", "none", "; ".join(said) + " (arithmetic)")
        else:
            f.set(
                "not_covered",
                "info",
                "a syringe reading that needs a concentration (none is given before it) or a "
                "syringe scale (the page names both U-40 and U-100)",
            )

    def _conversion(self, claim: Claim, f: Finding) -> None:
        """'10 mg = 10,000 mcg': a unit conversion, by arithmetic."""
        v = cast(ConversionValue, claim.value)
        left, right = v["left_mcg"], v["right_mcg"]
        if math.isclose(left, right, rel_tol=1e-6):
            f.set("agrees", "none", f"{left:g} mcg either way (arithmetic)")
            return
        ratio = max(left, right) / min(left, right) if min(left, right) > 0 else math.inf
        f.set(
            "disagrees",
            "high",
            f"the two sides differ: {left:g} mcg and {right:g} mcg ({ratio:g}x); 1 mg = 1000 mcg",
        )

    def _concentration(self, claim: Claim, f: Finding) -> None:
        """A reconstitution's concentration: the vial's mass over the water's volume, by
        arithmetic. It is the maker's choice, never compared with a labelled strength."""
        v = cast(ConcentrationValue, claim.value)
        stated = parse_quantity(f"{v['value']} {v['unit']}", Kind.CONCENTRATION).m_as("mg/mL")
        f.normalised["mg_per_ml"] = stated
        if v["vial_mg"] is None or v["water_ml"] is None:
            f.set(
                "not_covered",
                "info",
                "a concentration made up by reconstitution, not a product's strength; the "
                "vial and water figures were not found beside it to check the arithmetic",
            )
            return
        made = v["vial_mg"] / v["water_ml"]
        f.normalised["computed_mg_per_ml"] = made
        arithmetic = f"{v['vial_mg']:g} mg in {v['water_ml']:g} mL is {made:.4g} mg/mL"
        # as written: 1.5 for 1.502 (5 mg in 3.33 mL) is a rounding, not an error
        if math.isclose(stated, made, rel_tol=0.02):
            f.set("agrees", "none", f"{arithmetic} (arithmetic)")
            return
        ratio = max(stated, made) / min(stated, made)
        slip = next((k for k in (1000, 100, 10) if math.isclose(ratio, k, rel_tol=0.05)), None)
        f.set(
            "disagrees",
            "high",
            f"{arithmetic}, not {stated:g} mg/mL"
            + (f" ({slip:g}x: a misplaced decimal point or unit)" if slip else "")
            + "; every syringe reading on the page that rests on it is off by the same factor",
        )

    def _strength(self, claim: Claim, f: Finding) -> None:
        v = cast(StrengthValue, claim.value)
        text = f"{v['value']} {v['unit']}" if v["unit"] != "%" else f"{v['value']}%"
        mg_ml = parse_quantity(text, Kind.CONCENTRATION).m_as("mg/mL")
        f.normalised["mg_per_ml"] = mg_ml
        refs = self._reference("strength", None, None)
        if not refs:
            f.set("not_covered", "info", "no labelled strength in the knowledge base")
            return
        label = in_unit(refs[0], "mg/mL")[0]
        if math.isclose(mg_ml, label, rel_tol=1e-6):
            f.set("agrees", "none", f"the labelled strength ({label:g} mg/mL)", self._ids(refs))
            return
        other_products = [  # a second labelled product of the same compound (Semax 1%)
            c
            for c in self._topic("strength")
            if not c.reference
            and c.evidence == "label"
            and c.amount is not None
            and math.isclose(in_unit(c, "mg/mL")[0], mg_ml, rel_tol=1e-6)
        ]
        if other_products:
            c = other_products[0]
            f.set(
                "agrees",
                "none",
                f"the strength of another labelled product ({mg_ml:g} mg/mL), not the "
                f"{label:g} mg/mL one the reference doses are for",
                self._ids([c]),
            )
            return
        for other in self.kb.compounds.values():
            for c in other.claims:
                if (
                    other is not self.compound
                    and c.topic == "strength"
                    and c.reference
                    and math.isclose(in_unit(c, "mg/mL")[0], mg_ml, rel_tol=1e-6)
                ):
                    f.set(
                        "disagrees",
                        "medium",
                        f"{mg_ml:g} mg/mL is the labelled strength of {other.name}, not of "
                        f"{self.compound.name if self.compound else 'this compound'} "
                        f"({label:g} mg/mL)",
                        self._ids([*refs, c]),
                    )
                    return
        f.set(
            "disagrees",
            "medium",
            f"{mg_ml:g} mg/mL is not the labelled {label:g} mg/mL",
            self._ids(refs),
        )
