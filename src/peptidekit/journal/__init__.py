"""The dose journal's domain logic (pure); storage lives in peptidekit.store."""
