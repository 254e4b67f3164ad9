"""Source of resources/companies.json: a compact table, expanded by `python tools/kb_source.py`.

One line an entry: kind | canonical name | aliases (;) | parent | country | descriptors (;)
Keep it general: well-known companies, groups, outlets and organisations, never entries for one corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

TABLE = """
company|Apple|Apple Inc.;Apple Computer;Apple Computer Inc.||US|tech company;computer maker;iPhone maker
company|Microsoft|Microsoft Corp.;Microsoft Corporation||US|software company;tech giant
company|Alphabet|Alphabet Inc.||US|tech giant
company|Google|Google LLC;Google Inc.|Alphabet|US|search giant;tech giant
company|Amazon|Amazon.com;Amazon.com Inc.;Amazon Inc.||US|e-commerce giant;retailer
company|Meta Platforms|Meta;Facebook;Meta Platforms Inc.||US|social media company
company|Intel|Intel Corp.;Intel Corporation||US|chipmaker
company|AMD|Advanced Micro Devices||US|chipmaker
company|Nvidia|NVIDIA;Nvidia Corp.||US|chipmaker
company|Qualcomm|Qualcomm Inc.||US|chipmaker
company|Broadcom|Broadcom Inc.||US|chipmaker
company|Texas Instruments|TI||US|chipmaker
company|Micron Technology|Micron||US|chipmaker;memory maker
company|Cisco|Cisco Systems;Cisco Systems Inc.||US|networking company
company|IBM|International Business Machines||US|tech company
company|Oracle|Oracle Corp.||US|software company
company|HP|HP Inc.;Hewlett-Packard||US|computer maker
company|Dell|Dell Technologies||US|computer maker
company|Adobe|Adobe Inc.||US|software company
company|Salesforce|Salesforce Inc.||US|software company
company|Netflix|Netflix Inc.||US|streaming company
company|OpenAI|||US|AI company
company|Uber|Uber Technologies||US|ride-hailing company
company|AT&T|AT&T Inc.||US|carrier;telecom operator
company|Verizon|Verizon Communications;Verizon Wireless||US|carrier;telecom operator
company|T-Mobile|T-Mobile US||US|carrier;telecom operator
company|Motorola|Motorola Solutions;Motorola Mobility||US|phone maker
company|Walmart|Wal-Mart;Wal - Mart;Walmart Inc.;Wal-Mart Stores||US|retailer
company|Best Buy|Best Buy Co.||US|retailer
company|Target|Target Corp.||US|retailer
company|Costco|Costco Wholesale||US|retailer
company|Boeing|Boeing Co.||US|planemaker
company|General Electric|GE||US|conglomerate
company|Tesla|Tesla Inc.;Tesla Motors||US|automaker;carmaker;EV maker;EV company
company|Ford|Ford Motor;Ford Motor Co.;Ford Motor Company||US|automaker;carmaker
company|General Motors|GM;General Motors Co.||US|automaker;carmaker
company|Rivian|Rivian Automotive||US|automaker;EV maker
company|Lucid|Lucid Motors;Lucid Group||US|automaker;EV maker
company|Stellantis|Stellantis N.V.||NL|automaker;carmaker
company|Mercedes-Benz Group|Mercedes-Benz;Mercedes-Benz Group AG;Mercedes;Daimler;Daimler AG||DE|automaker;carmaker;luxury carmaker
company|BMW|BMW Group;Bayerische Motoren Werke||DE|automaker;carmaker
company|Volkswagen Group|Volkswagen;VW;Volkswagen AG||DE|automaker;carmaker
company|Audi|Audi AG|Volkswagen Group|DE|automaker;carmaker
company|Porsche|Porsche AG|Volkswagen Group|DE|automaker;carmaker
company|Bosch|Robert Bosch;Robert Bosch GmbH||DE|supplier;parts maker
company|Continental|Continental AG||DE|supplier;parts maker
company|ZF Friedrichshafen|ZF;ZF Group||DE|supplier;parts maker
company|Siemens|Siemens AG||DE|conglomerate
company|Infineon|Infineon Technologies||DE|chipmaker
company|SAP|SAP SE||DE|software company
company|Airbus|Airbus SE||FR|planemaker
company|Renault Group|Renault;Groupe Renault||FR|automaker;carmaker
company|Renault Korea|Renault Korea Motors;Renault Samsung Motors|Renault Group|KR|automaker;carmaker
company|Valeo|||FR|supplier;parts maker
company|TotalEnergies|Total||FR|energy company
company|Volvo Cars|Volvo Car;Volvo Car Corp.|Geely Holding|SE|automaker;carmaker
company|Polestar|Polestar Automotive|Volvo Cars|SE|EV maker;automaker
company|Northvolt|Northvolt AB||SE|battery maker
company|Ericsson|Telefonaktiebolaget LM Ericsson||SE|telecom equipment maker
company|Nokia|Nokia Corp.;Nokia Oyj||FI|phone maker;telecom equipment maker
company|ASML|ASML Holding||NL|chip equipment maker
company|NXP Semiconductors|NXP||NL|chipmaker
company|Philips|Royal Philips;Koninklijke Philips||NL|electronics maker
company|STMicroelectronics|ST Micro;STMicro||CH|chipmaker
company|Nestle|Nestlé||CH|food company
company|Arm|Arm Holdings;ARM Holdings||GB|chip designer
company|Vodafone|Vodafone Group||GB|carrier;telecom operator
company|BP|BP plc||GB|oil major;energy company
company|Shell|Shell plc;Royal Dutch Shell||GB|oil major;energy company
company|Rio Tinto|Rio Tinto Group||GB|miner;mining company
company|BHP|BHP Group;BHP Billiton||AU|miner;mining company
company|Glencore|Glencore plc||CH|miner;commodity trader
company|Umicore|||BE|materials company
company|Toyota|Toyota Motor;Toyota Motor Corp.;Toyota Motor Corporation||JP|automaker;carmaker
company|Honda|Honda Motor;Honda Motor Co.||JP|automaker;carmaker
company|Nissan|Nissan Motor;Nissan Motor Co.||JP|automaker;carmaker
company|Mazda|Mazda Motor||JP|automaker;carmaker
company|Subaru|Subaru Corp.||JP|automaker;carmaker
company|Suzuki|Suzuki Motor||JP|automaker;carmaker
company|Mitsubishi Motors|||JP|automaker;carmaker
company|Sony|Sony Group;Sony Corp.;Sony Corporation||JP|electronics maker
company|Panasonic|Panasonic Holdings;Panasonic Corp.||JP|electronics maker;battery maker
company|Panasonic Energy||Panasonic|JP|battery maker
company|Toshiba|Toshiba Corp.||JP|electronics maker
company|Hitachi|Hitachi Ltd.||JP|conglomerate
company|Denso|Denso Corp.||JP|supplier;parts maker
company|Sharp|Sharp Corp.|Foxconn|JP|electronics maker
company|SoftBank|SoftBank Group||JP|investor;conglomerate
company|Nintendo|Nintendo Co.||JP|game company
company|Foxconn|Hon Hai;Hon Hai Precision Industry;Foxconn Technology Group||TW|contract manufacturer
company|TSMC|Taiwan Semiconductor Manufacturing;Taiwan Semiconductor Manufacturing Co.||TW|chipmaker;foundry
company|Powerchip|Powerchip Semiconductor;PSMC||TW|chipmaker
company|MediaTek|||TW|chipmaker
company|Huawei|Huawei Technologies||CN|tech company;phone maker
company|Xiaomi|Xiaomi Corp.||CN|phone maker;tech company
company|Lenovo|Lenovo Group||CN|computer maker
company|Tencent|Tencent Holdings||CN|tech giant
company|Alibaba|Alibaba Group||CN|e-commerce giant
company|Baidu|Baidu Inc.||CN|tech company
company|ByteDance|||CN|tech company
company|SMIC|Semiconductor Manufacturing International||CN|chipmaker;foundry
company|YMTC|Yangtze Memory Technologies||CN|chipmaker;memory maker
company|CATL|Contemporary Amperex Technology;Contemporary Amperex Technology Co.||CN|battery maker
company|CALB|China Aviation Lithium Battery||CN|battery maker
company|Gotion|Gotion High-Tech||CN|battery maker
company|EVE Energy|||CN|battery maker
company|BYD|BYD Co.;BYD Auto||CN|automaker;carmaker;EV maker;battery maker
company|Geely Holding|Zhejiang Geely Holding;Geely Holding Group;Geely||CN|automaker;carmaker
company|Geely Automobile|Geely Auto;Geely Automobile Holdings|Geely Holding|CN|automaker;carmaker
company|Chery Automobile|Chery;Chery Auto;Chery Automobile Co.||CN|automaker;carmaker
company|SAIC Motor|SAIC||CN|automaker;carmaker
company|Great Wall Motor|Great Wall Motors||CN|automaker;carmaker
company|NIO|NIO Inc.||CN|EV maker;automaker
company|XPeng|Xpeng Motors||CN|EV maker;automaker
company|Li Auto|||CN|EV maker;automaker
company|Sungrow|Sungrow Power Supply||CN|inverter maker
company|Tata Motors|||IN|automaker;carmaker
company|Mahindra|Mahindra & Mahindra||IN|automaker;carmaker
company|Samsung Group|Samsung||KR|conglomerate;group
company|Samsung Electronics|Samsung Electronics Co.;Samsung Electronics Co. Ltd.|Samsung Group|KR|tech giant;chipmaker;electronics maker
company|Samsung SDI|Samsung SDI Co.|Samsung Group|KR|battery maker
company|Samsung Display||Samsung Electronics|KR|display maker
company|Samsung Electro-Mechanics|SEMCO|Samsung Group|KR|parts maker
company|Samsung Biologics||Samsung Group|KR|biotech company
company|Samsung C&T||Samsung Group|KR|trading company
company|Samsung Heavy Industries||Samsung Group|KR|shipbuilder
company|Harman International Industries|Harman;Harman International|Samsung Electronics|US|audio company;parts maker
company|LG Group|LG;LG Corp.;LG Corporation||KR|conglomerate;group
company|LG Electronics|LG Electronics Inc.;LGE|LG Group|KR|electronics maker
company|LG Energy Solution|LG Energy Solution Ltd.;LGES|LG Group|KR|battery maker
company|LG Display|LG Display Co.|LG Group|KR|display maker;panel maker
company|LG Innotek|LG Innotek Co.|LG Group|KR|parts maker;component maker
company|LG Chem|LG Chem Ltd.|LG Group|KR|chemical maker
company|LG Uplus|LG U+|LG Group|KR|carrier;telecom operator
company|LG CNS||LG Group|KR|IT services company
company|LG AI Research||LG Group|KR|research institute
company|SK Group|SK||KR|conglomerate;group
company|SK hynix|SK Hynix;SK Hynix Inc.|SK Group|KR|chipmaker;memory maker
company|SK On||SK Innovation|KR|battery maker
company|SK Innovation||SK Group|KR|energy company
company|SK Telecom|SKT|SK Group|KR|carrier;telecom operator
company|Hyundai Motor Group|Hyundai Group||KR|automaker;carmaker;group
company|Hyundai Motor|Hyundai Motor Co.;Hyundai Motor Company;Hyundai|Hyundai Motor Group|KR|automaker;carmaker
company|Kia|Kia Corp.;Kia Motors|Hyundai Motor Group|KR|automaker;carmaker
company|Hyundai Mobis||Hyundai Motor Group|KR|parts maker;supplier
company|KG Mobility|KGM;SsangYong Motor;SsangYong||KR|automaker;carmaker
company|POSCO Holdings|POSCO||KR|steelmaker
company|POSCO Future M||POSCO Holdings|KR|materials company
company|Ecopro|EcoPro||KR|materials company
company|Ecopro BM|ECOPRO BM;EcoPro BM|Ecopro|KR|materials company;cathode maker
company|L&F|L&F Co.||KR|materials company
company|SKC|SKC Co.|SK Group|KR|materials company
company|Hanwha Group|Hanwha||KR|conglomerate;group
company|Hanwha Aerospace||Hanwha Group|KR|defence company
company|Hanwha Solutions||Hanwha Group|KR|energy company
company|Hanwha Ocean||Hanwha Group|KR|shipbuilder
company|Lotte Group|Lotte||KR|conglomerate;group
company|Doosan Group|Doosan||KR|conglomerate;group
company|HS Hyosung|HS Hyosung Corp.||KR|conglomerate
company|Hyosung|Hyosung Corp.;Hyosung Group||KR|conglomerate
company|Naver|Naver Corp.||KR|internet company
company|Kakao|Kakao Corp.||KR|internet company
company|KT|KT Corp.||KR|carrier;telecom operator
company|Goldman Sachs|Goldman Sachs Group||US|bank;investment bank
company|JPMorgan Chase|JPMorgan;J.P. Morgan||US|bank
company|Morgan Stanley|||US|bank;investment bank
company|BlackRock|||US|asset manager
company|Pfizer|Pfizer Inc.||US|drugmaker
company|Johnson & Johnson|J&J||US|drugmaker
company|Albemarle|Albemarle Corp.||US|lithium producer
company|ExxonMobil|Exxon Mobil;Exxon||US|oil major
company|Chevron|Chevron Corp.||US|oil major
media|Yonhap|Yonhap News Agency;Yonhap News|||news agency
media|The Korea Herald|Korea Herald|||newspaper
media|Korea JoongAng Daily|Korea Joongang Daily;JoongAng Daily;JoongAng Ilbo|||newspaper
media|The Korea Times|Korea Times|||newspaper
media|Chosun Ilbo|The Chosun Ilbo|||newspaper
media|Maeil Business News Korea|Maeil Business Newspaper;Maeil Business;Pulse;Pulse News;Pulse by Maeil Business News Korea|||newspaper
media|Korea Economic Daily|The Korea Economic Daily;Hankyung|||newspaper
media|BusinessKorea|Business Korea|||news site
media|The Elec|||news site
media|Reuters|Thomson Reuters|||news agency
media|Bloomberg|Bloomberg News|||news agency
media|Associated Press|AP;The Associated Press|||news agency
media|Agence France-Presse|AFP|||news agency
media|Xinhua|Xinhua News Agency|||news agency
media|Kyodo|Kyodo News|||news agency
media|Asian News International|ANI|||news agency
media|Nikkei|Nikkei Asia;Nikkei Asian Review|||newspaper
media|Financial Times|FT|||newspaper
media|The Wall Street Journal|Wall Street Journal;WSJ|||newspaper
media|The New York Times|New York Times;NYT|||newspaper
media|The Washington Post|Washington Post|||newspaper
media|The Guardian|Guardian|||newspaper
media|CNBC||||broadcaster
media|CNN||||broadcaster
media|BBC|BBC News|||broadcaster
media|NHK||||broadcaster
media|Forbes||||magazine
media|Fortune||||magazine
media|TechCrunch||||news site
media|The Verge||||news site
media|Engadget||||news site
media|Wired||||magazine
media|Electrek||||news site
media|Automotive News||||newspaper
media|PR Newswire|PRNewswire|||wire service
media|Business Wire|BusinessWire|||wire service
media|GlobeNewswire|Globe Newswire|||wire service
media|Wikinews||||news site
media|Global Times||||newspaper
media|China Daily||||newspaper
media|Caixin||||magazine
media|South China Morning Post|SCMP|||newspaper
organization|European Commission|the European Commission;EC|||regulator
organization|European Union|EU|||bloc
organization|Federal Reserve|the Fed;Fed;U.S. Federal Reserve|||central bank
organization|Bank of Korea|BOK|||central bank
organization|White House|the White House|||government
organization|U.S. Securities and Exchange Commission|SEC;Securities and Exchange Commission|||regulator
organization|Federal Trade Commission|FTC|||regulator
organization|U.S. Department of Justice|Department of Justice;Justice Department;DOJ|||government
organization|Federal Communications Commission|FCC|||regulator
organization|World Trade Organization|WTO|||organisation
organization|International Monetary Fund|IMF|||organisation
organization|World Bank||||organisation
organization|United Nations|UN;U.N.|||organisation
organization|NATO||||organisation
organization|OECD|Organisation for Economic Co-operation and Development|||organisation
organization|European Central Bank|ECB|||central bank
organization|Bank of England|||GB|central bank
organization|Bank of Italy|Banca d'Italia||IT|central bank
organization|Bank of Japan|BOJ||JP|central bank
organization|Federal Deposit Insurance Corporation|FDIC||US|regulator
organization|U.S. Food and Drug Administration|FDA;Food and Drug Administration||US|regulator
organization|U.S. Postal Service|USPS;United States Postal Service||US|agency
organization|National Geographic Society|National Geographic||US|organisation
organization|OPEC||||organisation
organization|World Economic Forum|WEF;Davos Forum|||forum
organization|Massachusetts Institute of Technology|MIT|||university
organization|Stanford University|Stanford|||university
product|Galaxy|Galaxy S;Galaxy Z Fold;Galaxy Z Flip;Galaxy Tab|Samsung Electronics||phone
product|Pixel||Google||phone
product|Android||Google||operating system
product|Windows||Microsoft||operating system
product|Xbox||Microsoft||console
product|Surface||Microsoft||computer
product|ChatGPT||OpenAI||chatbot
product|PlayStation|PS5;PlayStation 5|Sony||console
product|Nintendo Switch||Nintendo||console
product|Kindle||Amazon||e-reader
product|Alexa|Echo|Amazon||assistant
product|Model Y||Tesla||car
product|Model 3||Tesla||car
product|Model S||Tesla||car
product|Model X||Tesla||car
product|Cybertruck||Tesla||truck
person|Lee Jae-yong|Jay Y. Lee;Jay Y Lee;Lee Jae-Yong;Jay Lee|Samsung Electronics||Executive Chairman
person|Ola Källenius|Ola Kallenius;Källenius;Kallenius|Mercedes-Benz Group||Chairman
person|Elon Musk|Musk|Tesla||CEO
person|Koo Kwang-mo|Koo Kwang-Mo|LG Group||Chairman
person|Chung Eui-sun|Chung Euisun|Hyundai Motor Group||Executive Chair
person|Chey Tae-won|Chey Tae-Won|SK Group||Chairman
"""

SUFFIXES = ["Inc.", "Inc", "Corp.", "Corp", "Corporation", "Co.", "Co", "Co., Ltd.", "Co. Ltd.", "Ltd.", "Ltd",
            "Limited", "LLC", "plc", "PLC", "AG", "SE", "GmbH", "S.A.", "SA", "N.V.", "NV", "AB", "Oyj", "Holdings",
            "Group", "Company"]


# Aliases that are also ordinary words: matched only where the NER or the tagger sees a proper name.
CONTEXT_NEEDED = ["Apple", "Target", "Fortune", "Wired", "Guardian", "Total", "Meta", "Arm", "Sharp", "Continental",
                  "Shell", "Pulse", "Mercedes", "Lucid", "Fed", "SK", "KT", "AP", "FT", "GE", "TI", "EC", "EU",
                  "Stanford", "Chery", "Kia", "Hyundai", "Samsung", "LG", "Nokia", "Sony", "Ford",
                  "BP", "MIT", "SKT", "Seagate"]


def build() -> dict:
    out: dict[str, list] = {"entries": []}
    for line in TABLE.strip().splitlines():
        kind, name, aliases, parent, country, desc = (line.split("|") + [""] * 6)[:6]
        entry = {"kind": kind, "name": name}
        if aliases:
            entry["aliases"] = aliases.split(";")
        if parent:
            entry["parent"] = parent
        if kind == "person":
            if desc:
                entry["role"] = desc
        else:
            if country:
                entry["country"] = country
            if desc:
                entry["descriptors"] = desc.split(";")
        out["entries"].append(entry)
    out["corporate_suffixes"] = SUFFIXES
    out["context_needed"] = CONTEXT_NEEDED
    return out


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "resources" / "companies.json"
    target.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target}")
