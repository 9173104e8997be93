"""Store: the SQLAlchemy archive (SQLite by default) of documents, pages and extracted facts."""

from .archive import Archive, Archived, FailureInfo, database_url, migrate

__all__ = ["Archive", "Archived", "FailureInfo", "database_url", "migrate"]
