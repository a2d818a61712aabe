"""Month names: the one home of a fact that reading dates, finding periods and printing dates share.

>>> MONTH_NAMES[10], ENGLISH_MONTHS["sept"], MONTHS["ноября"]
('November', 9, 11)
"""

from __future__ import annotations

#: Display names, January first.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ABBREVIATIONS = (
    ("jan",),
    ("feb",),
    ("mar",),
    ("apr",),
    (),
    ("jun",),
    ("jul",),
    ("aug",),
    ("sep", "sept"),
    ("oct",),
    ("nov",),
    ("dec",),
)
#: Russian month names: genitive ('27 ноября 2024'), nominative and abbreviated ('Ноя 03, 2017').
_RUSSIAN = (
    ("января", "январь", "янв"),
    ("февраля", "февраль", "фев"),
    ("марта", "март", "мар"),
    ("апреля", "апрель", "апр"),
    ("мая", "май"),
    ("июня", "июнь", "июн"),
    ("июля", "июль", "июл"),
    ("августа", "август", "авг"),
    ("сентября", "сентябрь", "сен"),
    ("октября", "октябрь", "окт"),
    ("ноября", "ноябрь", "ноя"),
    ("декабря", "декабрь", "дек"),
)
#: Lower-case English month names and their abbreviations → month number.
ENGLISH_MONTHS: dict[str, int] = {
    name: i
    for i, (full, short) in enumerate(zip(MONTH_NAMES, _ABBREVIATIONS), 1)
    for name in (full.lower(), *short)
}
#: Every month word a date line may use, English or Russian, lower case → month number.
MONTHS: dict[str, int] = {
    **ENGLISH_MONTHS,
    **{name: i for i, names in enumerate(_RUSSIAN, 1) for name in names},
}
