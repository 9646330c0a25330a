"""`chibo render_sample` writes every kind in both formats from the built-in sample."""

import pytest
from django.core.management import CommandError, call_command

from chibo.reports.models import DocumentFormat


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["minutes", "resolution", "signin", "agenda"])
@pytest.mark.parametrize(("file_format", "magic"), [("docx", b"PK"), ("pdf", b"%PDF")])
def test_it_renders_the_sample(tmp_path, capsys, kind, file_format, magic):
    output = tmp_path / f"sample.{file_format}"
    call_command("render_sample", "--kind", kind, "--format", file_format, "--output", str(output))
    assert output.read_bytes().startswith(magic)
    assert "HD 36-HD/VPTW" in capsys.readouterr().out


@pytest.mark.django_db
def test_it_says_so_when_no_format_is_in_force(tmp_path):
    DocumentFormat.objects.update(is_enabled=False)
    with pytest.raises(CommandError):
        call_command("render_sample", "--kind", "minutes", "--format", "docx", "--output", str(tmp_path / "x.docx"))
