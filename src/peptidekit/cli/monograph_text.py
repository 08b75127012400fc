"""Plain-text rendering of a monograph and of conflicts, with numbered citations."""

from __future__ import annotations

import textwrap
from typing import Any

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Identity notes", ("identity", "sequence")),
    ("Regulatory status", ("regulatory",)),
    ("Indications studied", ("indication",)),
    ("Mechanisms (what each study found)", ("mechanism",)),
    ("Doses by route and basis", ("dose",)),
    ("Frequency, course and breaks", ("frequency", "course", "break")),
    ("Onset and duration of effect", ("onset", "effect_duration")),
    (
        "Pharmacokinetics",
        ("bioavailability", "absorption", "plasma_disappearance", "half_life", "elimination"),
    ),
    (
        "Formulation and storage",
        ("strength", "formulation", "drop_volume", "spray_volume", "storage"),
    ),
    (
        "Safety",
        ("adverse_effect", "contraindication", "toxicity", "interaction", "combination"),
    ),
    ("Study reports and citations", ("study_report", "citation")),
    ("Comparisons", ("comparison",)),
)


class Citations:
    """Numbers sources in order of first citation: [1], [2], ..."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}

    def ref(self, sources: list[dict[str, Any]]) -> str:
        marks = []
        for s in sources:
            number = self.order.setdefault(s["source"], len(self.order) + 1)
            marks.append(f"{number}" + (f" {s['locator']}" if s.get("locator") else ""))
        return "[" + "; ".join(marks) + "]"


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        width=100,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_long_words=False,  # addresses stay whole, so they can be followed
        break_on_hyphens=False,
    )


def _claim_lines(claim: dict[str, Any], cite: Citations) -> list[str]:
    prefix = f"{claim['feature']}: {claim['value']} - " if claim.get("feature") else ""
    routes = f" ({', '.join(claim['routes'])})" if claim.get("routes") else ""
    text = (
        f"- {prefix}{claim['statement']}{routes} "
        f"{{{claim['evidence'].replace('_', ' ')}; {claim['status']}}} {cite.ref(claim['sources'])}"
    )
    lines = _wrap(text, "  ")
    if claim.get("note"):
        lines += _wrap(f"note: {claim['note']}", "      ")
    for url in dict.fromkeys(s["url"] for s in claim["sources"] if s.get("url")):
        lines += _wrap(f"copy read: {url}", "      ")
    return lines


def render_monograph(data: dict[str, Any]) -> str:
    cite = Citations()
    identity = data["identity"]
    out = [f"{data['name'].upper()}  ({', '.join(data['aliases'])})"]
    if data["origin"] == "user":
        out.append(
            "USER-SUPPLIED DATA"
            + (" (overrides the built-in entry)" if data["overrides_builtin"] else "")
        )
    out += [data["disclaimer"], *textwrap.wrap(data["summary"], 100), "", "Identity"]
    out.append(f"  Category      {identity['category']}")
    if identity.get("sequence"):
        out.append(f"  Sequence      {identity['sequence']}")
        out.append(
            f"  Formula       {identity['formula']}   average {identity['average_mass']:.2f} Da, "
            f"monoisotopic {identity['monoisotopic_mass']:.4f} Da (computed from the sequence)"
        )
    else:  # a small molecule or nucleotide (masses from its formula), or no known structure
        out.append(
            f"  Formula       {identity['formula'] or identity.get('formula_note')}"
            + (
                f"   average {identity['average_mass']:.2f} Da, monoisotopic "
                f"{identity['monoisotopic_mass']:.4f} Da (computed from the formula; no residues)"
                if identity.get("average_mass")
                else ""
            )
        )
    for stated in identity["stated"]:
        parts = [p for p in (stated.get("formula"), stated.get("average_mass")) if p is not None]
        out.append(
            f"  Stated        {', '.join(str(p) for p in parts)} {cite.ref(stated['sources'])}"
            " - matches the computed values"
        )
    for ident in identity["identifiers"]:
        out.append(f"  {ident['scheme'].upper():<13} {ident['value']} {cite.ref(ident['sources'])}")

    if data["reference_doses"]:
        out += ["", "Reference doses (the label where there is one)"]
        for ref in data["reference_doses"]:
            where = ref["route"] or "route not stated"
            basis = (ref["basis"] or "").replace("_", " ")
            out.append(f"  {where:<16} {basis:<19} {ref['text']:<18} {ref['note']}")
    out += ["", "Limits enforced (only where a cited record states one)"]
    for limit in data.get("limits", []):
        basis = limit["basis"].replace("_", " ")
        out += _wrap(
            f"- {limit['text']} {basis}: {limit['statement']} Record: {limit['record']}", "  "
        )
    if not data.get("limits"):
        out.append("  none: no record states a limit; the ranges above are shown, never enforced")

    claims = data["claims"]
    for title, topics in SECTIONS:
        chosen = [c for c in claims if c["topic"] in topics]
        if chosen:
            out += ["", title]
            for claim in chosen:
                out += _claim_lines(claim, cite)

    if data["studies"]:
        out += ["", "Clinical and animal studies"]
        for study in data["studies"]:
            arms = ", ".join(f"{a['treatment']} {a.get('n', '?')}" for a in study.get("arms", []))
            size = f"n={study['n']}" if study.get("n") else "n not stated"
            head = f"- {study['title']}: {study['design']}; {size}" + (f" ({arms})" if arms else "")
            out += _wrap(
                f"{head} {{{study['evidence'].replace('_', ' ')}; {study['status']}}} "
                f"{cite.ref(study['sources'])}",
                "  ",
            )
            details = [
                f"population: {study['population']}",
                *([f"comparator: {study['comparator']}"] if study.get("comparator") else []),
                *([f"dosing: {study['dosing']}"] if study.get("dosing") else []),
                *([f"duration: {study['duration']}"] if study.get("duration") else []),
                *([f"scales: {', '.join(study['scales'])}"] if study.get("scales") else []),
                f"outcome: {study['outcome']}",
            ]
            for detail in details:
                out += _wrap(detail, "      ")

    if data["conflicts"]:
        count = len(data["conflicts"])
        out += ["", f"Sources disagree ({count}; details: peptidekit conflicts {data['id']})"]
        for conflict in data["conflicts"]:
            out += _wrap(f"- [{conflict['kind']}] {conflict['summary']}", "  ")
    out += ["", f"Evidence by outcome (details: peptidekit evidence {data['id']})"]
    for e in data.get("evidence", []):
        out += _wrap(f"- {e['outcome']}: {e['grade']} ({e['why']})", "  ")
    if not data.get("evidence"):
        out.append("  no human finding is recorded: nothing is graded")
    if data["unknowns"]:
        out += ["", "Not known"]
        for unknown in data["unknowns"]:
            out += _wrap(f"- {unknown}", "  ")
    newest = f"; the newest check {data['newest_check']}" if data.get("newest_check") else ""
    out += ["", f"Sources{newest}"]
    by_id = {s["id"]: s for s in data["sources"]}
    for source_id, number in cite.order.items():
        out += _wrap(f"[{number}] {describe_source(by_id[source_id])}", "  ")
    return "\n".join(out)


def describe_source(source: dict[str, Any]) -> str:
    bits = [f"{source['title']} ({source['kind'].replace('_', ' ')}"]
    for key in ("site_kind", "authors", "journal", "year", "date"):
        if source.get(key):
            bits.append(str(source[key]))
    if source.get("status") == "unverified":
        bits.append("UNVERIFIED")
    if source.get("checked"):
        bits.append(f"checked {source['checked']}")
    ids = [f"{k.upper()} {source[k]}" for k in ("pmid", "doi", "pmc") if source.get(k)]
    text = ", ".join(bits) + ")"
    if ids:
        text += " " + ", ".join(ids)
    if source.get("file"):
        text += f"; file shared/sources/{source['file']}"
    if source.get("origin") == "user":
        text += "; USER-SUPPLIED"
    return f"{source['id']}: {text}"


def render_conflicts(data: dict[str, Any]) -> str:
    out = [f"{data['count']} disagreement(s) for {data['compound']}"]
    for conflict in data["conflicts"]:
        how = "computed" if conflict["computed"] else "curated"
        out += ["", f"{conflict['id']}  [{conflict['kind']}, {how}]"]
        out += _wrap(conflict["summary"], "  ")
        for side in conflict["sides"]:
            out.append(f"  * {side['label']}  (sources: {', '.join(side['sources'])})")
            for claim in side["claims"]:
                out += _wrap(
                    f"- {claim['statement']} {{{claim['evidence']}; {claim['status']}}}", "      "
                )
    return "\n".join(out)
