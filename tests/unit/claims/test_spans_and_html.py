"""Spans point into the page exactly as given: CRLF files, character references, bytes;
HTML block elements separate a label from its value."""

from __future__ import annotations

from pathlib import Path

from peptidekit.claims.check import check_text
from peptidekit.claims.text import load, looks_like_html
from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.ops.knowledge import check_page

LINES = ["Selank nasal drops.", "Strength: 0.15% solution.", "Dose: 300 mcg three times a day."]


def spans(text: str, kb: KnowledgeBase) -> dict[str, tuple[int, int]]:
    report = check_text(text, kb=kb)
    return {text[f.start : f.end]: (f.start, f.end) for f in report.findings}


def test_a_crlf_file_keeps_its_offsets(tmp_path: Path) -> None:
    page = tmp_path / "crlf.txt"
    raw = "\r\n".join(LINES).encode("utf-8")
    page.write_bytes(raw)
    data = check_page(page).to_dict()
    for finding in data["findings"]:
        start, end = finding["span"]
        assert raw.decode("utf-8")[start:end] == finding["text"]
    # the second claim sits after one CRLF more than in a LF file: offsets differ by one
    lf = check_page("\n".join(LINES)).to_dict()
    assert [f["span"][0] for f in data["findings"]] != [f["span"][0] for f in lf["findings"]]


def test_a_character_reference_is_inside_the_span(kb: KnowledgeBase) -> None:
    html = "<p>Selank drops, strength 0.15&#37; for the nose.</p>"
    found = spans(html, kb)
    assert "0.15&#37;" in found  # the whole reference, not '0.15&'
    named = "<p>Selank drops at 0.15&percnt; strength.</p>"
    assert "0.15&percnt;" in spans(named, kb)


def test_byte_spans_count_utf8_bytes(kb: KnowledgeBase) -> None:
    text = "Селанк (Selank): доза 300 mcg."
    data = check_text(text, kb=kb).to_dict()
    [finding] = [f for f in data["findings"] if f["text"] == "300 mcg"]
    start, end = finding["byte_span"]
    assert text.encode("utf-8")[start:end].decode("utf-8") == "300 mcg"
    assert finding["byte_span"] != finding["span"]  # Cyrillic letters are two bytes each


def test_definition_lists_and_table_cells_are_breaks() -> None:
    page = "<dl><dt>Dose</dt><dd>300 mcg</dd><dt>Course</dt><dd>14 days</dd></dl>"
    assert looks_like_html(page)  # a page whose only markup is a definition list
    text = load(page).text
    assert "Dose\n300 mcg" in text
    assert "300 mcg\nCourse" in text
    cells = load("<table><tr><th>Dose</th><td>300 mcg</td></tr></table>").text
    assert "Dose\n300 mcg" in cells
