"""chibo render_document: a meeting's paper to a file; unknown meetings and unapproved minutes exit 2."""

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from chibo.meetings.management.commands.render_document import Command


def render(tmp_path, meeting_id: int, kind: str, file_format: str):
    output = tmp_path / f"out.{file_format}"
    out = StringIO()
    call_command("render_document", "--meeting", str(meeting_id), "--kind", kind, "--format", file_format,
                 "--output", str(output), stdout=out)
    return output, out.getvalue()


def test_it_writes_the_minutes_as_docx(tmp_path, closed):
    output, said = render(tmp_path, closed.pk, "minutes", "docx")
    word = Document(BytesIO(output.read_bytes()))
    header = [p.text for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert "CHI BỘ KHU PHỐ 1" in header
    assert said.startswith(f"{output}: minutes, docx, ") and "Biên bản Chi bộ Khu phố 1" in said


@pytest.mark.parametrize("kind", ["resolution", "signin", "agenda"])
def test_it_writes_every_kind_as_pdf(tmp_path, closed, kind):
    output, _said = render(tmp_path, closed.pk, kind, "pdf")
    assert output.read_bytes().startswith(b"%PDF")


def test_an_unknown_meeting_or_unapproved_minutes_exit_2(tmp_path, planned):
    with pytest.raises(CommandError) as error:
        render(tmp_path, 999_999, "minutes", "pdf")
    assert error.value.returncode == 2 and str(error.value) == "unknown meeting 999999"
    with pytest.raises(CommandError) as error:
        render(tmp_path, planned.pk, "resolution", "docx")
    assert error.value.returncode == 2 and "\n" not in str(error.value)
    assert not (tmp_path / "out.docx").exists()


def test_from_the_command_line_an_unknown_meeting_is_one_line_on_stderr_and_exit_2(db, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["chibo", "render_document", "--meeting", "0", "--kind", "minutes", "--format", "pdf",
                                 "--output", str(tmp_path / "x")])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.strip() == "CommandError: unknown meeting 0"
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("args", [
    ["--meeting", "abc", "--kind", "minutes", "--format", "pdf"],
    ["--meeting", "1", "--kind", "letter", "--format", "pdf"],
    ["--meeting", "1", "--kind", "minutes", "--format", "odt"],
])
def test_malformed_arguments_exit_2_with_the_usage(db, capsys, tmp_path, args):
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["chibo", "render_document", *args, "--output", str(tmp_path / "x")])
    assert exit_info.value.code == 2
    assert "render_document: error:" in capsys.readouterr().err


def test_bad_arguments_are_refused_by_the_parser(tmp_path, closed):
    with pytest.raises(CommandError):
        render(tmp_path, closed.pk, "letter", "pdf")
