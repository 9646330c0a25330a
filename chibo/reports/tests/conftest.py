"""Shared pieces for the reports tests: the HD 36 layout as the data migration loads it, and the sample."""

import importlib
import shutil
import subprocess

import pytest

from chibo.reports.documents.layout import Layout

LOADER = importlib.import_module("chibo.reports.migrations.0002_load_document_formats")


def hd36() -> Layout:
    """The HD 36 layout straight from the data migration, for tests that need no database."""
    return Layout.from_dict(LOADER.HD36_LAYOUT, code="HD 36-HD/VPTW")


def pdftotext(data: bytes, tmp_path, *extra: str) -> str:
    """What a reader gets out of the PDF: `pdftotext -layout file.pdf -` (poppler-utils)."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", *extra, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="session")
def poppler():
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (apt-get install poppler-utils)")
