"""How much of a page the checker reads: every byte a person can hand it is read with a
limit, so memory stays bounded whatever the file (``/dev/zero``, a 400 MB WARC record).

The limits, documented in the README's checker section:

- a page has at most ``MAX_PAGE_CHARACTERS`` characters (CLI, library and batches; the web
  form and API take at most 200,000);
- a page file or WARC record is read to at most ``MAX_PAGE_BYTES`` bytes (the most the
  longest page can take in UTF-8); a larger file is refused, a larger WARC record is
  reported as unreadable and the batch goes on;
- a page has at most ``MAX_CLAIMS`` claims: a page with more is refused as a whole (real
  pages have about one claim per 750 characters, the five source pages 54 in 40,122),
  so the findings, and their report, stay bounded too.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from peptidekit.errors import InputError

MAX_PAGE_CHARACTERS = 2_000_000
MAX_PAGE_BYTES = 4 * MAX_PAGE_CHARACTERS
MAX_CLAIMS = 20_000


def too_large(what: str) -> InputError:
    return InputError(
        f"{what} is larger than the page limit of {MAX_PAGE_BYTES:,} bytes "
        f"({MAX_PAGE_CHARACTERS:,} characters)",
        input=what,
        expected=f"a page of at most {MAX_PAGE_BYTES:,} bytes",
    ).at("page")


def too_many_claims() -> InputError:
    return InputError(
        f"the page has more than {MAX_CLAIMS:,} claims, the most one check reports "
        "(the claim limit); check it in parts",
        input=f"more than {MAX_CLAIMS:,} claims",
        expected=f"a page of at most {MAX_CLAIMS:,} claims",
    ).at("page")


def read_limited(stream: BinaryIO, what: str) -> bytes:
    """At most ``MAX_PAGE_BYTES`` bytes of ``stream``; more is refused, naming ``what``."""
    data = stream.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise too_large(what)
    return data


def read_page_bytes(path: Path) -> bytes:
    """A page file's bytes, read with the limit (a device such as /dev/zero included)."""
    with path.open("rb") as stream:
        return read_limited(stream, repr(str(path)))


def read_page_text(path: Path) -> str:
    """A page file exactly as stored: UTF-8, line endings untranslated (a CRLF file's spans
    would otherwise shift by one per earlier line), read with the limit."""
    try:
        return read_page_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"cannot read {str(path)!r}: {error}",
            input=str(path),
            expected="a UTF-8 text file",
        ).at("page") from error


def check_length(content: str) -> str:
    """``content`` if it is within the page limit, else an InputError naming the page."""
    if len(content) > MAX_PAGE_CHARACTERS:
        raise InputError(
            f"the page has {len(content):,} characters, more than {MAX_PAGE_CHARACTERS:,}",
            input=f"{len(content)} characters",
            expected=f"at most {MAX_PAGE_CHARACTERS:,} characters",
        ).at("page")
    return content
