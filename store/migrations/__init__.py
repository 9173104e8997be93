"""Alembic migrations of the archive schema, applied automatically when an archive is opened."""
