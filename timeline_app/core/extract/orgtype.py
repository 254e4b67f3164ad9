"""What kind of organisation a name denotes: a company, an outlet, a public body or organisation, a product,
a gathering; from the words in the name and the context it is used in."""

from __future__ import annotations

import re

from ..model import Entity
from .kb import slug

_MEDIA_NAME = re.compile(r"\b(News|Daily|Herald|Times|Post|Journal|Press|Gazette|Tribune|Telegraph|Ilbo|Shimbun"
                         r"|Broadcasting|Television|TV|Radio|Magazine|Wire|Newswire|Reporter|Insider|Chronicle"
                         r"|Newsweek|Economist)\b")
_ORG_NAME = re.compile(r"\b(University|College|Institute|Ministry|Department|Commission|Council|Committee|Court"
                       r"|Government|Parliament|Assembly|Forum|Association|Federation|Union|Authority|Office"
                       r"|Administration|Foundation|Society|Laboratory|Hospital|Medical Center|School|Party|Army"
                       r"|Police|Bureau|Board|Organi[sz]ation|League|Senate|Congress|Agency|Fund|Central Bank"
                       r"|Bank of|Program(?:me)?|Initiative|Cabinet|Embassy)\b")
_COMPANY_NAME = re.compile(r"\b(Inc|Corp|Corporation|Co|Ltd|Limited|LLC|plc|AG|SE|GmbH|S\.A|N\.V|Holdings|Group"
                           r"|Industries|Motors?|Electronics|Automobile|Automotive|Materials|Technolog(?:y|ies)"
                           r"|Semiconductors?|Energy|Chemicals?|Pharmaceuticals?|Systems|Solutions|Capital|Partners"
                           r"|Airlines?|Steel|Mobility|Battery|Batteries|Networks|Labs|Software|Robotics|Bio\w*"
                           r"|Telecom\w*|Communications|Entertainment|Games|Foods?|Logistics|Shipbuilding"
                           r"|Heavy|Construction|Securities|Insurance|Investments?|Ventures|Enterprises?|Company)\b")
_MEDIA_CONTEXT_BEFORE = re.compile(r"(?:according to|as per|per|reported by|report by|report from|told|quoted by"
                                   r"|cited by|citing|in an interview with|said in a report by|said|via)"
                                   r"(?:\s+a\s+report\s+by)?\s*(?:the\s+)?$", re.IGNORECASE)
_MEDIA_CONTEXT_AFTER = re.compile(r"^(?:['’]s)?\s*(?:reported|quoted|cited|said in a report|reports|has reported"
                                  r"|newspaper|daily|news agency|broadcaster|wrote)\b", re.IGNORECASE)
# Common business/technology abbreviations that NER tags as organisations (short all-caps words not in the
# knowledge base are dropped by a rule; this list catches mixed-case and longer ones)
_GENERIC_ACRONYMS = {"EV", "EVS", "AI", "CEO", "CFO", "CEOS", "SUV", "SUVS", "R&D", "IPO", "M&A", "GDP", "PMI", "DRAM",
                     "OLED", "LCD", "LED", "PC", "TV", "USB", "API", "GPU", "CPU", "SDK", "DNA", "RNA", "MOU", "JV",
                     "Q&A", "HQ", "ADAS", "LIDAR"}
_PRODUCT_SHAPE = re.compile(r"^(?:i[A-Z]\w*|e[A-Z]\w*|\w*\d\w*x\d+)\b")  # iPhone, iPod, eReader
_GATHERING = re.compile(r"\b(Conference|Expo|Summit|Show|Festival|Fair|Awards?|Olympics|Games|Week|Day)$")


def make_entity(ents: dict[str, Entity], kind: str, name: str, parent: str | None = None,
                alias: str | None = None) -> Entity:
    """The entity of that kind and name in ``ents`` (created if new), with ``alias`` recorded."""
    prefix = {"company": "c", "organization": "o", "media": "m", "person": "p", "place": "l",
              "product": "x"}[kind]
    if kind == "product":
        parent = None
    eid = f"{prefix}:{slug(name)}"
    e = ents.get(eid)
    if e is None:
        e = ents[eid] = Entity(eid, name, kind, [], parent)
    if alias and alias != name and alias not in e.aliases:
        e.aliases.append(alias)
    return e


def classify_org(text: str, name: str, start: int, end: int) -> str:
    before = text[max(0, start - 40):start]
    after = text[end:end + 30]
    if _MEDIA_NAME.search(name) or (_MEDIA_CONTEXT_BEFORE.search(before) and not _COMPANY_NAME.search(name)):
        return "media"
    if _MEDIA_CONTEXT_AFTER.match(after) and not _COMPANY_NAME.search(name):
        return "media"
    if _ORG_NAME.search(name) and not _COMPANY_NAME.search(name):
        return "organization"
    return "company"

