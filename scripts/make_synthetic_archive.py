"""Write a synthetic archive for benchmarks: N documents in the mix of ../shared/corpus-notes.md.

Deterministic from the seed (same N and seed, same bytes). The mix, chosen to resemble the notes
(they give kinds, formats, encodings and noise, not exact shares):

* formats: 45% .txt, 25% .docx, 30% .html (page furniture around the article);
* languages: 45% Latvian, 20% Latvian + English in one file, 20% English, 15% Russian;
* kinds: 35% project descriptions (headed fields), 50% press releases, 15% other (budget news);
* .txt encodings: UTF-8 (15% of them with BOM), Windows-1257 and ISO-8859-13 for Latvian and
  English, Windows-1251 for Russian; Word export artefacts, soft hyphens, no-break spaces;
* sizes: mostly 1-6 KB; 3% long documents (20-60 KB of narrative);
* 2% broken files (truncated .docx, empty, binary named .txt, script-only HTML, corrupt zip)
  and 1% identical copies of other documents in another folder.

    python scripts/make_synthetic_archive.py OUT_DIR [-n 5000] [--seed 1]
    python scripts/make_synthetic_archive.py OUT_DIR --mutate 0.01   # change 1% of the files
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import zipfile
from pathlib import Path

CITIES = [
    ("Lubļina", "Polija", "Lublin", "Poland", "Люблин", "Польша"),
    ("Toruņa", "Polija", "Torun", "Poland", "Торунь", "Польша"),
    ("Kauņa", "Lietuva", "Kaunas", "Lithuania", "Каунас", "Литва"),
    ("Gotingena", "Vācija", "Göttingen", "Germany", "Гёттинген", "Германия"),
    ("Norrčepinga", "Zviedrija", "Norrköping", "Sweden", "Норрчёпинг", "Швеция"),
    ("Narva", "Igaunija", "Narva", "Estonia", "Нарва", "Эстония"),
    ("Tartu", "Igaunija", "Tartu", "Estonia", "Тарту", "Эстония"),
    ("Pleskava", "Krievija", "Pskov", "Russia", "Псков", "Россия"),
    ("Vitebska", "Baltkrievija", "Vitebsk", "Belarus", "Витебск", "Беларусь"),
    ("Linca", "Austrija", "Linz", "Austria", "Линц", "Австрия"),
    ("Kolekjo", "Itālija", "Collecchio", "Italy", "Колленкьо", "Италия"),
    ("Šauļi", "Lietuva", "Šiauliai", "Lithuania", "Шяуляй", "Литва"),
    ("Utena", "Lietuva", "Utena", "Lithuania", "Утена", "Литва"),
    ("Kutaisi", "Gruzija", "Kutaisi", "Georgia", "Кутаиси", "Грузия"),
]
FIRST = ["Jolanta", "Kristīne", "Aļona", "Olga", "Dmitrijs", "Jānis", "Inese", "Sergejs", "Anna",
         "Māris", "Jeļena", "Pēteris", "Ilze", "Andris", "Svetlana"]
LAST = ["Krūmiņa", "Dzene", "Vasiljeva", "Ivanovs", "Orlova", "Bērziņš", "Kalniņa", "Ozols",
        "Petrovs", "Liepa", "Kuzņecova", "Zariņš", "Reča-Lāže", "Sproģe"]
ACRONYMS = ["TOGETHER", "DigiSen", "CleanDaugava", "IndustRoute", "VOLDA", "FortLink", "YC4EU",
            "GreenBridge", "HOP", "EVOLAQ", "RiverCare", "SmartHeat", "CultureNet", "YouthLab",
            "BorderLess", "WaterWise", "HeritageHub", "EcoMobility", "SkillsUp", "OpenDoors"]
PROGRAMMES = [("Interreg Latvija–Lietuva", "LLI"), ("Latvija–Krievija", "LV-RU"),
              ("Eiropa pilsoņiem", "EFC"), ("Erasmus+", "2020-1-LV02-KA"),
              ("Latvija–Lietuva–Baltkrievija", "ENI-LLB-1")]
MONTHS_LV = ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā",
             "septembrī", "oktobrī", "novembrī", "decembrī"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
FILLER = {
    "lv": ["Projekta mērķis ir stiprināt sadarbību starp pašvaldībām un iedzīvotājiem.",
           "Dalībnieki apmeklēja pilsētas uzņēmumus un iepazinās ar labās prakses piemēriem.",
           "Semināra laikā tika apspriesti jaunatnes nodarbinātības jautājumi.",
           "Pasākumā piedalījās pašvaldības speciālisti, skolotāji un nevalstisko "
           "organizāciju pārstāvji.",
           "Tika izstrādāts kopīgs rīcības plāns nākamajiem gadiem."],
    "en": ["The aim of the project is to strengthen cooperation between municipalities.",
           "Participants visited local companies and learned about good practice.",
           "During the seminar youth employment issues were discussed.",
           "The event brought together municipal specialists, teachers and NGO "
           "representatives.",
           "A joint action plan for the coming years was drafted."],
    "ru": ["Цель проекта – укрепление сотрудничества между самоуправлениями.",
           "Участники посетили местные предприятия и познакомились с лучшим опытом.",
           "Во время семинара обсуждались вопросы занятости молодёжи.",
           "В мероприятии приняли участие специалисты самоуправления и учителя.",
           "Был разработан совместный план действий на ближайшие годы."],
}


class Doc:
    """Paragraphs of one synthetic document (with a kind per paragraph for .docx/.html)."""

    def __init__(self) -> None:
        self.paras: list[tuple[str, str]] = []  # (kind, text)
        self.title = ""

    def add(self, text: str, kind: str = "p") -> None:
        self.paras.append((kind, text))


def money(r: random.Random, lang: str) -> str:
    amount = r.randrange(5_000, 3_000_000)
    cents = r.randrange(100)
    grouped = f"{amount:,}".replace(",", r.choice([" ", "\u00a0"]))
    if lang == "ru":
        return f"{grouped},{cents:02d} евро" if r.random() < 0.5 else f"{grouped} EUR"
    if lang == "en":
        return r.choice([f"EUR {grouped}", f"{grouped}.{cents:02d} EUR"])
    return r.choice([f"{grouped},{cents:02d} EUR", f"{grouped} eiro", f"€ {amount / 1000:.1f} "
                     "tūkst.".replace(".", ",", 1)])


def day_date(r: random.Random, year: int) -> tuple[int, int, int]:
    return r.randrange(1, 29), r.randrange(1, 13), year


def date_text(r: random.Random, lang: str, year: int) -> str:
    d, m, y = day_date(r, year)
    if lang == "lv":
        return r.choice([f"{y}.gada {d}.{MONTHS_LV[m - 1]}", f"{d:02d}.{m:02d}.{y}.",
                         f"šī gada {d}.{MONTHS_LV[m - 1]}"])
    if lang == "en":
        return r.choice([f"{d} {MONTHS_EN[m - 1]} {y}", f"{MONTHS_EN[m - 1]} {d}th, {y}",
                         f"{d}-{d + 1} {MONTHS_EN[m - 1]} {y}"])
    return r.choice([f"{d} {MONTHS_RU[m - 1]} {y} года", f"с {d} по {d + 2} {MONTHS_RU[m - 1]}"])


def person(r: random.Random) -> tuple[str, str]:
    first, last = r.choice(FIRST), r.choice(LAST)
    return f"{first} {last}", f"{first[0]}.{last}"


def phone(r: random.Random) -> str:
    n = f"{r.randrange(10**7):07d}"
    return r.choice([f"6 54 {n[:5]}", f"+371 6{n}", f"2{n}"])


def project_description(r: random.Random, lang: str, doc: Doc) -> None:
    acr = r.choice(ACRONYMS) + (str(r.randrange(2, 9)) if r.random() < 0.5 else "")
    prog, code = r.choice(PROGRAMMES)
    year = r.randrange(2005, 2024)
    partners = r.sample(CITIES, r.randrange(2, 7))
    name, _ = person(r)
    email = f"{name.split()[0].lower()}.{r.randrange(100)}@daugavpils.lv".replace("ā", "a")
    idx = {"lv": 0, "en": 2, "ru": 4}[lang]
    heads = {
        "lv": ["Projekta nosaukums", "Projekta iesniedzējs", "Projekta partneri",
               "Finansēšanas avots", "Projekta īstenošanas termiņš", "Projekta kopējās izmaksas",
               "Pašvaldības līdzfinansējums", "Kontaktpersona"],
        "en": ["Project title", "Lead partner", "Project partners", "Funding source", "Duration",
               "Total budget", "Municipal co-financing", "Contact person"],
        "ru": ["Название проекта", "Заявитель", "Партнёры проекта", "Источник финансирования",
               "Срок реализации", "Бюджет проекта", "Софинансирование самоуправления",
               "Контактное лицо"],
    }[lang]
    doc.title = f"{acr} – {prog}"
    doc.add(doc.title, "h")
    doc.add(f"{heads[0]}\t„{acr}” ({code}-{r.randrange(1, 999):03d})")
    doc.add(f"{heads[1]}\tDaugavpils pilsētas dome")
    doc.add(heads[2], "h")
    for i, c in enumerate(partners, 1):
        doc.add(f"{i}. {c[idx]}/ {c[idx + 1]};", "li")
    doc.add(f"{heads[3]}\t{prog}")
    d1, m1, _ = day_date(r, year)
    d2, m2, _ = day_date(r, year + 2)
    doc.add(f"{heads[4]}\t{d1:02d}.{m1:02d}.{year}. – {d2:02d}.{m2:02d}.{year + 2}.")
    doc.add(f"{heads[5]}\t{money(r, lang)}")
    doc.add(f"{heads[6]}\t{money(r, lang)}")
    goal = {"lv": f"Projektā piedalās {len(partners) + 1} partneri no {r.randrange(2, 5)} valstīm.",
            "en": f"The project brings together {len(partners) + 1} partners from "
                  f"{r.choice(['two', 'three', 'four'])} countries.",
            "ru": f"В проекте участвуют {len(partners) + 1} партнёра из {r.randrange(2, 5)} стран."}
    doc.add(goal[lang])
    doc.add(f"{heads[7]}: {name}, projekta koordinators, tālr. {phone(r)}, e-pasts: {email}")


def press_release(r: random.Random, lang: str, doc: Doc) -> None:
    acr = r.choice(ACRONYMS)
    year = r.randrange(2008, 2024)
    city = r.choice(CITIES)
    _, short = person(r)
    n = r.randrange(8, 60)
    if lang == "lv":
        doc.title = f"Projekta {acr} partneri tiekas {city[0]}"
        doc.add(doc.title, "h")
        doc.add(f"{date_text(r, 'lv', year)} {city[0]} notika projekta „{acr}” partneru "
                f"sanāksme, kurā piedalījās {n} dalībnieki no {r.randrange(2, 7)} valstīm.")
        doc.add(f"Projekta kopējās izmaksas ir {money(r, 'lv')}, no tām ERAF līdzfinansējums "
                f"{money(r, 'lv')} (85%).")
        doc.add(f"Nākamā tikšanās notiks {MONTHS_LV[r.randrange(12)]}.")
        doc.add(f"Informāciju sagatavoja projekta koordinatore {short}")
    elif lang == "en":
        doc.title = f"{acr} partners meet in {city[2]}"
        doc.add(doc.title, "h")
        doc.add(f"On {date_text(r, 'en', year)} the partners of the {acr} project met in "
                f"{city[2]}, {city[3]}. More than {n} participants from "
                f"{r.choice(['three', 'five', 'seven'])} countries took part.")
        doc.add(f"The total budget of the project is {money(r, 'en')}.")
        doc.add(f"Information prepared by {short}")
    else:
        doc.title = f"Партнёры проекта {acr} встретились в городе {city[4]}"
        doc.add(doc.title, "h")
        doc.add(f"{date_text(r, 'ru', year)} в городе {city[4]} ({city[5]}) прошла встреча "
                f"партнёров проекта «{acr}», в которой приняли участие {n} участников.")
        doc.add(f"Общая стоимость проекта составляет {money(r, 'ru')}.")
        doc.add(f"Информацию подготовила {short}")


def other(r: random.Random, lang: str, doc: Doc) -> None:
    year = r.randrange(2005, 2024)
    texts = {
        "lv": (f"Apstiprināts {year}. gada pilsētas budžets",
               f"Dome {date_text(r, 'lv', year)} apstiprināja budžetu {r.randrange(5, 90)},"
               f"{r.randrange(10)} milj. latu apmērā." if year < 2014 else
               f"Dome {date_text(r, 'lv', year)} apstiprināja budžetu {money(r, 'lv')} apmērā."),
        "en": (f"City budget for {year} approved",
               f"On {date_text(r, 'en', year)} the council approved a budget of {money(r, 'en')}."),
        "ru": (f"Утверждён бюджет города на {year} год",
               f"{date_text(r, 'ru', year)} дума утвердила бюджет в размере {money(r, 'ru')}."),
    }
    doc.title, body = texts[lang]
    doc.add(doc.title, "h")
    doc.add(body)


def compose(r: random.Random, lang: str, kind: str) -> Doc:
    doc = Doc()
    langs = ["lv", "en"] if lang == "lv+en" else [lang]
    for part in langs:
        {"project": project_description, "press": press_release, "other": other}[kind](
            r, part, doc)
        for _ in range(r.randrange(1, 6)):
            doc.add(" ".join(r.sample(FILLER[part], 3)))
        if r.random() < 0.03:  # a long document
            for _ in range(r.randrange(100, 300)):
                doc.add(" ".join(r.sample(FILLER[part], 2)))
    return doc


def as_txt(doc: Doc, r: random.Random, lang: str) -> bytes:
    lines = [t for _, t in doc.paras]
    if r.random() < 0.3:
        lines.insert(1, "[image: ]")
        lines.append("[bookmark: _GoBack]")
    text = "\r\n".join(lines).replace("projekta", "projek\u00adta", 1)
    roll = r.random()
    if lang == "ru":
        enc = "cp1251" if roll < 0.35 else "utf-8"
    elif lang == "lv" or lang == "lv+en":
        enc = "cp1257" if roll < 0.25 else ("iso8859-13" if roll < 0.32 else "utf-8")
    else:
        enc = "utf-8"
    data = text.encode(enc, errors="replace")
    if enc == "utf-8" and r.random() < 0.15:
        data = b"\xef\xbb\xbf" + data
    return data


def as_html(doc: Doc, r: random.Random, year: int) -> bytes:
    from html import escape

    body = []
    for kind, text in doc.paras:
        tag = {"h": "h2", "li": "li"}.get(kind, "p")
        body.append(f"<{tag}>{escape(text)}</{tag}>")
    d, m, _ = day_date(r, year)
    page = (
        "<!DOCTYPE html><html lang=\"lv\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(doc.title)} | Daugavpils pilsēta</title>"
        "<script>var _paq = window._paq || [];</script></head><body>"
        "<div class=\"cookie-notice\">Šī vietne izmanto sīkdatnes. <a href=\"#\">Piekrītu</a></div>"
        "<nav class=\"menu\"><ul><li><a href=\"/\">Sākums</a></li><li><a href=\"/news\">Jaunumi"
        "</a></li><li><a href=\"/projects\">Projekti</a></li></ul></nav>"
        "<div class=\"toolbar\">Viegli lasīt | A+ | A- | Kontrasts</div>"
        f"<main><article><h1>{escape(doc.title)}</h1><div class=\"date\">"
        f"{d:02d}-{m:02d}-{year}</div>" + "".join(body) +
        "<div class=\"share\">Dalīties: Facebook Twitter</div></article></main>"
        "<footer>Daugavpils pilsētas dome, Krišjāņa Valdemāra iela 1, tālr. 65404344</footer>"
        "</body></html>"
    )
    return page.encode("utf-8")


def as_docx(doc: Doc, r: random.Random, year: int) -> bytes:
    from xml.sax.saxutils import escape

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paras = []
    for kind, text in doc.paras:
        style = {"h": '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>', "li":
                 '<w:pPr><w:pStyle w:val="ListParagraph"/></w:pPr>'}.get(kind, "")
        runs = "".join(
            (f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>' if part else "")
            + ("<w:r><w:tab/></w:r>" if i < len(text.split("\t")) - 1 else "")
            for i, part in enumerate(text.split("\t"))
        )
        paras.append(f"<w:p>{style}{runs}</w:p>")
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
                f'xmlns:w="{w}"><w:body>{"".join(paras)}</w:body></w:document>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{w}">'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '</w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name '
              'w:val="List Paragraph"/></w:style></w:styles>')
    d, m, _ = day_date(r, year)
    core = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
            'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/'
            'dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.'
            'w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">'
            f'{year}-{m:02d}-{d:02d}T10:00:00Z</dcterms:created></cp:coreProperties>')
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
          'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
          'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
          '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override '
          'PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml"'
          ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>')
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{rel}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="'
            'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-'
            'properties" Target="docProps/core.xml"/></Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
                f'{rel}/styles" Target="styles.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in (("[Content_Types].xml", ct), ("_rels/.rels", rels),
                              ("word/document.xml", document), ("word/styles.xml", styles),
                              ("word/_rels/document.xml.rels", doc_rels),
                              ("docProps/core.xml", core)):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return buf.getvalue()


def broken(r: random.Random, i: int) -> tuple[str, bytes]:
    kind = r.randrange(5)
    if kind == 0:
        doc = compose(r, "lv", "press")
        data = as_docx(doc, r, 2015)
        return f"broken_{i:05d}.docx", data[: len(data) // 2]
    if kind == 1:
        return f"broken_{i:05d}.txt", b""
    if kind == 2:
        return f"broken_{i:05d}.txt", r.randbytes(3000)
    if kind == 3:
        return f"broken_{i:05d}.html", b"<html><head><script>var a=1;</script></head><body>" \
            b"<script>document.write('x')</script></body></html>"
    return f"broken_{i:05d}.docx", b"PK\x03\x04" + r.randbytes(500)


def document(seed: int, i: int) -> tuple[str, bytes]:
    """Name and bytes of document `i` (its own random stream: documents are independent)."""
    r = random.Random(f"{seed}-{i}")
    if r.random() < 0.02:
        return broken(r, i)
    lang = r.choices(["lv", "lv+en", "en", "ru"], [45, 20, 20, 15])[0]
    kind = r.choices(["project", "press", "other"], [35, 50, 15])[0]
    fmt = r.choices(["txt", "docx", "html"], [45, 25, 30])[0]
    doc = compose(r, lang, kind)
    year = r.randrange(2008, 2024)
    prefix = lang.replace("+", "_")
    name = f"{year}/{prefix}_{kind}_{i:05d}.{fmt}"
    if fmt == "txt":
        return name, as_txt(doc, r, lang)
    if fmt == "html":
        return name, as_html(doc, r, year)
    return name, as_docx(doc, r, year)


def write_archive(out: Path, n: int, seed: int) -> list[Path]:
    if out.exists():
        shutil.rmtree(out)
    paths = []
    for i in range(n):
        name, data = document(seed, i)
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    r = random.Random(f"{seed}-copies")
    copies = out / "copies"
    copies.mkdir()
    for path in r.sample(paths, max(1, n // 100)):  # identical files at another path
        shutil.copy(path, copies / path.name)
    return paths


def mutate(out: Path, fraction: float, seed: int) -> int:
    """Change `fraction` of the documents (a sentence appended or a new version written)."""
    files = sorted(p for p in out.rglob("*") if p.is_file() and "copies" not in p.parts)
    r = random.Random(f"{seed}-mutate-{fraction}")
    chosen = r.sample(files, max(1, round(len(files) * fraction)))
    for path in chosen:
        if path.suffix == ".txt" and path.stat().st_size:
            path.write_bytes(path.read_bytes() + b"\r\nUpdated: 12.03.2024.")
        else:
            i = int(path.stem.rsplit("_", 1)[-1])
            _, data = document(seed + 1000, i)
            path.write_bytes(data if data else b"x")
    return len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=5000, help="documents (default 5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mutate", type=float, help="change this fraction of an existing one")
    args = parser.parse_args()
    if args.mutate:
        print(f"changed {mutate(args.out, args.mutate, args.seed)} files in {args.out}")
    else:
        write_archive(args.out, args.n, args.seed)
        print(f"wrote {args.n} documents (+{max(1, args.n // 100)} copies) to {args.out}")


if __name__ == "__main__":
    main()
