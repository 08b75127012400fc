"""``peptidekit chem``: physicochemical properties from a sequence or a ProForma peptidoform."""

from __future__ import annotations

from typing import Any

import click

from peptidekit.chem import PeptideProperties, PeptidoformProperties, analyse_any
from peptidekit.cli.derive import options_from
from peptidekit.cli.output import emit_json, json_option
from peptidekit.ops.declare import from_options
from peptidekit.ops.knowledge import ChemRequest, analyse


@click.command("chem")
@click.argument("sequence")
@options_from(ChemRequest, skip=("sequence",))
@json_option
def chem_command(sequence: str, as_json: bool, **options: Any) -> None:
    """Properties of SEQUENCE: formula, masses, pI, charge, GRAVY, extinction, proteases.

    SEQUENCE is one-letter (TKPRPGP) or hyphenated three-letter
    (Thr-Lys-Pro-Arg-Pro-Gly-Pro), with optional caps: Ac- or H- before,
    -NH2 or -OH after. Or ProForma 2.0 with tags, e.g.
    "[Acetyl]-TKPRPGP-[Amidated]", "HA[Aib]EG...K[AEEA][AEEA][gGlu][C18 diacid]...",
    "C[#XL1]YIQNC[#XL1]PLG-[Amidated]" (formula, masses, composition, charge).
    """
    request = from_options(ChemRequest, {**options, "sequence": sequence})
    result = analyse(request, analyser=analyse_any)
    if as_json:
        emit_json(result.to_dict())
    elif isinstance(result, PeptidoformProperties):
        click.echo(render_proforma(result))
    else:
        click.echo(render_text(result))


def render_text(result: PeptideProperties) -> str:
    data = result.to_dict()
    pi = data["isoelectric_point"]
    lines = [
        f"Peptide            {data['notation']}  ({data['length']} residues)",
        f"Formula            {data['formula']}",
        f"Monoisotopic mass  {data['monoisotopic_mass']:.4f} Da",
        f"Average mass       {data['average_mass']:.2f} Da",
        "Isoelectric point  "
        + (f"{pi:.2f}" if pi is not None else f"none ({data['isoelectric_point_note']})"),
        f"Net charge         {data['net_charge']:+.2f} at pH {data['ph']:g} "
        f"({data['pka_set']} pKa set)",
        f"GRAVY              {data['gravy']:.3f} (Kyte-Doolittle)",
        f"Extinction 280 nm  {data['extinction_coefficient_280']} M^-1 cm^-1 (Pace)",
        f"Extinction 214 nm  {data['extinction_coefficient_214']} M^-1 cm^-1 (Kuipers-Gruppen)",
        "Proteases:",
        *(f"  - {note}" for note in data["protease_notes"]["notes"]),
    ]
    if data["warnings"]:
        lines.append("Warnings:")
        lines.extend(f"  ! {w['message']}" for w in data["warnings"])
    return "\n".join(lines)


def render_proforma(result: PeptidoformProperties) -> str:
    data = result.to_dict()
    mono, avg, pi, net = (
        result.monoisotopic_mass,
        result.average_mass,
        result.isoelectric_point,
        result.net_charge,
    )
    composition = " ".join(f"{e} {n}" for e, n in data["composition"].items())
    lines = [
        f"Peptidoform        {data['notation']}  ({data['length']} residues)",
        f"Formula            {data['formula'] or data['formula_note']}",
        f"Composition        {composition or '-'}",
        f"Monoisotopic mass  {mono:.4f} Da" if mono is not None else "Monoisotopic mass  -",
        f"Average mass       {avg:.2f} Da"
        if avg is not None
        else f"Average mass       {data['formula_note']}",
        f"Net charge         {net:+.2f} at pH {data['ph']:g} ({data['pka_set']} pKa set)"
        if net is not None
        else f"Net charge         {data['charge_note']}",
        "Isoelectric point  "
        + (f"{pi:.2f}" if pi is not None else str(data["charge_note"] or "none")),
    ]
    if data["groups_counted"]:
        lines.append("Groups counted:")
        lines.extend(f"  - {g}" for g in data["groups_counted"])
    if data["modifications"]:
        lines.append("Modifications:")
        for mod in data["modifications"]:
            what = mod["name"] or mod["tag"]
            delta = mod["delta"] or f"{mod['mass_delta']:+g} Da"
            lines.append(
                f"  - {mod['at']}: {what} ({delta}){'' if mod['counted'] else ' [counted once]'}"
            )
    for link in data["cross_links"]:
        lines.append(
            f"Cross-link #{link['label']}: {' - '.join(link['ends'])}, {link['chemistry']}"
        )
    lines.extend(f"Note: {n}" for n in data["notes"])
    return "\n".join(lines)
