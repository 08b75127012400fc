"""The database adapter: SQLAlchemy models, migrations, sessions, transactions."""
