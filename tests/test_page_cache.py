"""The page images `samarkiv serve` keeps beside the archive: never more bytes than the bound,
the least recently shown going first, and whole files only when requests render at once."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from samarkiv import page_cache
from samarkiv.page_cache import PageCache, folder_for, render_jpeg
from samarkiv.synth import typeset_pdf

from .conftest import seed_path

SHA = "ab" * 32


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    """Twelve pages of seed 000, a page each."""
    lines = seed_path("000").read_text(encoding="utf-8").splitlines()
    pages = ["\n".join([f"Sida {n}", *lines[n * 30:n * 30 + 30]]) for n in range(12)]
    pdf = tmp_path_factory.mktemp("cache") / "long.pdf"
    pdf.write_bytes(typeset_pdf("\f".join(pages)))
    return pdf


def cached_pages(cache: PageCache) -> set[int]:
    assert cache.folder is not None
    return {int(p.name.split("-p")[1].split("-")[0]) for p in cache.folder.iterdir()}


def test_the_cache_stays_under_its_bound_over_many_pages(long_pdf: Path, tmp_path: Path) -> None:
    images = {page: render_jpeg("pdf", long_pdf, page) for page in range(1, 13)}
    sizes = {page: len(image) for page, image in images.items()}
    # Room for the last three pages and half of the smallest: never four.
    bound = sizes[10] + sizes[11] + sizes[12] + min(sizes.values()) // 2
    cache = PageCache(tmp_path / "archive.sqlite.pages-cache", max_bytes=bound)
    for page in range(1, 13):
        assert cache.image(SHA, "pdf", long_pdf, page) == images[page]
        assert 0 < cache.size() <= bound
    assert cached_pages(cache) == {10, 11, 12}
    # Page 11 shown again is the most recent: page 1 rendered anew pushes out page 10 (and 12
    # if it must), never 11.
    assert cache.image(SHA, "pdf", long_pdf, 11) == images[11]
    assert cache.image(SHA, "pdf", long_pdf, 1) == images[1]
    kept = cached_pages(cache)
    assert {1, 11} <= kept and 10 not in kept
    assert cache.size() <= bound


def test_a_page_image_is_the_jpeg_pypdfium2_and_pillow_make_of_the_page(long_pdf: Path, tmp_path: Path) -> None:
    # Rendered in RGBX to spare a copy, each page is the same JPEG as pdfium's BGR through
    # Pillow's RGB, whatever its shape.
    small = tmp_path / "a5-landscape.pdf"
    blank = pdfium.PdfDocument.new()
    blank.new_page(595.28, 419.53)
    blank.save(small)
    blank.close()
    pdfs = [(long_pdf, 1), (long_pdf, 2), (small, 1), (long_pdf, 3)]
    for pdf_path, page in pdfs:
        pdf = pdfium.PdfDocument(pdf_path)
        pdf_page = pdf[page - 1]
        expected = io.BytesIO()
        pdf_page.render(scale=page_cache.PAGE_WIDTH / pdf_page.get_width()).to_pil().save(
            expected, format="JPEG", quality=page_cache.JPEG_QUALITY)
        pdf.close()
        image = render_jpeg("pdf", pdf_path, page)
        assert image == expected.getvalue(), (pdf_path.name, page)
        with Image.open(io.BytesIO(image)) as decoded:
            assert (decoded.mode, decoded.width) == ("RGB", page_cache.PAGE_WIDTH)


def test_the_folder_is_read_through_when_the_bound_may_be_passed_not_at_each_image(long_pdf: Path, tmp_path: Path,
                                                                                  monkeypatch) -> None:
    sizes = {page: len(render_jpeg("pdf", long_pdf, page)) for page in range(1, 6)}
    # Room for any three of the first four pages.
    cache = PageCache(tmp_path / "cache", max_bytes=sum(sorted(sizes[p] for p in range(1, 5))[1:]))
    looks: list[int] = []
    evict = cache.evict
    monkeypatch.setattr(cache, "evict", lambda: looks.append(1) or evict())
    for page in (1, 2, 3):
        cache.image(SHA, "pdf", long_pdf, page)
    assert len(looks) == 1  # the first image, to learn what the folder holds
    cache.image(SHA, "pdf", long_pdf, 4)  # past the bound: looked through, page 1 goes
    assert len(looks) == 2 and cached_pages(cache) == {2, 3, 4}
    # Another process's images count from the next look, which comes within the minute.
    other = PageCache(tmp_path / "cache", max_bytes=10**9)
    other.image("cd" * 32, "pdf", long_pdf, 5)
    monkeypatch.setattr(page_cache, "_LOOK_AGAIN_SECONDS", 0.0)
    cache.image(SHA, "pdf", long_pdf, 1)
    assert len(looks) == 3 and cache.size() <= cache.max_bytes


def test_an_image_larger_than_the_bound_is_served_and_not_kept(long_pdf: Path, tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache", max_bytes=1000)
    assert cache.image(SHA, "pdf", long_pdf, 1)[:3] == b"\xff\xd8\xff"
    assert cache.size() == 0


def test_requests_for_a_page_being_rendered_wait_for_it(long_pdf: Path, tmp_path: Path, monkeypatch) -> None:
    renders: list[int] = []

    def slow_render(kind: str, original: Path, page: int) -> bytes:
        renders.append(page)
        time.sleep(0.3)  # long enough for every request to arrive while it renders
        return render_jpeg(kind, original, page)

    monkeypatch.setattr(page_cache, "render_jpeg", slow_render)
    cache = PageCache(tmp_path / "cache")
    start = threading.Barrier(4)
    images: list[bytes] = []

    def show() -> None:
        start.wait()
        images.append(cache.image(SHA, "pdf", long_pdf, 3))

    threads = [threading.Thread(target=show) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert renders == [3]
    assert len(images) == 4 and len(set(images)) == 1
    assert cache.folder is not None
    assert [p.read_bytes() for p in cache.folder.iterdir()] == images[:1]  # no temporary file left behind


def test_a_rendering_under_way_can_be_waited_on(long_pdf: Path, tmp_path: Path, monkeypatch) -> None:
    started = threading.Event()

    def slow_render(kind: str, original: Path, page: int) -> bytes:
        started.set()
        time.sleep(0.3)
        return render_jpeg(kind, original, page)

    monkeypatch.setattr(page_cache, "render_jpeg", slow_render)
    cache = PageCache(tmp_path / "cache")
    assert cache.rendering(SHA, 4) is None
    thread = threading.Thread(target=cache.image, args=(SHA, "pdf", long_pdf, 4))
    thread.start()
    started.wait()
    rendering = cache.rendering(SHA, 4)
    assert rendering is not None and cache.rendering(SHA, 5) is None
    assert rendering.result() == render_jpeg("pdf", long_pdf, 4)
    thread.join()
    assert cache.rendering(SHA, 4) is None


def test_two_caches_on_one_folder_write_whole_files(long_pdf: Path, tmp_path: Path) -> None:
    # As two processes serving one archive would: each renders, the last rename wins, nobody reads half.
    caches = [PageCache(tmp_path / "cache") for _ in range(2)]
    start = threading.Barrier(2)
    images: list[bytes] = []

    def show(cache: PageCache) -> None:
        start.wait()
        images.append(cache.image(SHA, "pdf", long_pdf, 2))

    threads = [threading.Thread(target=show, args=(c,)) for c in caches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(images)) == 1
    assert [p.read_bytes() for p in (tmp_path / "cache").iterdir()] == images[:1]


def test_the_cache_lies_beside_the_archive(tmp_path: Path) -> None:
    assert folder_for(tmp_path / "arkiv.sqlite") == tmp_path / "arkiv.sqlite.pages-cache"
