"""Journal rows as plain data: peptidekit.journal.views (kept here for old imports)."""

from peptidekit.journal.views import event_dict, logged_dict, vial_dict

__all__ = ["event_dict", "logged_dict", "vial_dict"]
