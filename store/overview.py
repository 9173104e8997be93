"""Per-document summaries of the archive: what was found in each file."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from .archive import FACT_TABLES, Archive
from .models import Document, PageRow


def document_overview(archive: Archive) -> list[dict[str, Any]]:
    """One row per archived document: source, kind, pages and how read, förbund, fact counts."""
    with archive.session() as s:
        counts: dict[str, dict[int, int]] = {}
        for model in FACT_TABLES:
            rows = s.execute(select(model.document_id, func.count()).group_by(model.document_id)).all()
            counts[model.__tablename__] = {doc_id: n for doc_id, n in rows}
        methods: dict[int, set[str]] = {}
        confidence: dict[int, float] = {}
        for doc_id, method, conf in s.execute(
                select(PageRow.document_id, PageRow.method, func.avg(PageRow.confidence))
                .group_by(PageRow.document_id, PageRow.method)).all():
            methods.setdefault(doc_id, set()).add(method)
            if conf is not None:
                confidence[doc_id] = conf
        out = []
        for doc in s.scalars(select(Document).order_by(Document.id)):
            c = {name: table.get(doc.id, 0) for name, table in counts.items()}
            out.append({
                "source": doc.source,
                "kind": doc.kind,
                "pages": doc.page_count,
                "read by": "+".join(sorted(methods.get(doc.id, ())))
                + (f" ({confidence[doc.id]:.0f}%)" if doc.id in confidence else ""),
                "förbund": doc.forbund or "",
                "parts": c["parts"],
                "people": c["people"],
                "items": c["items"],
                "decisions": c["decisions"],
                "amounts": c["amounts"],
                "outcomes": c["outcomes"],
            })
        return out
