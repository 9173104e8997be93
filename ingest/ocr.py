"""Optical character recognition of page images with tesseract.

Tesseract is run with one OpenMP thread (`OMP_THREAD_LIMIT=1`): on small machines its own
threads fight each other and samarkiv's worker processes, and a page takes 3–15 times longer.
Parallelism comes from samarkiv's processes instead.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from samarkiv.errors import CorruptInput, OcrUnavailable

from .layout import Word, words_to_text

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True, slots=True)
class OcrResult:
    text: str
    confidence: float | None
    skew_degrees: float


@lru_cache(maxsize=8)
def check_tesseract(lang: str) -> None:
    """Raises OcrUnavailable unless tesseract and the data for `lang` are installed."""
    import pytesseract

    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise OcrUnavailable("tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-swe)")
    available = set(pytesseract.get_languages(config=""))
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        raise OcrUnavailable(f"tesseract has no language data for {'+'.join(missing)} "
                             f"(Debian: apt-get install {' '.join('tesseract-ocr-' + m for m in missing)})")


def estimate_skew(gray: Image.Image, max_degrees: float = 5.0, step: float = 0.25) -> float:
    """The rotation in degrees that makes text lines horizontal, by projection profiles.

    Works on a downscaled, binarised copy: rotating it by each candidate angle, the angle whose
    row sums vary the most is the one where the text lines are level.
    """
    small = gray.copy()
    small.thumbnail((800, 800))
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
    """Grayscale, remove speckle and level the page; returns the image and the skew corrected."""
    gray = ImageOps.grayscale(image) if image.mode != "L" else image
    gray = gray.filter(ImageFilter.MedianFilter(3))
    angle = estimate_skew(gray)
    # Measured on generated scans: tesseract copes with under half a degree by itself (rotating
    # costs more than it gains), while at 3-5 degrees levelling halves the character error rate.
    if abs(angle) < 0.5:
        return gray, 0.0
    return gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255), angle


def ocr_image(image: Image.Image, lang: str = "swe", *, do_preprocess: bool = True,
              timeout: float = 0) -> OcrResult:
    """Reads the text of one page image, keeping lines, paragraphs and table columns."""
    import pytesseract

    check_tesseract(lang)
    angle = 0.0
    if do_preprocess:
        image, angle = preprocess(image)
    try:
        data = pytesseract.image_to_data(image, lang=lang, config="--psm 3",
                                         output_type=pytesseract.Output.DICT, timeout=timeout)
    except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
        raise CorruptInput(f"OCR gave up on a page after {timeout:.0f} s ({exc})") from exc
    except pytesseract.TesseractError as exc:
        raise CorruptInput(f"tesseract failed: {exc.message.strip() or exc.status}") from exc
    words: list[Word] = []
    confs: list[float] = []
    for text, conf, left, top, width, height in zip(data["text"], data["conf"], data["left"], data["top"],
                                                      data["width"], data["height"], strict=True):
        if not text or not text.strip():
            continue
        c = float(conf)
        if c >= 0:
            confs.append(c)
        words.append(Word(text=text, x0=left, x1=left + width, top=top, bottom=top + height))
    mean_conf = round(sum(confs) / len(confs), 2) if confs else None
    return OcrResult(text=words_to_text(words), confidence=mean_conf, skew_degrees=angle)
