"""Reads word-processor documents natively: DOCX through python-docx, ODT through odfpy.

A paragraph becomes a line, opened by the number or bullet the word processor draws before it
in a numbered list; a table row a line of tab-separated cells, as the PDF path lays out a table.
Pages are where the file says they are: page breaks the word processor rendered when it last
saved the file (`w:lastRenderedPageBreak`, `text:soft-page-break`), hard page breaks and section
breaks; a document without any is one page. The header of the first page is kept at the
top of page 1, where a Word template puts the förbund's name and the date; repeated headers and
footers are page furniture and left out.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from samarkiv.errors import CorruptInput, EmptyInput, EncryptedInput, TooLarge, UnsupportedInput

from .types import IngestOptions, Method, Page

# More entries than any word-processor file holds; a ZIP with more is not one.
MAX_ZIP_ENTRIES = 10_000


def check_zip(data: bytes, options: IngestOptions) -> None:
    """Refuses a ZIP whose members would unpack to more than the limit, before any is read.

    The sizes are the ones the ZIP's directory declares; Python's zipfile never inflates a
    member past its declared size, so a member that lies fails as damaged instead.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CorruptInput(f"a damaged ZIP container (truncated or broken: {exc})") from exc
    if len(members) > MAX_ZIP_ENTRIES:
        raise TooLarge(f"the ZIP container holds {len(members)} entries, over the limit of {MAX_ZIP_ENTRIES}")
    unpacked = sum(m.file_size for m in members)
    if unpacked > options.max_unpacked_bytes:
        raise TooLarge(f"the document would unpack to {unpacked / 2**20:.0f} MiB, over the limit of "
                       f"{options.max_unpacked_bytes / 2**20:.0f} MiB (a ZIP bomb?)")


class _Pages:
    """Collects lines into pages; a break with nothing written since the last one starts no page."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]

    def line(self, text: str) -> None:
        self.pages[-1].extend(text.split("\n"))

    def page_break(self) -> None:
        if any(x.strip() for x in self.pages[-1]):
            self.pages.append([])

    def build(self, method: Method, header: list[str]) -> list[Page]:
        pages = [p for p in self.pages if any(x.strip() for x in p)] or [[]]
        if any(x.strip() for x in header):
            pages[0] = [*header, "", *pages[0]]
        return [Page(number=i, text=_clean("\n".join(lines)), method=method) for i, lines in enumerate(pages, 1)]


def _clean(text: str) -> str:
    # Word keeps soft hyphens and zero-width marks the reader never sees.
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\r", "")
    return unicodedata.normalize("NFC", text)


def _single_line(text: str) -> str:
    return " ".join(text.split())


def _row(cells: list[str]) -> str:
    """A table row as one line; every cell is kept, empty ones too, so columns stay aligned with
    the header row. An empty row is no line."""
    return "\t".join(cells) if any(cells) else ""


# --- DOCX -------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML = (_w(t) for t in (
    "p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml"))
_T, _TAB, _BR, _CR, _RENDERED_BREAK, _NB_HYPHEN, _PTAB = (_w(t) for t in (
    "t", "tab", "br", "cr", "lastRenderedPageBreak", "noBreakHyphen", "ptab"))
_TYPE, _VAL = _w("type"), _w("val")


def _docx_runs() -> Callable[[Any], list[Any]]:
    from lxml import etree

    # Runs of a paragraph in reading order: plain, in links, tracked insertions, fields and
    # content controls; deleted text (w:del, w:moveFrom) and text boxes are left out.
    return etree.XPath(
        "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:moveTo/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
        " | ./w:sdt/w:sdtContent/w:r | ./w:hyperlink/w:ins/w:r | ./w:customXml/w:r", namespaces={"w": W})


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out


def _letters(number: int) -> str:
    # Word's letter numbering repeats the letter past z: a … z, aa … zz.
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}", "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(), "lowerRoman": _roman, "upperRoman": lambda n: _roman(n).upper(),
    "none": lambda n: "",
}


class _Numbering:
    """The numbers Word draws before numbered paragraphs ("§ 72", "3.", "b)"), which the file does
    not hold as text: computed from numbering.xml as Word counts, per list and level."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstractNumId → level → (start, fmt, text)
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self.style_numbering: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        part = None
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError):
            pass
        if part is not None:
            self._read(part.element)
        self._read_styles(document.styles.element)

    def _read(self, root: Any) -> None:
        for abstract in root.iterchildren(_w("abstractNum")):
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in abstract.iterchildren(_w("lvl")):
                start, fmt, text = lvl.find(_w("start")), lvl.find(_w("numFmt")), lvl.find(_w("lvlText"))
                levels[int(lvl.get(_w("ilvl"), "0"))] = (
                    int(start.get(_VAL, "1")) if start is not None else 1,
                    fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                    text.get(_VAL, "") if text is not None else "")
            self.levels[abstract.get(_w("abstractNumId"), "")] = levels
        for num in root.iterchildren(_w("num")):
            abstract_id = num.find(_w("abstractNumId"))
            overrides = {}
            for override in num.iterchildren(_w("lvlOverride")):
                start = override.find(_w("startOverride"))
                if start is not None:
                    overrides[int(override.get(_w("ilvl"), "0"))] = int(start.get(_VAL, "1"))
            if abstract_id is not None:
                self.lists[num.get(_w("numId"), "")] = (abstract_id.get(_VAL, ""), overrides)

    def _read_styles(self, root: Any) -> None:
        based: dict[str, str] = {}
        own: dict[str, tuple[str, int]] = {}
        for style in root.iterchildren(_w("style")):
            name = style.get(_w("styleId"), "")
            parent = style.find(_w("basedOn"))
            if parent is not None:
                based[name] = parent.get(_VAL, "")
            num = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num is not None:
                num_id, ilvl = num.find(_w("numId")), num.find(_w("ilvl"))
                own[name] = (num_id.get(_VAL, "") if num_id is not None else "",
                             int(ilvl.get(_VAL, "0")) if ilvl is not None else 0)
        for name in set(own) | set(based):
            current: str | None = name
            for _ in range(20):
                if current is None or current in own:
                    break
                current = based.get(current)
            if current in own:
                self.style_numbering[name] = own[current]

    def label(self, ppr: Any) -> str:
        """The number Word draws before the paragraph whose properties are `ppr`, or ""."""
        if ppr is None:
            return ""
        num_id, level = "", 0
        style = ppr.find(_w("pStyle"))
        if style is not None and style.get(_VAL, "") in self.style_numbering:
            num_id, level = self.style_numbering[style.get(_VAL, "")]
        own = ppr.find(_w("numPr"))
        if own is not None:
            num, ilvl = own.find(_w("numId")), own.find(_w("ilvl"))
            num_id = num.get(_VAL, "") if num is not None else num_id
            level = int(ilvl.get(_VAL, "0")) if ilvl is not None else level
        if num_id in ("", "0") or num_id not in self.lists:
            return ""
        abstract_id, overrides = self.lists[num_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for ilvl, start in overrides.items():
                counters[ilvl] = start - 1
        counters[level] = counters.get(level, levels[level][0] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        start, fmt, text = levels[level]
        if fmt == "bullet":
            return "•"
        label = text
        for ilvl, (lvl_start, lvl_fmt, _) in levels.items():
            value = counters.get(ilvl, lvl_start)
            label = label.replace(f"%{ilvl + 1}", _FORMATS.get(lvl_fmt, str)(value))
        return label.strip()


class _DocxWalker:
    def __init__(self, with_pages: bool, numbering: _Numbering | None = None) -> None:
        self.runs = _docx_runs()
        self.out = _Pages()
        self.with_pages = with_pages
        self.numbering = numbering

    def blocks(self, parent: Any) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.blocks(content)
            elif tag == _CUSTOM_XML:
                self.blocks(child)

    def _break(self) -> None:
        if self.with_pages:
            self.out.page_break()

    def paragraph(self, p: Any) -> None:
        ppr = p.find(_w("pPr"))
        if ppr is not None:
            before = ppr.find(_w("pageBreakBefore"))
            if before is not None and before.get(_VAL, "true") not in ("0", "false", "off"):
                self._break()
        parts: list[str] = []
        label = self.numbering.label(ppr) if self.numbering is not None else ""
        if label:
            parts.append(label + " ")
        broken = False
        for run in self.runs(p):
            for item in run.iterchildren():
                tag = item.tag
                if tag == _T:
                    parts.append(item.text or "")
                elif tag in (_TAB, _PTAB):
                    parts.append("\t")
                elif tag == _BR and item.get(_TYPE) == "page" or tag == _RENDERED_BREAK:
                    if parts:
                        self.out.line("".join(parts))
                        parts = []
                    self._break()
                    broken = True
                elif tag in (_BR, _CR):
                    parts.append("\n")
                elif tag == _NB_HYPHEN:
                    parts.append("-")
        if parts or not broken:
            self.out.line("".join(parts))
        section = ppr.find(_w("sectPr")) if ppr is not None else None
        if section is not None:
            kind = section.find(_w("type"))
            if kind is None or kind.get(_VAL) not in ("continuous",):
                self._break()

    def cell_text(self, tc: Any) -> str:
        texts: list[str] = []
        for child in tc.iterchildren():
            if child.tag == _P:
                texts.append("".join((x.text or "") if x.tag == _T else " "
                                     for run in self.runs(child) for x in run.iterchildren()
                                     if x.tag in (_T, _TAB, _BR, _CR)))
            elif child.tag == _TBL:
                texts.extend(self.cell_text(c) for tr in child.iterchildren(_TR) for c in tr.iterchildren(_TC))
            elif child.tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    texts.append(self.cell_text(content))
        return _single_line(" ".join(texts))

    def table(self, tbl: Any) -> None:
        for tr in tbl.iterchildren(_TR):
            if self.with_pages and next(tr.iter(_RENDERED_BREAK), None) is not None:
                self._break()
            cells: list[Any] = []
            for child in tr.iterchildren():
                if child.tag == _TC:
                    cells.append(child)
                elif child.tag == _SDT:  # a cell wrapped in a content control
                    content = child.find(_SDT_CONTENT)
                    cells.extend(content.iterchildren(_TC) if content is not None else ())
            row = _row([self.cell_text(tc) for tc in cells])
            if row:
                self.out.line(row)


def read_docx(data: bytes, options: IngestOptions, method: Method = Method.DOCX) -> list[Page]:
    """The pages of a Word document (.docx)."""
    import docx
    from lxml import etree

    check_zip(data, options)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, EOFError) as exc:
        raise CorruptInput(f"not a readable Word document (damaged: {exc})") from exc
    except ValueError as exc:  # python-docx refuses a main part of another content type
        raise UnsupportedInput("a Word file of a kind samarkiv does not read (a macro-enabled document or a "
                               "template); save it as a .docx") from exc
    walker = _DocxWalker(with_pages=True, numbering=_Numbering(document))
    walker.blocks(document.element.body)
    header: list[str] = []
    if document.sections:
        section = document.sections[0]
        first = section.first_page_header if section.different_first_page_header_footer else section.header
        if not first.is_linked_to_previous:
            head = _DocxWalker(with_pages=False)
            head.blocks(first._element)
            header = head.out.pages[0]
    return _limited(walker.out.build(method, header), options)


def _limited(pages: list[Page], options: IngestOptions) -> list[Page]:
    if len(pages) > options.max_pages:
        raise TooLarge(f"the document has {len(pages)} pages, over the limit of {options.max_pages} (--max-pages)")
    if not any(p.text.strip() for p in pages):
        raise EmptyInput("the document holds no text")
    return pages


# --- ODT --------------------------------------------------------------------------------------

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO_NS = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

_BLOCK_CONTAINERS = {"section", "list-header", "index-body", "table-of-content",
                     "illustration-index", "alphabetical-index", "bibliography", "user-index"}
_ODF_FORMATS: dict[str, Callable[[int], str]] = {
    "1": str, "a": _letters, "A": lambda n: _letters(n).upper(), "i": _roman, "I": lambda n: _roman(n).upper(),
}
_ROW_GROUPS = {"table-header-rows", "table-rows", "table-row-group"}
# Inline elements whose text is not running text: notes, annotations, frames, tracked deletions.
_SKIPPED_INLINE = {"note", "annotation", "frame", "tracked-changes", "ruby-text"}


def _is_encrypted_odf(data: bytes) -> bool:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            manifest = archive.read("META-INF/manifest.xml")
        except KeyError:
            return False
    root = etree.fromstring(manifest)
    return root.find(f".//{{{MANIFEST_NS}}}encryption-data") is not None


# A list style's level: number format ("1", "a", "i", … or "" for none, None for a bullet),
# prefix, suffix and first number.
_ListLevel = tuple[str | None, str, str, int]


def _list_styles(document: Any) -> dict[str, dict[int, _ListLevel]]:
    styles: dict[str, dict[int, _ListLevel]] = {}
    for container in (document.styles, document.automaticstyles):
        for style in container.childNodes:
            if style.nodeType != style.ELEMENT_NODE or style.qname != (TEXT_NS, "list-style"):
                continue
            levels: dict[int, _ListLevel] = {}
            for level in style.childNodes:
                if level.nodeType != level.ELEMENT_NODE:
                    continue
                depth = int(level.attributes.get((TEXT_NS, "level"), "1") or 1)
                if level.qname == (TEXT_NS, "list-level-style-number"):
                    levels[depth] = (level.attributes.get((STYLE_NS, "num-format"), ""),
                                     level.attributes.get((STYLE_NS, "num-prefix"), ""),
                                     level.attributes.get((STYLE_NS, "num-suffix"), ""),
                                     int(level.attributes.get((TEXT_NS, "start-value"), "1") or 1))
                elif level.qname == (TEXT_NS, "list-level-style-bullet"):
                    levels[depth] = (None, "", "", 1)
            styles[style.attributes.get((STYLE_NS, "name"), "")] = levels
    return styles


class _OdtWalker:
    def __init__(self, breaks_before: set[str], breaks_after: set[str], with_pages: bool,
                 list_styles: dict[str, dict[int, _ListLevel]] | None = None) -> None:
        self.out = _Pages()
        self.breaks_before = breaks_before
        self.breaks_after = breaks_after
        self.with_pages = with_pages
        self.list_styles = list_styles or {}
        self.counters: dict[str, dict[int, int]] = {}

    def list(self, element: Any, style: str = "", depth: int = 1) -> None:
        """A list's items, each opened by the number or bullet its list style draws."""
        style = element.attributes.get((TEXT_NS, "style-name"), "") or style
        continues = (element.attributes.get((TEXT_NS, "continue-numbering"), "") == "true"
                     or element.attributes.get((TEXT_NS, "continue-list"), ""))
        counters = self.counters.setdefault(style, {})
        if depth == 1 and not continues:
            counters.clear()
        level = self.list_styles.get(style, {}).get(depth)
        for item in element.childNodes:
            if item.nodeType != item.ELEMENT_NODE or item.qname[0] != TEXT_NS:
                continue
            if item.qname[1] == "list-header":
                self.blocks(item)
                continue
            if item.qname[1] != "list-item":
                continue
            label = ""
            if level is not None:
                fmt, prefix, suffix, start = level
                restart = item.attributes.get((TEXT_NS, "start-value"), "")
                counters[depth] = int(restart) if restart else counters.get(depth, start - 1) + 1
                for deeper in [k for k in counters if k > depth]:
                    del counters[deeper]
                label = "•" if fmt is None else (f"{prefix}{_ODF_FORMATS[fmt](counters[depth])}{suffix}"
                                                if fmt in _ODF_FORMATS else "")
            for child in item.childNodes:
                if child.nodeType != child.ELEMENT_NODE:
                    continue
                if child.qname == (TEXT_NS, "list"):
                    self.list(child, style, depth + 1)
                elif child.qname in ((TEXT_NS, "p"), (TEXT_NS, "h")) and label:
                    self.paragraph(child, label.strip())
                    label = ""
                else:
                    self.blocks_of([child])

    def _break(self) -> None:
        if self.with_pages:
            self.out.page_break()

    def blocks(self, parent: Any) -> None:
        self.blocks_of(parent.childNodes)

    def blocks_of(self, nodes: Iterable[Any]) -> None:
        for child in nodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            ns, name = child.qname
            if ns == TEXT_NS and name in ("p", "h"):
                self.paragraph(child)
            elif ns == TEXT_NS and name == "list":
                self.list(child)
            elif ns == TEXT_NS and name == "soft-page-break":
                self._break()
            elif ns == TABLE_NS and name == "table":
                self.table(child)
            elif ns == TEXT_NS and name in _BLOCK_CONTAINERS:
                self.blocks(child)

    def _style(self, element: Any) -> str:
        return element.attributes.get((TEXT_NS, "style-name"), "")

    def paragraph(self, p: Any, label: str = "") -> None:
        style = self._style(p)
        if style in self.breaks_before:
            self._break()
        parts: list[str] = [label + " "] if label else []
        broken = False

        def inline(node: Any) -> None:
            nonlocal parts, broken
            for child in node.childNodes:
                if child.nodeType == child.TEXT_NODE:
                    parts.append(child.data)
                    continue
                if child.nodeType != child.ELEMENT_NODE:
                    continue
                ns, name = child.qname
                if ns == TEXT_NS and name == "s":
                    parts.append(" " * int(child.attributes.get((TEXT_NS, "c"), "1") or 1))
                elif ns == TEXT_NS and name == "tab":
                    parts.append("\t")
                elif ns == TEXT_NS and name == "line-break":
                    parts.append("\n")
                elif ns == TEXT_NS and name == "soft-page-break":
                    if parts:
                        self.out.line("".join(parts))
                        parts = []
                    self._break()
                    broken = True
                elif name not in _SKIPPED_INLINE:
                    inline(child)

        inline(p)
        if parts or not broken:
            self.out.line("".join(parts))
        if style in self.breaks_after:
            self._break()

    def cell_text(self, cell: Any) -> str:
        inner = _OdtWalker(set(), set(), with_pages=False)
        inner.blocks(cell)
        return _single_line(" ".join(inner.out.pages[0]))

    def _rows(self, parent: Any) -> Iterable[Any]:
        """The rows of a table in order, and the soft page breaks between them."""
        for child in parent.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            if child.qname in ((TABLE_NS, "table-row"), (TEXT_NS, "soft-page-break")):
                yield child
            elif child.qname[0] == TABLE_NS and child.qname[1] in _ROW_GROUPS:
                yield from self._rows(child)

    def table(self, table: Any) -> None:
        for row in self._rows(table):
            if row.qname == (TEXT_NS, "soft-page-break"):
                self._break()
                continue
            cells: list[str] = []
            for cell in row.childNodes:
                if cell.nodeType != cell.ELEMENT_NODE or cell.qname != (TABLE_NS, "table-cell"):
                    continue  # covered cells are the hidden part of a merged cell
                text = self.cell_text(cell)
                repeat = int(cell.attributes.get((TABLE_NS, "number-columns-repeated"), "1") or 1)
                cells.extend([text] * min(repeat, 64))
            line = _row(cells)
            if line:
                self.out.line(line)


def _page_break_styles(document: Any) -> tuple[set[str], set[str]]:
    """Names of paragraph styles that start or end a page (fo:break-before/after, or a change of
    page style), following each style's parents."""
    own: dict[str, tuple[str, str]] = {}
    for container in (document.styles, document.automaticstyles):
        for style in container.childNodes:
            if style.nodeType != style.ELEMENT_NODE or style.qname != (STYLE_NS, "style"):
                continue
            name = style.attributes.get((STYLE_NS, "name"), "")
            parent = style.attributes.get((STYLE_NS, "parent-style-name"), "")
            flags = "b" if style.attributes.get((STYLE_NS, "master-page-name"), "") else ""
            for props in style.childNodes:
                if props.nodeType == props.ELEMENT_NODE and props.qname == (STYLE_NS, "paragraph-properties"):
                    flags += "b" if props.attributes.get((FO_NS, "break-before")) == "page" else ""
                    flags += "a" if props.attributes.get((FO_NS, "break-after")) == "page" else ""
            own[name] = (parent, flags)

    def inherited(name: str, flag: str, depth: int = 0) -> bool:
        entry = own.get(name)
        if entry is None or depth > 20:
            return False
        return flag in entry[1] or inherited(entry[0], flag, depth + 1)

    return ({n for n in own if inherited(n, "b")}, {n for n in own if inherited(n, "a")})


def read_odt(data: bytes, options: IngestOptions) -> list[Page]:
    """The pages of an OpenDocument text (.odt)."""
    from xml.sax import SAXException

    from odf.opendocument import load

    check_zip(data, options)
    if _is_encrypted_odf(data):
        raise EncryptedInput("the OpenDocument file is protected by a password")
    try:
        document = load(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, SAXException, EOFError, ValueError) as exc:
        raise CorruptInput(f"not a readable OpenDocument text (damaged: {exc})") from exc
    before, after = _page_break_styles(document)
    walker = _OdtWalker(before, after, with_pages=True, list_styles=_list_styles(document))
    walker.blocks(document.text)
    header: list[str] = []
    for master in document.masterstyles.childNodes:
        if master.nodeType != master.ELEMENT_NODE or master.qname != (STYLE_NS, "master-page"):
            continue
        parts = {c.qname[1]: c for c in master.childNodes if c.nodeType == c.ELEMENT_NODE}
        first = parts.get("header-first")
        if first is None:
            first = parts.get("header")
        if first is not None:
            head = _OdtWalker(set(), set(), with_pages=False)
            head.blocks(first)
            header = head.out.pages[0]
        break
    return _limited(walker.out.build(Method.ODT, header), options)
