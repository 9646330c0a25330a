"""English is the second language: the switch works, pages read in English, Vietnamese stays the default.

The last tests are the gate that keeps English complete while screens are added: every committed
catalog must have no untranslated or fuzzy entry, keep its placeholders, and ship a compiled .mo
that says the same as its .po (a fresh machine runs the app without gettext).
"""

import gettext as gnu_gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

CHIBO_DIR = Path(settings.BASE_DIR)
CATALOGS = sorted(CHIBO_DIR.glob("**/locale/en/LC_MESSAGES/django.po"))
# Letters only Vietnamese uses: one of them in a page rendered in English is a string nobody translated.
VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]"
)


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def visible_text(html: str) -> str:
    """The words a reader sees or hears: text and the attributes that carry words, no markup."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    words = re.findall(r'\b(?:aria-label|title|placeholder|alt|data-label)="([^"]*)"', html)
    return " ".join([re.sub(r"<[^>]+>", " ", html), *words])


def vietnamese_leftovers(html: str, content: list[str]) -> list[str]:
    """Runs of text with Vietnamese letters once the page's content (names) is taken out."""
    text = visible_text(html)
    for item in sorted(content, key=len, reverse=True):
        text = text.replace(item, " ")
    text = text.replace("Tiếng Việt", " ")  # the switch back names its language in that language
    return [m.group(0).strip() for m in re.finditer(r"[^<>\n]{0,30}" + VIETNAMESE_LETTERS.pattern + r"[^<>\n]{0,30}", text)]


def world_content(world) -> list[str]:
    orgs = [world.province, world.commune, world.cell_a, world.cell_b]
    return [o.name for o in orgs] + [m.full_name for m in world.a_members + world.b_members] + ["Kinh"]


# --- switching and defaults ------------------------------------------------------------------------

def test_vietnamese_is_the_default(client):
    html = text_of(client.get(reverse("accounts:login")))
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html and "Tên đăng nhập" in html and "Mật khẩu" in html
    assert "Log in" not in html and "Username" not in html
    assert 'value="en"' in html  # the switch offers English


def test_the_language_button_switches_to_english_and_back(client):
    login = reverse("accounts:login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302 and response["Location"] == login
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = text_of(client.get(login))
    assert '<html lang="en">' in html
    assert "Log in" in html and "Username" in html and "Password" in html
    assert "Đăng nhập" not in html and "Tên đăng nhập" not in html and "Mật khẩu" not in html
    assert 'value="vi"' in html  # and the switch now offers Vietnamese
    assert vietnamese_leftovers(html, []) == []

    client.post(reverse("set_language"), {"language": "vi", "next": login})
    assert "Đăng nhập" in text_of(client.get(login))


def test_only_the_switch_chooses_english_not_the_browser(client):
    """Decision 0004: a phone set to English still gets Vietnamese; the switch's cookie decides."""
    login = reverse("accounts:login")
    html = text_of(client.get(login, headers={"accept-language": "en-GB,en;q=0.9"}))
    assert "Đăng nhập" in html and "Log in" not in html
    html = text_of(english(client).get(login, headers={"accept-language": "vi-VN,vi;q=0.9"}))
    assert "Log in" in html and "Đăng nhập" not in html


def test_a_wrong_login_is_refused_in_english(client, world):
    html = text_of(english(client).post(reverse("accounts:login"), {"username": "bithu1", "password": "wrong"}))
    assert "Incorrect username or password." in html
    assert "Tên đăng nhập hoặc mật khẩu không đúng." not in html


# --- a secretary's pages in English ----------------------------------------------------------------

def test_a_secretarys_cell_page_reads_in_english(client, world):
    client.force_login(world.secretary_a)
    html = text_of(english(client).get(reverse("organizations:organization_detail", args=[world.cell_a.code])))

    for words in ("Figures", "Party members", "Full members", "Probationary members", "Currently exempt", "Member list",
                  "Organization history", "Kind of organization", "Grassroots Party cell", "Organization code",
                  "Committee and secretary", "My meetings", "Log out"):
        assert words in html, words
    for words in ("Số liệu", "Chính thức", "Dự bị", "Danh sách đảng viên", "Lịch sử tổ chức", "Loại tổ chức",
                  "Chi bộ cơ sở", "Mã tổ chức", "Cấp ủy, bí thư", "Buổi sinh hoạt của tôi", "Đăng xuất"):
        assert words not in html, words
    assert vietnamese_leftovers(html, world_content(world)) == []


def test_a_secretarys_member_list_reads_in_english(client, world):
    client.force_login(world.secretary_a)
    html = text_of(english(client).get(reverse("organizations:member_list", args=[world.cell_a.code])))

    assert "<title>Party members · " in html
    for words in (f"Party members — {world.cell_a.name}", "4 members", "Full name", "Date of birth", "Card number",
                  "Status", "Full member", "Probationary", "Search by name or card number", "Print list",
                  "Add member"):
        assert words in html, words
    for words in ("Đảng viên —", "4 đảng viên", "Họ và tên", "Ngày sinh", "Số thẻ", "Trạng thái", "Chính thức",
                  "Dự bị", "Tìm theo tên hoặc số thẻ", "In danh sách", "Thêm đảng viên"):
        assert words not in html, words
    assert vietnamese_leftovers(html, world_content(world)) == []


def test_one_member_counts_in_the_singular(client, world):
    client.force_login(world.secretary_a)
    url = reverse("organizations:member_list", args=[world.cell_a.code])
    html = text_of(english(client).get(url, {"q": world.a_members[1].full_name}))
    assert re.search(r"\b1 member\b(?!s)", html)
    assert "1 members" not in html


# --- dates ---------------------------------------------------------------------------------------

def test_dates_read_day_month_year_in_vietnamese_and_in_english(client, world):
    client.force_login(world.secretary_a)
    url = reverse("organizations:member_list", args=[world.cell_a.code])
    born = world.a_members[0].birth_date.strftime("%d/%m/%Y")
    assert born == "01/05/1970"
    vietnamese = text_of(client.get(url))
    assert "Họ và tên" in vietnamese and born in vietnamese
    assert born in text_of(english(client).get(url))


def test_the_vietnamese_locale_keeps_day_before_month():
    from django.utils.formats import date_format

    with translation.override("vi"):
        assert date_format(date(2026, 3, 5), "SHORT_DATE_FORMAT") == "05-03-2026"
        assert date_format(date(2026, 3, 5), "d/m/Y") == "05/03/2026"


# --- the catalogs Django loads -----------------------------------------------------------------------

def test_both_catalogs_are_loaded():
    with translation.override("en"):
        assert translation.gettext("Đăng nhập") == "Log in"  # chibo/locale
        assert translation.gettext("Lịch sinh hoạt") == "Meeting calendar"  # also in chibo/meetings/locale
        assert translation.ngettext("%(n)s đảng viên", "%(n)s đảng viên", 1) % {"n": 1} == "1 member"
        assert translation.ngettext("%(n)s đảng viên", "%(n)s đảng viên", 3) % {"n": 3} == "3 members"
    with translation.override("vi"):
        assert translation.gettext("Đăng nhập") == "Đăng nhập"


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


def unquote(s: str) -> str:
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), s[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """Enough of the PO format for a check: entries, plurals, contexts, flags; obsolete entries skipped."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None
    for number, raw in enumerate([*path.read_text(encoding="utf-8").splitlines(), ""], start=1):
        line = raw.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, target = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = Entry(line=number)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            entry.msgctxt, target = unquote(line[8:]), ("msgctxt", 0)
        elif line.startswith("msgid_plural "):
            entry.msgid_plural, target = unquote(line[13:]), ("msgid_plural", 0)
        elif line.startswith("msgid "):
            entry.msgid, target = unquote(line[6:]), ("msgid", 0)
        elif line.startswith("msgstr["):
            index = int(line[7:line.index("]")])
            entry.msgstr[index], target = unquote(line[line.index("]") + 1:]), ("msgstr", index)
        elif line.startswith("msgstr "):
            entry.msgstr[0], target = unquote(line[7:]), ("msgstr", 0)
        elif line.startswith('"') and target is not None:
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += unquote(line)
            else:
                setattr(entry, name, (getattr(entry, name) or "") + unquote(line))
    return [e for e in entries if e.msgid or e.msgstr]


def messages(path: Path) -> list[Entry]:
    return [e for e in parse_po(path) if e.msgid != ""]


def test_there_are_catalogs_to_check():
    assert CHIBO_DIR / "locale/en/LC_MESSAGES/django.po" in CATALOGS
    assert CHIBO_DIR / "meetings/locale/en/LC_MESSAGES/django.po" in CATALOGS


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: str(p.relative_to(CHIBO_DIR)))
def test_every_entry_is_translated_and_none_is_fuzzy(po):
    entries = messages(po)
    assert entries
    problems = []
    for e in entries:
        forms = 2 if e.msgid_plural is not None else 1
        if "fuzzy" in e.flags:
            problems.append(f"{po.name}:{e.line} fuzzy: {e.msgid!r}")
        elif len(e.msgstr) != forms or not all(e.msgstr.get(i) for i in range(forms)):
            problems.append(f"{po.name}:{e.line} untranslated: {e.msgid!r}")
    assert not problems, (
        f"{len(problems)} entries of {po.relative_to(CHIBO_DIR)} need an English translation "
        "(run `make messages`, translate, then compile):\n" + "\n".join(problems[:50])
    )


PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}")


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: str(p.relative_to(CHIBO_DIR)))
def test_translations_keep_their_placeholders(po):
    problems = []
    for e in messages(po):
        if "python-format" in e.flags:
            sources = [e.msgid, e.msgid_plural or e.msgid]
            for index, text in e.msgstr.items():
                expected = set(PLACEHOLDER.findall(sources[min(index, 1)]))
                if text and set(PLACEHOLDER.findall(text)) != expected:
                    problems.append(f"{po.name}:{e.line} {e.msgid!r} → {text!r}")
    assert not problems, "\n".join(problems)


def test_the_english_header_has_the_english_plural_rule():
    header = next(e for e in parse_po(CHIBO_DIR / "locale/en/LC_MESSAGES/django.po") if e.msgid == "")
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]
    assert "fuzzy" not in header.flags


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: str(p.relative_to(CHIBO_DIR)))
def test_the_committed_mo_says_what_the_po_says(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run `make messages` and commit it"
    with mo.open("rb") as f:
        compiled = gnu_gettext.GNUTranslations(f)
    stale = []
    for e in messages(po):
        if e.msgid_plural is None:
            found = compiled.pgettext(e.msgctxt, e.msgid) if e.msgctxt is not None else compiled.gettext(e.msgid)
            if found != e.msgstr[0]:
                stale.append(e.msgid)
        else:
            for n, index in ((1, 0), (2, 1)):
                if compiled.ngettext(e.msgid, e.msgid_plural, n) != e.msgstr.get(index):
                    stale.append(e.msgid)
    assert not stale, f"{mo.relative_to(CHIBO_DIR)} is older than its .po (run `make messages`): {stale[:10]}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: str(p.relative_to(CHIBO_DIR)))
def test_msgfmt_accepts_the_catalog(po):
    result = subprocess.run(["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(po)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(any(shutil.which(tool) is None for tool in ("xgettext", "msgmerge", "msgattrib")),
                    reason="GNU gettext is not installed")
def test_the_catalogs_hold_every_string_of_the_code(tmp_path, settings, monkeypatch):
    """What `make messages` would find: a string added to the code without its English fails here."""
    tree = tmp_path / "chibo"
    shutil.copytree(CHIBO_DIR, tree, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "migrations",
                                                                      "tests"))
    settings.LOCALE_PATHS = [tree / "locale"]
    monkeypatch.chdir(tree)
    call_command("makemessages", locale=["en"], no_obsolete=True, ignore_patterns=["migrations"], verbosity=0)
    missing = []
    for po in sorted(tree.glob("**/locale/en/LC_MESSAGES/django.po")):
        for e in messages(po):
            forms = 2 if e.msgid_plural is not None else 1
            if "fuzzy" in e.flags or not all(e.msgstr.get(i) for i in range(forms)):
                missing.append(f"{po.relative_to(tree)}: {e.msgid!r}")
    assert not missing, (
        f"{len(missing)} strings in the code have no English yet: run `make messages`, translate them in the "
        "catalog named, commit .po and .mo.\n" + "\n".join(missing[:50])
    )
