"""Optical character recognition of page images with tesseract.

Tesseract runs inside the process through its library (tesserocr), loaded once per process and
language: the `tesseract` program would load its language model again for every page and be
handed each page as a file. Where tesserocr is not installed, the program is run instead.
Either way tesseract has one OpenMP thread (`OMP_THREAD_LIMIT=1`): on small machines its own
threads fight each other and samarkiv's worker processes, and a page takes 3–15 times longer.
Parallelism comes from samarkiv's processes instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pytesseract
from PIL import Image, ImageOps

from samarkiv.errors import CorruptInput, OcrUnavailable

from .layout import Word, lay_out
from .types import Method, Page, WordBox

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

TESSERACT = "tesseract"


@dataclass(frozen=True, slots=True)
class OcrResult:
    """What tesseract read on one page image. `boxes` place the words of `text` on the page, in
    points from the top left corner of the (levelled) image; a page with no ink is `blank` and
    was not read at all."""

    text: str
    confidence: float | None
    skew_degrees: float
    boxes: tuple[WordBox, ...] = ()
    blank: bool = False


@lru_cache(maxsize=1)
def _installed() -> tuple[str, frozenset[str]]:
    """Where tesseract's language data is, and the languages there, as the program lists them."""
    if shutil.which(TESSERACT) is None:
        raise OcrUnavailable("tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-swe)")
    listing = subprocess.run([TESSERACT, "--list-langs"], capture_output=True, text=True, check=False)
    # The first line is a heading (List of available languages in "/usr/share/…/tessdata/" (3):),
    # the rest are codes.
    heading, *codes = listing.stdout.split("\n")
    folder = heading.split('"')[1] if heading.count('"') >= 2 else ""
    return os.environ.get("TESSDATA_PREFIX", folder), frozenset(c.strip() for c in codes if c.strip())


@lru_cache(maxsize=8)
def check_tesseract(lang: str) -> None:
    """Raises OcrUnavailable unless tesseract and the data for `lang` are installed."""
    _, available = _installed()
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        raise OcrUnavailable(f"tesseract has no language data for {'+'.join(missing)} "
                             f"(Debian: apt-get install {' '.join('tesseract-ocr-' + m for m in missing)})")


def estimate_skew(gray: Image.Image, max_degrees: float = 5.0, step: float = 0.25) -> float:
    """The rotation in degrees that makes text lines horizontal, by projection profiles.

    Works on a downscaled, binarised copy: rotating it by each candidate angle, the angle whose
    row sums vary the most is the one where the text lines are level.
    """
    # An integer box reduction to at most 800 pixels: ten times cheaper than a thumbnail's resampling.
    small = gray.reduce(max(1, -(-max(gray.size) // 800)))
    ink = np.asarray(small, dtype=np.uint8) < 128
    if ink.mean() < 0.002:
        return 0.0
    img = Image.fromarray((ink * 255).astype(np.uint8))

    def score(angle: float) -> float:
        rows = np.asarray(img.rotate(angle, resample=Image.Resampling.NEAREST, expand=False)).sum(axis=1)
        return float(np.var(np.diff(rows.astype(np.float64))))

    angles = np.arange(-max_degrees, max_degrees + step / 2, step)
    scores = [score(a) for a in angles]
    best = float(angles[int(np.argmax(scores))])
    # Refine around the best coarse angle.
    fine = np.arange(best - step, best + step + 0.01, step / 5)
    best = float(fine[int(np.argmax([score(a) for a in fine]))])
    return best


def preprocess(image: Image.Image) -> tuple[Image.Image, float]:
    """Grayscale and level the page; returns the image and the skew corrected.

    No despeckling: a 3×3 median filter cost 0.12 s a page at 300 dpi and, measured on generated
    scans with speckle, left tesseract's character error rate where it was (tesseract's own
    binarisation drops isolated dots).
    """
    gray = ImageOps.grayscale(image) if image.mode != "L" else image
    angle = estimate_skew(gray)
    # Measured on generated scans: tesseract copes with under half a degree by itself (rotating
    # costs more than it gains), while at 3-5 degrees levelling halves the character error rate.
    if abs(angle) < 0.5:
        return gray, 0.0
    # Nearest-neighbour: on pages tilted 1-3 degrees it read exactly as well as bicubic, which
    # cost 0.19 s a page at 300 dpi against 0.015 s.
    return gray.rotate(angle, resample=Image.Resampling.NEAREST, expand=True, fillcolor=255), angle


# Tesseract is not asked to try each line inverted (white on black): scanned minutes and reports
# are dark on light, and on generated scans the check cost an eighth of tesseract's time without
# changing a character.
_VARIABLES = {"tessedit_do_invert": "0"}
_TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


class _Engines(threading.local):
    """Each thread's tesseract library instances, one per language; a forked child makes its own."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.by_lang: dict[str, object] = {}


_engines = _Engines()


def _library():
    try:
        import tesserocr
    except ImportError:
        return None
    return tesserocr


def _engine(lang: str):
    if _engines.pid != os.getpid():
        _engines.pid, _engines.by_lang = os.getpid(), {}
    api = _engines.by_lang.get(lang)
    if api is None:
        tesserocr = _library()
        assert tesserocr is not None
        folder, _ = _installed()
        api = tesserocr.PyTessBaseAPI(path=folder.rstrip("/") + "/" if folder else "./", lang=lang,
                                      psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.DEFAULT)
        for name, value in _VARIABLES.items():
            api.SetVariable(name, value)
        _engines.by_lang[lang] = api
    return api


def tesseract_tsv(image: Image.Image, lang: str, *, timeout: float = 0) -> str:
    """Tesseract's word table (TSV, with its header line) for one image.

    Through the library where tesserocr is installed: the grey pixels are handed over as they are
    in memory, and tesseract estimates their resolution from the text, as it reads best (told the
    scan's 300 dpi it read generated scans worse); else through the program
    (`tesseract_program_tsv`).
    """
    if _library() is None:
        return tesseract_program_tsv(image, lang, timeout=timeout)
    gray = image if image.mode == "L" else ImageOps.grayscale(image)
    api = _engine(lang)
    api.SetImageBytes(gray.tobytes(), gray.width, gray.height, 1, gray.width)
    if not api.Recognize(timeout=round(timeout * 1000)):
        api.Clear()
        if timeout:
            raise CorruptInput(f"OCR gave up on a page after {timeout:.0f} s")
        raise CorruptInput("tesseract could not read the page image")
    tsv = api.GetTSVText(0)
    api.Clear()
    return _TSV_HEADER + tsv


def tesseract_program_tsv(image: Image.Image, lang: str, *, timeout: float = 0) -> str:
    """Tesseract's word table (TSV) for one image, in one run of the tesseract program.

    The image goes to tesseract as an uncompressed BMP file named by path, which pytesseract hands
    over as it is: encoding a 300 dpi page as PNG (what pytesseract does with an image object)
    costs about a tenth of tesseract's own time on it, and tesseract reads PGM, or any image from
    a pipe, measurably slower than BMP.
    """
    gray = image if image.mode == "L" else ImageOps.grayscale(image)
    config = "--psm 3 " + " ".join(f"-c {name}={value}" for name, value in _VARIABLES.items())
    with tempfile.TemporaryDirectory(prefix="samarkiv-ocr-") as folder:
        page = os.path.join(folder, "page.bmp")
        gray.save(page, format="BMP")
        try:
            return str(pytesseract.image_to_data(page, lang=lang, config=config, timeout=timeout))
        except RuntimeError as exc:
            if "timeout" not in str(exc).lower():
                raise
            raise CorruptInput(f"OCR gave up on a page after {timeout:.0f} s") from exc
        except pytesseract.TesseractError as exc:
            message = str(exc.message).strip().splitlines()
            raise CorruptInput(f"tesseract failed: {message[-1] if message else f'exit status {exc.status}'}") from exc


def words_from_tsv(tsv: str) -> tuple[list[Word], list[float]]:
    """The words of a tesseract TSV table with their boxes, and the confidences of real words."""
    words: list[Word] = []
    confs: list[float] = []
    lines = tsv.splitlines()
    for line in lines[1:]:  # the first line is the header
        cells = line.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        conf = float(cells[10])
        if conf >= 0:
            confs.append(conf)
        words.append(Word(text=cells[11], x0=left, x1=left + width, top=top, bottom=top + height))
    return words, confs


# Work is measured on a copy reduced by this factor: ink boxes and line heights need no more.
_REDUCE = 4
# A row or column of the reduced copy is ink when it holds this many dark pixels: a scanner's
# speckle is single dots, a line of text is hundreds.
_INK_PIXELS = 2
_MARGIN_INCH = 0.15
# Tesseract reads text whose lines of ink are about this many pixels high as well as larger
# text, and faster (see `reading_scale`).
_LINE_PIXELS = 27.0
_SMALLEST_SCALE = 0.6


def ink_box(gray: Image.Image, dpi: int = 300) -> tuple[int, int, int, int] | None:
    """The box (left, top, right, bottom) around the page's ink plus a margin, or None for a
    page with no ink (only paper, perhaps a few specks)."""
    ink = np.asarray(gray.reduce(_REDUCE), dtype=np.uint8) < 128
    rows = np.flatnonzero(ink.sum(axis=1) >= _INK_PIXELS)
    cols = np.flatnonzero(ink.sum(axis=0) >= _INK_PIXELS)
    if len(rows) < 2 or len(cols) < 2:
        return None
    margin = int(_MARGIN_INCH * dpi)
    width, height = gray.size
    return (max(0, int(cols[0]) * _REDUCE - margin), max(0, int(rows[0]) * _REDUCE - margin),
            min(width, (int(cols[-1]) + 1) * _REDUCE + margin), min(height, (int(rows[-1]) + 1) * _REDUCE + margin))


def reading_scale(gray: Image.Image) -> float:
    """How much to shrink a page before tesseract reads it: so that its usual line of text is
    about `_LINE_PIXELS` high, never enlarging and never below `_SMALLEST_SCALE`.

    Measured on generated 300 dpi scans of 10.5 pt minutes, reading at two thirds of the size took
    a fifth less of tesseract's time at the same character error rate; small print is shrunk less
    or not at all, as its lines are already low.
    """
    ink = np.asarray(gray.reduce(2), dtype=np.uint8) < 128
    inked = ink.sum(axis=1) >= _INK_PIXELS
    edges = np.flatnonzero(np.diff(inked.astype(np.int8)))
    if inked[0]:
        edges = np.r_[-1, edges]
    if inked[-1]:
        edges = np.r_[edges, len(inked) - 1]
    runs = (edges[1::2] - edges[0::2]) * 2  # heights of the runs of inked rows, full-size pixels
    runs = runs[runs >= 8]
    if len(runs) < 3:
        return 1.0
    return float(min(1.0, max(_SMALLEST_SCALE, _LINE_PIXELS / float(np.median(runs)))))


@dataclass(frozen=True, slots=True)
class Prepared:
    """A page image made ready for tesseract, and how to map its pixels back to the page."""

    image: Image.Image
    skew_degrees: float
    left: int = 0
    top: int = 0
    scale: float = 1.0


def prepare(image: Image.Image, dpi: int = 300) -> Prepared | None:
    """The page levelled, cut to its ink plus a margin and shrunk to the size tesseract reads
    best; None for a page with no ink, which needs no reading."""
    gray, angle = preprocess(image)
    box = ink_box(gray, dpi)
    if box is None:
        return None
    gray = gray.crop(box)
    scale = reading_scale(gray)
    if scale < 1.0:
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.BILINEAR)
    return Prepared(gray, angle, box[0], box[1], scale)


def ocr_image(image: Image.Image, lang: str = "swe", *, do_preprocess: bool = True,
              timeout: float = 0, dpi: int = 300) -> OcrResult:
    """Reads the text of one page image, keeping lines, paragraphs and table columns.

    With `do_preprocess` the image is `prepare`d first, and a page with no ink is not read (`blank`).
    """
    check_tesseract(lang)
    ready: Prepared | None = Prepared(image, 0.0)
    if do_preprocess:
        ready = prepare(image, dpi)
        if ready is None:
            return OcrResult(text="", confidence=None, skew_degrees=0.0, blank=True)
    assert ready is not None
    words, confs = words_from_tsv(tesseract_tsv(ready.image, lang, timeout=timeout))
    mean_conf = round(sum(confs) / len(confs), 2) if confs else None
    text, pixel_boxes = lay_out(words)
    points, scale, left, top = 72 / dpi, ready.scale, ready.left, ready.top
    boxes = tuple(WordBox(b.start, b.end, (b.x0 / scale + left) * points, (b.top / scale + top) * points,
                          (b.x1 / scale + left) * points, (b.bottom / scale + top) * points) for b in pixel_boxes)
    return OcrResult(text=text, confidence=mean_conf, skew_degrees=ready.skew_degrees, boxes=boxes)


def ocr_page(number: int, result: OcrResult, size: tuple[float, float] | None) -> Page:
    """The `Page` of an OCR result: a blank page, noted, when the image had no ink."""
    if result.blank:
        return Page(number=number, text="", method=Method.BLANK, boxes=(), size=size,
                    notes=("blank page: no ink on the scan, not read by OCR",))
    return Page(number=number, text=result.text, method=Method.OCR, confidence=result.confidence,
                boxes=result.boxes, size=size)
