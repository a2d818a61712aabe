"""Named rules for website furniture: lines that are part of the page, not of the text.

Each rule matches a whole (stripped) line. Rules are data so that the build report can say which
rule removed each line, and so that a new site's furniture is one entry here, not new code.

    >>> match_furniture("Font size:").name
    'view-settings'
    >>> match_furniture("1 of 3").name
    'photo-counter'
    >>> match_furniture("Thank you.") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    description: str
    header_only: bool = False
    """Only applies before the text starts (breadcrumbs look like ordinary words)."""


def _rule(name: str, pattern: str, description: str, header_only: bool = False) -> Rule:
    return Rule(name, re.compile(rf"^(?:{pattern})$", re.IGNORECASE), description, header_only)


RULES: tuple[Rule, ...] = (
    _rule(
        "view-settings",
        r"View settings|Font size:?.*|Site colou?rs:?.*|Images|Settings|Select font.*|Character spacing.*"
        r"|Version for the visually impaired|Regular version of the site|Версия для слабовидящих",
        "the Kremlin site's accessibility panel",
    ),
    _rule(
        "site-name",
        r"Official website of the President of Russia|Official site of the President of the Republic of Kazakhstan"
        r"|Официальный сайт Президента России|Официальный сайт Президента Республики Казахстан",
        "the site's own name",
    ),
    _rule(
        "breadcrumb",
        r"(?:News|Events|Transcripts|Statements|Speeches|Press releases|Documents|Документ|Документы|Новости"
        r"|События|Стенограммы|Выступления|Главная|Home)(?:\s*/\s*[^/]{0,60})*\s*/?",
        "navigation trail above the title",
        header_only=True,
    ),
    _rule("photo-counter", r"\d{1,3}\s+(?:of|из)\s+\d{1,3}", "photo gallery counter"),
    _rule(
        "photo-caption",
        r".{0,400}\b(?-i:Photo(?:\s+by\s+|:\s*)|Фото:\s*)[^.]{2,80}\.?",
        "photo caption ending with a photo credit (capital 'Photo': 'a photo by my desk.' is speech)",
    ),
    _rule(
        "separator",
        r"[*\s]*\*\s*\*\s*\*[*\s]*|[-–—_]{3,}",
        "typographic separator between lead and text",
    ),
    _rule(
        "share-widget",
        r"Direct link|Text version|Share|Print|Версия для печати|Прямая ссылка|Текстовая версия",
        "page tools under the text",
    ),
)

#: Rules that depend on a line's neighbours, applied in clean.py (named here for the report).
CONTEXT_RULES = {
    "related-widget": 'a "See also" / "Additional" box: its heading, the linked title and its date',
    "photo-caption": "the caption under a photo counter ('1 of 3')",
    "photo-caption-after-place": "a short line right under the place line (Kremlin layout: the photo's caption)",
}

#: Headings of the "See also" box; the box also holds the linked title and its date.
RELATED_WIDGET = re.compile(
    r"^(?:See also|Additional|Also read|Read also|Related|См\. также|Читайте также)$", re.I
)

#: Closing blocks whose items become the event's tags.
TAG_BLOCKS = {
    "geography": "Geography",
    "topics": "Topics",
    "persons": "Persons",
    "organisations": "Organisations",
}
#: Closing-block lines kept as metadata, not tags.
PUBLICATION = re.compile(
    r"^(?:Publication status|Published in sections?:.*|Publication date:.*|Дата публикации:.*)$",
    re.I,
)

#: Notices that the text is a machine translation: metadata, never text.
TRANSLATION = re.compile(
    r"^(?:Переведено\s+сервисом\s+.+|Translated\s+(?:by|with|using)\s+.+|Machine translation\b.*"
    r"|Перевод\s+выполнен\s+.+)$",
    re.I,
)

#: Editorial marks printed in the text: shown as notes, never as speech.
NOTE = re.compile(
    r"^(?:<\s*(?:…|\.\.\.)\s*>|\[\s*(?:…|\.\.\.)\s*\]|To be continued\.?|Продолжение следует\.?)$",
    re.I,
)

#: A news dateline at the start of the first paragraph: "ASTANA – ".
DATELINE = re.compile(r"^(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,40}?)\s*[–—-]{1,2}\s+(?=[A-ZА-ЯЁ«“\"])")


def match_furniture(text: str, in_header: bool = False) -> Rule | None:
    stripped = text.strip()
    for rule in RULES:
        if rule.header_only and not in_header:
            continue
        if rule.pattern.match(stripped):
            return rule
    return None
