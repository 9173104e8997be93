"""Reads page images (PNG, JPEG, TIFF including multi-page TIFF) by OCR."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

from PIL import Image, ImageSequence, UnidentifiedImageError

from samarkiv.errors import CorruptInput, TooLarge

from .ocr import ocr_image, ocr_page
from .types import IngestOptions, Page


def _resolution(frame: Image.Image, default: int) -> int:
    """The resolution an image says it was scanned at, else `default` (many scanners say nothing)."""
    stated = frame.info.get("dpi")
    try:
        dpi = round(float(stated[0])) if stated else 0
    except (TypeError, ValueError, IndexError):
        dpi = 0
    return dpi if 50 <= dpi <= 1200 else default


def read_image(data: bytes, options: IngestOptions) -> Iterator[Page]:
    """Yields one OCR page per image frame, refusing images too large to decode safely."""
    Image.MAX_IMAGE_PIXELS = options.max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TooLarge(f"the image is too large to decode safely ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise CorruptInput("the image cannot be decoded (unknown or damaged image data)") from exc
    if width * height > options.max_pixels:
        raise TooLarge(f"the image is {width} × {height} pixels, over the limit of "
                       f"{options.max_pixels / 1e6:.0f} megapixels")
    frames = getattr(image, "n_frames", 1)
    if frames > options.max_pages:
        raise TooLarge(f"the image has {frames} pages, over the limit of {options.max_pages} (--max-pages)")
    try:
        for number, frame in enumerate(ImageSequence.Iterator(image), 1):
            if frame.size[0] * frame.size[1] > options.max_pixels:
                raise TooLarge(f"page {number} is {frame.size[0]} × {frame.size[1]} pixels, over the limit")
            frame.load()
            dpi = _resolution(frame, options.dpi)
            result = ocr_image(frame.convert("L"), options.lang, do_preprocess=options.preprocess,
                               timeout=options.ocr_timeout, dpi=dpi)
            yield ocr_page(number, result, (frame.size[0] * 72 / dpi, frame.size[1] * 72 / dpi))
    except OSError as exc:
        raise CorruptInput(f"the image data is truncated or damaged ({exc})") from exc
