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
        r"|Официальный сайт Президента России|Официальный сайт Президента Республики Казахстан"
        r"|Official (?:web)?site of the|National (?:Emblem|Flag) of [\w ]{2,40}"
        r"|[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|media|news|ru|kz|by|am|az|uz|kg|tj|tm|eu)"
        r"|.{0,40}\b(?:Телерадиокомпания|(?:Международное )?[Ии]нформационное агентство)\b.{0,80}",
        "the site's own name, its emblem, or its bare domain ('UrduPoint.com')",
    ),
    _rule(
        "breadcrumb",
        r"(?:News|Events|Transcripts|Statements|Speeches|Press releases|Documents|Документ|Документы|Новости"
        r"|События|Стенограммы|Выступления|Главная|Home|Main"
        r"|Phone calls|Telephone (?:calls|conversations)|Meetings(?: and talks)?|Trips"
        r"|Letters(?: and telegrams)?|Telegrams"
        r"|Greetings|Condolences|Interviews|Articles|Addresses|Press statements|Announcements)"
        r"(?:\s*/\s*[^/]{0,60})*\s*/?",
        "navigation trail or the site's section name above the text ('News /', 'Phone calls')",
        header_only=True,
    ),
    _rule("photo-counter", r"\d{1,3}\s+(?:of|из)\s+\d{1,3}", "photo gallery counter"),
    _rule(
        "media-counter",
        r"[-–•]\s*\d{1,4}(?::\d{2}){0,2}|(?:more\s+)?\d{1,4}\s+(?:more\s+)?(?:photos?|videos?|images?|фото)",
        "a gallery's photo count or a video's length ('- 11', '- 50:49', 'more 3 photos')",
    ),
    _rule(
        "photo-caption",
        r".{0,400}\b(?-i:Photo(?:\s+(?:by|credit|source)\s*:?\s*|:\s*)|Фото:\s*)[^.]{2,80}"
        r"(?:\.(?-i:[a-z]{2,6}))*\.?"
        r"|.{0,400}\b(?-i:Photo):\s*[^.]{2,200}\(\s*[\w-]+(?:\.[\w-]+)+\s*\)",
        "photo caption ending with a photo credit, which may be a site ('Photo source: gov.kg',"
        " '…Photo: <caption> (kremlin.ru)'); capital 'Photo': 'a photo by my desk.' is speech",
    ),
    _rule(
        "photo-credit",
        r"©.{2,150}|.{5,300}\S/(?:[^/]{2,60}/)*(?-i:TASS|POOL|AP|AFP|Reuters|EPA|Sputnik|RIA Novosti|Kremlin\.ru)"
        r"|.{5,300}\.\s+/\s+[^/.]{2,60}",
        "a photo credit ('© Photo: Akorda website'), or a caption ending with one ('…Putin Sergey"
        " Bobylev/POOL/TASS', '…at the meeting. / Azerbaijan presidential website')",
    ),
    _rule(
        "source-credit",
        r"(?:Sources?\s*:|Based on materials (?:from|of)|Translation by|Disclaimer\s*:)\s*[^!?]{2,60}(?<!\.)",
        "the story's source or translator, printed under it ('Source: … with agencies')",
    ),
    _rule(
        "byline",
        r"By\s+(?-i:[A-ZА-ЯЁ][\w'’.-]*)(?:\s+(?-i:[A-ZА-ЯЁ][\w'’.-]*)){0,3}(?:\s+(?:in|on)\s+[^.!?]{2,80})?"
        r"|(?-i:[A-ZА-ЯЁ][\w'’.-]+)(?:\s+(?-i:[A-ZА-ЯЁ][\w'’.-]+)){1,2}\s+(?:Published|Posted|Updated)\b.{4,60}"
        r"|(?:Authors?|Автор|Авторы|Author\(s\))\s*:(?:\s*(?-i:[A-ZА-ЯЁ][\w'’.-]*)(?:\s+(?-i:[A-ZА-ЯЁ][\w'’.-]*)){0,3})?",
        "the author line ('By Staff Report in International on 19 August 2022'; 'Name Published <date>';"
        " 'Автор:' with the name on the next line)",
    ),
    _rule(
        "post-meta",
        r".{0,200}\b(?:Comments\s+Off|\d+\s+min(?:ute)?s?\s+read)\b.{0,200}"
        r"|(?:\d[\d,.]*\s*(?:Shares?|Views?|Comments?|просмотр\w*)\s*)+",
        "a post's categories, comment and reading-time line, or its share and view counters",
    ),
    _rule(
        "currency-ticker",
        r"(?:[•·*]\s*)?(?:USD|EUR|RUB|GBP|CNY|KZT|KGS|UZS|BYN|AMD|AZN|TJS|TRY|JPY|CHF)\s*[+−-]?\s*\d+(?:[.,]\d+)?\s*%?"
        r"|(?:[^\d:]{2,30}:\s*)?(?:[$€₽¥£₸]\s*)?\d+[.,]\d+(?:\s+(?:[$€₽¥£₸]\s*)?\d+[.,]\d+){2,}",
        "exchange-rate ticker ('USD 87.42', '• usd -4.81%', 'Валюта бағамы: $ 389.59 429.06 6.05'):"
        " its numbers are never statistics",
    ),
    _rule(
        "navigation",
        r"Skip to (?:main )?content|Main menu|Menu|Search|Popular|Latest(?: news)?|All news|Show news feed"
        r"|News feed|Back to top(?: button)?|To top|Вверх|Наверх|Read more:?|Tags?:.*|Теги:.*|divider"
        r"|Table of contents|Contents|Most (?:viewed|read|popular|commented)"
        r"|(?:Relevant|Related|Other|More|Similar|Recent|Top) (?:news|stories|articles)"
        r"|Latest in [\w ]{2,30}|Read all news|More news|(?:Читать )?все новости|Последние новости"
        r"|Ключевые события|Популярное",
        "site menus and section links ('All news', 'Skip to content', 'Tags: …', 'Most viewed')",
    ),
    _rule(
        "agency-byline",
        r"(?:(?:Staff|Special|Wire|Agency|(?-i:[a-z]{1,3}[A-Z][A-Za-z]{0,4}|[A-Z]{2,6}))\s+)?(?:Report|Staff Writer)",
        "a news agency's byline above the text ('nCa Report', 'Staff Report')",
        header_only=True,
    ),
    _rule(
        "section-label",
        r"(?:Key (?:talking )?points|Key takeaways|Main points|Highlights|In brief|Summary)\s*:",
        "a label above a list of points ('Key talking points:')",
    ),
    _rule(
        "menu-bullet",
        r"[•·]\s*.{1,120}",
        "a bulleted menu item above the text ('• main')",
        header_only=True,
    ),
    _rule(
        "page-metadata",
        r"https?://\S+|/html/\S+|[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d ()-]{8,}\d|(?-i:[a-z]{2}_[A-Z]{2})",
        "a page's leaked metadata: addresses, e-mails, phone numbers, locales",
    ),
    _rule(
        "comment-invite",
        r"Dear (?:visitors|readers),.{0,300}|.{0,80}\b(?:leave|place|post) (?:a|your) (?:comment|opinion)\b.{0,200}"
        r"|.{0,60}\b(?:in full|full text|full version)\b.{0,40}\bavailable\s+(?:on|at|here)\b.{0,60}"
        r"|(?-i:Leave a (?:Reply|Comment))(?: to [^.,]{1,60}(?: Cancel reply)?)?|Cancel reply"
        r"|Your email address will not be published\..{0,80}|Required fields are marked.{0,20}",
        "invitations to comment (a blog's comment form) or to read the full text elsewhere",
    ),
    _rule(
        "separator",
        r"[*\s]*\*\s*\*\s*\*[*\s]*|[-–—_]{3,}",
        "typographic separator between lead and text",
    ),
    _rule(
        "language-switcher",
        r"(?=.*\b(?:en|ru|eng|рус)\b)(?:(?:en|ru|kz|kk|qq|ua|uk|uz|ky|kg|by|be|am|hy|az|tj|tg|tm|tk"
        r"|de|fr|es|zh|cn|ar|tr|fa|eng|рус|қаз|ўзб)\s*[|/·•]?\s*){2,6}",
        "the site's language links ('ua en ru', 'KZ | RU | EN'), English or Russian among them",
    ),
    _rule(
        "reprint-notice",
        r".{0,100}\bmay not be (?:reproduced|republished|copied|reprinted)\b.{0,120}"
        r"|(?:©.{0,60})?All rights reserved\.?.{0,80}"
        r"|(?:Found|Noticed) an? (?:error|mistake|typo)(?: in the text)?\?.{0,80}"
        r"|.{0,60}\bCtrl\s*\+\s*Enter\b.{0,60}|Нашли ошибку\?.{0,80}",
        "the site's copyright and error-report notices under the text",
    ),
    _rule(
        "block-tabs",
        r"(?:(?:Geography|Topics|Persons|Organisations|Organizations|Publication status)\s*){2,5}",
        "the Kremlin page's closing block headings printed on one line (a repost's tab row)",
    ),
    _rule(
        "share-widget",
        r"Direct link|Text version|Share:?|Share this:?|Print|Версия для печати|Прямая ссылка|Текстовая версия"
        r"|Поделиться:?|Share (?:this (?:article|post|news|story)|with (?:your )?friends|on \w+):?"
        r"|Rate this (?:article|post|news|story)|Rat(?:e|ing) count|Rating:?",
        "page tools under the text (share and rating widgets)",
    ),
)

#: Rules that depend on a line's neighbours, applied in clean.py (named here for the report).
CONTEXT_RULES = {
    "related-widget": 'a "See also" / "Additional" box: its heading, the linked title and its date',
    "photo-caption": "the caption under a photo counter ('1 of 3')",
    "photo-caption-after-place": "a short line right under the place line (Kremlin layout: the photo's caption)",
    "photo-caption-before-credit": "a short line right above a '©' credit line: the photo's caption",
    "site-clock": "a time alone above any date (the site's clock, not the event's time)",
    "repeated-title": "the title printed again (in the page's header and above the text)",
    "byline-name": "the name on the line under a byline label alone ('Автор:' / 'Adlet Seilkhanov')",
    "date-stamp": "a page store's ' date YYYY-MM-DD' line",
    "section-name": "a short line right above the (longer) title: the site's section ('Foreign visits')",
    "tag-list": "two or more lines in a row of one to four lower-case words: the page's tags",
    "author-box": "under the text, a name line followed by lines about that person ('Kwan studied…')",
    "closing-credit": "short title-case lines after the last sentence: a byline, the site's name",
}

#: A line of the page's tag list ('vladimir putin', 'union state', 'страны центральной азии'):
#: removed where two or more stand in a row (see clean.py), or as the page's last line (closing.py).
TAG_WORDS = re.compile(r"^[a-zа-яё][a-zа-яё'-]*(?: [a-zа-яё][a-zа-яё'-]*){0,3}$")

#: A byline label with its name on the next line ('Автор:', 'Author:').
BYLINE_LABEL = re.compile(r"^(?:Authors?|Автор|Авторы|Author\(s\))\s*:$", re.I)
#: The name under a byline label: two to four capitalised words.
BYLINE_NAME = re.compile(r"^[A-ZА-ЯЁ][\w'’.-]+(?:\s+[A-ZА-ЯЁ][\w'’.-]+){1,3}$")

#: Furniture that may carry the page's date (a byline's date is a candidate for the event's date).
DATED_RULES = ("byline", "post-meta")

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
