"""The dose journal's rules, on plain values and a typed repository interface.

``core`` (GAD-7, adherence, site rotation, warnings, trends, times), ``rules`` (logging a
dose: its draw, what it takes from its vial, co-delivery, matching, checks; today's page),
``corrections`` (what a correction may change), ``facts`` (the knowledge base read once
per dose), ``views`` (rows ready to show) and ``repository`` (what the rules need from
storage). The SQL lives in peptidekit.store, which implements the repository.
"""
