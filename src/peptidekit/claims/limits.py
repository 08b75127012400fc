"""How much of a page the checker reads: every byte a person can hand it is read with a
limit, so memory stays bounded whatever the file (``/dev/zero``, a 400 MB WARC record).

The limits, documented in the README's checker section:

- a page has at most ``MAX_PAGE_CHARACTERS`` characters (CLI, library and batches; the web
  form and API take at most 200,000);
- a page file or WARC record is read to at most ``MAX_PAGE_BYTES`` bytes (the most the
  longest page can take in UTF-8); a larger file is refused, a larger WARC record is
  reported as unreadable and the batch goes on.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from peptidekit.errors import InputError

MAX_PAGE_CHARACTERS = 2_000_000
MAX_PAGE_BYTES = 4 * MAX_PAGE_CHARACTERS


def too_large(what: str) -> InputError:
    return InputError(
        f"{what} is larger than the page limit of {MAX_PAGE_BYTES:,} bytes "
        f"({MAX_PAGE_CHARACTERS:,} characters)",
        input=what,
        expected=f"a page of at most {MAX_PAGE_BYTES:,} bytes",
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
