"""What every ``peptidekit journal`` command shares: the journal it opens and the
profile it works on."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from peptidekit.errors import InputError

if TYPE_CHECKING:
    from peptidekit.store.journal import Journal


class Context:
    def __init__(self, db: str | None, profile: str | None) -> None:
        self.db, self._profile = db, profile
        self._journal: Journal | None = None

    @property
    def journal(self) -> Journal:
        """The journal at ``--db`` (default: the SQLite file), opened on first use."""
        if self._journal is None:
            from peptidekit.store.db import open_engine
            from peptidekit.store.journal import Journal

            self._journal = Journal(open_engine(self.db))
        return self._journal

    def profile(self) -> str:
        """The profile ``--profile`` names, else the only one (ops.journal.choose_profile)."""
        from peptidekit.ops.journal import choose_profile

        if self._profile:
            try:
                self._profile.encode("utf-8")
            except UnicodeEncodeError:
                from peptidekit.files import shown

                raise InputError(
                    f"the profile {shown(self._profile)} is not valid UTF-8 text",
                    input=shown(self._profile),
                    expected="--profile NAME in UTF-8",
                ) from None
        return choose_profile(self.journal, self._profile)

    def tz(self) -> str:
        return self.journal.profile(self.profile()).tz


pass_context = click.make_pass_decorator(Context)
