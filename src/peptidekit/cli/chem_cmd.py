"""``peptidekit chem``: physicochemical properties from a sequence."""

from __future__ import annotations

import click

from peptidekit.chem import DEFAULT_PKA_SET, PKA_SETS, PeptideProperties, analyse
from peptidekit.cli.output import emit_json, json_option


@click.command("chem")
@click.argument("sequence")
@click.option("--ph", type=float, default=7.4, show_default=True, help="pH for the net charge.")
@click.option(
    "--pka-set",
    "pka_set_name",
    default=DEFAULT_PKA_SET,
    show_default=True,
    help=f"pKa table: {', '.join(sorted(PKA_SETS))} (expasy = bjellqvist).",
)
@json_option
def chem_command(sequence: str, ph: float, pka_set_name: str, as_json: bool) -> None:
    """Properties of SEQUENCE: formula, masses, pI, charge, GRAVY, extinction, proteases.

    SEQUENCE is one-letter (TKPRPGP) or hyphenated three-letter
    (Thr-Lys-Pro-Arg-Pro-Gly-Pro), with optional caps: Ac- or H- before,
    -NH2 or -OH after.
    """
    result = analyse(sequence, ph=ph, pka_set_name=pka_set_name)
    if as_json:
        emit_json(result.to_dict())
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
