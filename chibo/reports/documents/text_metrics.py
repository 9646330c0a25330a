"""How wide a line of capitals is in Times, to draw the rule under 'ĐẢNG CỘNG SẢN VIỆT NAM' in Word.

Word has no "border as long as the text"; the renderer narrows a paragraph border to the text's
width instead. Advance widths are the Adobe core-14 Times metrics (1/1000 em), which Times New Roman
and Liberation Serif share; Vietnamese marks do not change the advance of their base letter.
"""

import unicodedata

_BOLD = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944,
    722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667), strict=True))
_REGULAR = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
    722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611), strict=True))
_SPACE = 250
_OTHER = 600  # digits, lower case, punctuation: a fair average, only used for odd header text


def text_width_em(text: str, *, bold: bool = False) -> float:
    """Width in em of `text` (multiply by the font size in pt to get points)."""
    table = _BOLD if bold else _REGULAR
    width = 0
    for ch in unicodedata.normalize("NFC", text):
        base = "D" if ch in "Đđ" else unicodedata.normalize("NFD", ch)[0]
        width += _SPACE if base == " " else table.get(base.upper() if base.isupper() else base, _OTHER)
    return width / 1000
