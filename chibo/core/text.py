"""Vietnamese text helpers: NFC storage, accent-insensitive search keys, given-name sort keys.

Kept free of Django so that imports, the seeder and the models share one definition.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# The Vietnamese alphabet in dictionary order; each letter sorts after the one before it.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tone marks in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a different letter (ă â ê ô ơ ư), not a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


# Look-alikes typed by old Vietnamese keyboard layouts: Icelandic eth for đ/Đ.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def clean(value: str | None) -> str:
    """NFC, trimmed, inner runs of white space folded to one space, Ð (eth) read as Đ."""
    if value is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value)).translate(_LOOKALIKES)).strip()


def fold(value: str | None) -> str:
    """Lower-case, without diacritics, đ → d: the key for accent-insensitive search.

    "Nguyễn Văn Ánh" → "nguyen van anh", so "nguyen van a" finds it with a plain
    substring match on every database.
    """
    text = unicodedata.normalize("NFD", clean(value).lower()).replace("đ", "d")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def given_name(full_name: str) -> str:
    """The given name (tên) is the last word of a Vietnamese full name."""
    parts = clean(full_name).split(" ")
    return parts[-1] if parts else ""


def _letter_key(word: str) -> tuple[str, str]:
    """Primary key (letters) and secondary key (tones) of one word, as sortable strings."""
    primary: list[str] = []
    tones: list[str] = []
    for base_and_marks in _graphemes(unicodedata.normalize("NFD", word.lower())):
        base, marks = base_and_marks[0], base_and_marks[1:]
        letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
        letter = unicodedata.normalize("NFC", base + letter_marks)
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        rank = _LETTER_RANK.get(letter)
        primary.append(f"{rank + 10:02d}" if rank is not None else "05")
        tones.append(str(tone))
    return "".join(primary), "".join(tones)


def _graphemes(text: str) -> list[str]:
    out: list[str] = []
    for ch in text:
        if unicodedata.combining(ch) and out:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def name_sort_key(full_name: str) -> str:
    """A key that orders names the Vietnamese way: by given name, then the rest of the name.

    Letters follow the Vietnamese alphabet (a < ă < â < b … d < đ), then tones
    (ngang < huyền < hỏi < ngã < sắc < nặng) break ties; stored in a column so the
    database can ORDER BY it. The key is digits only: every database collation
    (C, en_US, vi_VN) orders digit strings the same way, which is not true of letters
    or spaces.
    """
    name = clean(full_name)
    words = name.split(" ") if name else []
    ordered = words[-1:] + words[:-1]
    keys = [_letter_key(w) for w in ordered]
    return "00".join(k[0] for k in keys) + "0000" + "".join(k[1] for k in keys)
