"""Login sessions of the web app, kept in the database so that logging out revokes a
session in every worker process, and a copied cookie stops working."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import Engine, delete, select

from peptidekit.store.db import transaction
from peptidekit.store.models import WebSession

SESSION_LIFETIME = dt.timedelta(days=30)


def open_session(engine: Engine, now: dt.datetime) -> str:
    """A new session id (also removing sessions past their lifetime)."""
    sid = secrets.token_urlsafe(32)
    with transaction(engine) as s:
        s.execute(delete(WebSession).where(WebSession.created_at < now - SESSION_LIFETIME))
        s.add(WebSession(id=sid, created_at=now))
    return sid


def session_valid(engine: Engine, sid: object, now: dt.datetime) -> bool:
    if not isinstance(sid, str) or not sid or len(sid) > 64:
        return False
    with transaction(engine, write=False) as s:
        created = s.scalar(select(WebSession.created_at).where(WebSession.id == sid))
    return created is not None and created >= now - SESSION_LIFETIME


def close_session(engine: Engine, sid: object) -> None:
    if isinstance(sid, str) and sid:
        with transaction(engine) as s:
            s.execute(delete(WebSession).where(WebSession.id == sid))
