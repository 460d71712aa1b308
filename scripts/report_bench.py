"""Benchmark the audit report on a synthetic archive of thousands of short documents.

    .venv/bin/python scripts/report_bench.py --docs 3000 --work /tmp/report-bench
    .venv/bin/python scripts/report_bench.py --site OUT/report --shots /tmp/shots

1. writes a synthetic archive (project descriptions in Latvian and English and press releases,
   about three documents per project, with occasional planted faults so findings exist);
2. runs `pipeline run` on it (timed, for context);
3. writes report.html again from the written tables and texts, timing only the report build;
4. opens the report in headless Chromium (tests/chromium.py) and times navigation until the page
   is loaded and its script has run; then times a findings filter and opening a document view;
5. writes the report as a site too, and measures its pages' sizes and the index and the largest
   page opened in Chromium. `--site` does only this last part, on the site of any run (e.g. the
   20,000-document synthetic archive of scripts/make_synthetic_archive.py).

The numbers go into docs/benchmarks.md ("Report at scale"). The archive is generated from a seed,
so runs are comparable; nothing here is used by the pipeline itself.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))  # this tree's pipeline, not the one installed in the venv

from chromium import Browser, find_chromium  # noqa: E402

from pipeline.cli import main as pipeline_main  # noqa: E402
from pipeline.report import TableSource, write_report_tables  # noqa: E402
from pipeline.report.site import write_site  # noqa: E402
from pipeline.schema import TABLES  # noqa: E402

WORDS_LV = ["Zaļie", "parki", "jaunieši", "kultūra", "mantojums", "tilti", "robeža", "ūdens",
            "sadarbība", "digitālās", "prasmes", "senioriem", "tūrisms", "upes", "pilsētas",
            "ceļi", "skolas", "muzeji", "enerģija", "vide"]
WORDS_EN = ["Green", "parks", "youth", "culture", "heritage", "bridges", "border", "water",
            "cooperation", "digital", "skills", "seniors", "tourism", "rivers", "towns", "roads",
            "schools", "museums", "energy", "environment"]
PARTNERS_LV = [("Šauļu pilsētas pašvaldība", "Lietuva"), ("Rēzeknes pilsētas dome", "Latvija"),
               ("Tartu pilsētas valde", "Igaunija"), ("Lublinas pilsēta", "Polija"),
               ("Narvas pilsētas valde", "Igaunija"), ("Panevēžas pašvaldība", "Lietuva"),
               ("Vitebskas izpildkomiteja", "Baltkrievija"), ("Pleskavas pilsētas administrācija",
                                                              "Krievija")]
PARTNERS_EN = [("Šiauliai City Municipality", "Lithuania"), ("Rēzekne City Council", "Latvia"),
               ("Tartu City Government", "Estonia"), ("City of Lublin", "Poland"),
               ("Narva City Government", "Estonia"), ("Panevėžys District Municipality",
                                                      "Lithuania")]
PEOPLE = ["Līga Ozola", "Jānis Bērziņš", "Anna Liepa", "Kristīne Dzene", "Pēteris Kalns",
          "Inese Vītola", "Andris Zariņš", "Marina Ivanova"]


def _acronym(rng: random.Random, i: int) -> str:
    letters = "".join(rng.choice("ABCDEFGHKLMNPRSTUVZ") for _ in range(rng.randint(3, 6)))
    return f"{letters}{i}"


def _email(name: str, rng: random.Random) -> str:
    local = name.lower().replace(" ", ".")
    for a, b in zip("āčēģīķļņšūž", "acegiklnsuz", strict=True):
        local = local.replace(a, b)
    return f"{local}@daugavpils.lv" if rng.random() > 0.05 else f"{local}@@daugavpils"


def project_docs(i: int, rng: random.Random) -> dict[str, str]:
    """The documents of project i: a Latvian description, an English description or press
    release, and a Latvian press release; about one in ten has a planted fault."""
    acr = _acronym(rng, i)
    k = rng.randint(2, 4)
    idx = rng.sample(range(len(WORDS_LV)), k)
    title_lv = " ".join(WORDS_LV[j] for j in idx).capitalize()
    title_en = " ".join(WORDS_EN[j] for j in idx).capitalize()
    year = rng.randint(2015, 2022)
    m1 = rng.randint(1, 6)
    start, end = f"01.{m1:02d}.{year}.", f"30.{m1 + 5:02d}.{year + 1}."
    ev_day, ev_month = rng.randint(1, 28), rng.randint(m1, m1 + 5)
    ev_year = year if rng.random() > 0.1 else year + 3  # event outside the period
    eu = rng.randint(5, 90) * 1000
    mun = rng.randint(1, 15) * 500
    total = eu + mun + (0 if rng.random() > 0.1 else 1000)  # parts do not add up
    partners = rng.sample(PARTNERS_LV, rng.randint(1, 4))
    n_stated = len(partners) + 1 + (0 if rng.random() > 0.1 else 2)
    person = rng.choice(PEOPLE)
    phone = f"+371 6547{rng.randint(1000, 9999)}"
    email = _email(person, rng)
    plist = "\n".join(f"{n + 1}. {p}/ {c};" for n, (p, c) in enumerate(partners))
    lv = (
        f"Projekts „{title_lv}” ({acr})\n"
        f"\tProjekta apraksts:\n\tProjektā ir iesaistīti {n_stated} partneri.\n\n"
        "\tVadošais partneris:\n\tDaugavpils pilsētas dome, Latvija\n\n"
        f"\tProjekta partneri:\n\t{plist}\n\n"
        f"\tProjekta īstenošanas termiņš:\n\t{start} – {end}\n\n"
        f"\tProjekta galvenais pasākums:\n\tFestivāls notiks {ev_day:02d}.{ev_month:02d}."
        f"{ev_year}. Daugavpilī.\n\n"
        f"\tProjekta kopējās izmaksas:\n\t{total:,} EUR, t.sk.\n".replace(",", " ")
        + f"ES līdzfinansējums {eu:,} EUR\n".replace(",", " ")
        + f"Pašvaldības līdzfinansējums {mun:,} EUR\n\n".replace(",", " ")
        + f"\tKontaktpersona:\n\t{person}, projekta koordinatore,\n"
        f" Tālr: {phone}; e-pasts: {email}\n"
    )
    en_partners = rng.sample(PARTNERS_EN, rng.randint(1, 3))
    en_list = "\n".join(f"{n + 1}. {p}, {c};" for n, (p, c) in enumerate(en_partners))
    en = (
        f"Project “{title_en}” ({acr})\n"
        "\tLead partner:\n\tDaugavpils City Council, Latvia\n\n"
        f"\tPartners:\n\t{en_list}\n\n"
        f"\tDuration:\n\t{start.rstrip('.')} – {end.rstrip('.')}\n\n"
        f"\tTotal budget:\n\tEUR {total}, of which\nERDF co-financing EUR {eu}\n"
        f"Municipal co-financing EUR {mun}\n\n"
        f"\tContact:\n\t{person}, phone {phone}, e-mail {email}\n"
    )
    press = (
        f"Daugavpils, {ev_day:02d}.{ev_month:02d}.{ev_year}.\n"
        f"Projekta „{title_lv}” ({acr}) ietvaros {ev_day:02d}.{ev_month:02d}.{ev_year}. "
        f"Daugavpilī notika festivāls, kurā piedalījās {rng.randint(20, 300)} dalībnieki no "
        f"{len(partners) + 1} valstīm. Teksts ar <script>window.__pwned = {i}</script> iekšā.\n"
        f"Informāciju sagatavoja {person}, tālr. {phone}, e-pasts {email}\n"
    )
    return {f"lv_project_{i:05d}.txt": lv, f"en_project_{i:05d}.txt": en,
            f"lv_press_{i:05d}.txt": press}


def generate(folder: Path, n_docs: int, seed: int = 6) -> int:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written, i = 0, 0
    while written < n_docs:
        for name, text in project_docs(i, rng).items():
            if written >= n_docs:
                break
            (folder / name).write_text(text, encoding="utf-8")
            written += 1
        i += 1
    return written


def load_outputs(out: Path) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    frames = {
        t: pd.read_csv(io.StringIO((out / f"{t}.csv").read_text(encoding="utf-8")), dtype=str,
                       keep_default_na=False)
        for t in TABLES
    }
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((out / "text").glob("*.txt"))}
    return frames, texts


OPEN_PROBE = "new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"


def time_browser(report: Path) -> dict[str, float]:
    binary = find_chromium()
    if binary is None:
        return {}
    browser = Browser(binary)
    try:
        browser.open("about:blank")  # start-up and the first tab are not the report's cost
        t0 = time.perf_counter()
        session, page = browser.open(report.as_uri())
        opened = time.perf_counter() - t0
        t1 = time.perf_counter()
        browser.evaluate(session, """(() => {
            const sel = document.getElementById('filter-rule');
            sel.value = sel.options[sel.options.length - 1].value;
            sel.dispatchEvent(new Event('change'));
            return document.getElementById('findings-count').textContent;
        })()""")
        browser.evaluate(session, OPEN_PROBE)
        filtered = time.perf_counter() - t1
        t2 = time.perf_counter()
        marks = browser.evaluate(session, """(() => {
            const d = document.querySelector('details.doc');
            d.open = true; d.dispatchEvent(new Event('toggle'));
            return new Promise(r => requestAnimationFrame(() => setTimeout(
                () => r(d.querySelectorAll('mark').length), 0)));
        })()""")
        doc_view = time.perf_counter() - t2
        errors = browser.errors(session)
    finally:
        browser.close()
    return {"open_s": opened, "filter_s": filtered, "doc_view_s": doc_view,
            "doc_view_marks": marks, "console_errors": len(errors) + len(page.errors)}


RENDERED = """new Promise(r => requestAnimationFrame(() => setTimeout(() => r({
    documents: document.querySelectorAll('#documents-table tbody tr').length,
    matrix: document.querySelectorAll('#coverage-table tbody tr').length}), 0)))"""


def site_sizes(site: Path) -> dict[str, float | int | str]:
    """Page count, the index's size and the largest other page's, the whole site on disk."""
    sizes = {p: p.stat().st_size for p in site.rglob("*.html")}
    index = sizes.pop(site / "index.html")
    largest = max(sizes, key=sizes.__getitem__)
    return {"site_pages": len(sizes) + 1,
            "site_index_mb": round(index / 1e6, 2),
            "site_largest_page_mb": round(sizes[largest] / 1e6, 2),
            "site_largest_page": largest.relative_to(site).as_posix(),
            "site_total_mb": round(sum(p.stat().st_size for p in site.rglob("*")
                                       if p.is_file()) / 1e6, 1)}


def open_site(site: Path, shots: Path | None = None, rounds: int = 3
              ) -> dict[str, float | int | list[float]]:
    """Open the index `rounds` times in a fresh tab of headless Chromium, timing navigation until
    the load event plus the first frame after site.js rendered its lists (the index's script
    runs before the load event); then the largest project page the same way. Screenshots of
    the index and that page go into `shots`."""
    binary = find_chromium()
    if binary is None:
        return {}
    largest = site / str(site_sizes(site)["site_largest_page"])
    out: dict[str, float | int | list[float]] = {}
    browser = Browser(binary)
    try:
        browser.open("about:blank")  # start-up and the first tab are not the site's cost
        errors: list[str] = []
        for label, url in (("index", (site / "index.html").as_uri()),
                           ("largest_page", largest.as_uri())):
            times = []
            for _ in range(rounds):
                t0 = time.perf_counter()
                session, page = browser.open(url)
                shown = browser.evaluate(session, RENDERED)
                times.append(round(time.perf_counter() - t0, 2))
                errors += page.errors + browser.errors(session)
            out[f"site_{label}_open_s"] = times
            if label == "index":
                out["site_index_rows_shown"] = shown
            if shots is not None:
                shots.mkdir(parents=True, exist_ok=True)
                browser.screenshot(session, "main", shots / f"site-{label}.png")
        out["site_console_errors"] = len(errors)
    finally:
        browser.close()
    return out


def time_site(work: Path, frames: dict[str, pd.DataFrame], texts: dict[str, str]
              ) -> dict[str, float | int | str | list[float]]:
    """The report as a site: build time, a rebuild reusing every page, the sizes, and the
    index and the largest project page opened in Chromium."""
    site, again = work / "site", work / "site-again"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(again, ignore_errors=True)
    t0 = time.perf_counter()
    write_site(site, TableSource(frames, texts))
    out: dict[str, float | int | str | list[float]] = {
        "site_build_s": round(time.perf_counter() - t0, 2)}
    t0 = time.perf_counter()
    write_site(again, TableSource(frames, texts), previous=site)
    out["site_rebuild_unchanged_s"] = round(time.perf_counter() - t0, 2)
    out.update(site_sizes(site))
    out.update(open_site(site))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/report-bench"))
    ap.add_argument("--keep", action="store_true", help="reuse an existing run in --work")
    ap.add_argument("--no-single", action="store_true", help="time only the site form")
    ap.add_argument("--site", type=Path, help="only measure this site (a run's report/ folder): "
                    "sizes, and the index and the largest page opened in Chromium")
    ap.add_argument("--shots", type=Path, help="with --site: write screenshots here")
    args = ap.parse_args()
    if args.site:
        print(json.dumps({**site_sizes(args.site), **open_site(args.site, args.shots)}, indent=1))
        return
    src, out = args.work / "archive", args.work / "out"
    result: dict[str, float | int] = {"docs": args.docs}
    if not (args.keep and (out / "documents.csv").exists()):
        shutil.rmtree(args.work, ignore_errors=True)
        generate(src, args.docs)
        t0 = time.perf_counter()
        pipeline_main(["run", str(src), "--out", str(out), "--quiet"])
        result["pipeline_run_s"] = round(time.perf_counter() - t0, 1)
    frames, texts = load_outputs(out)
    result["findings"] = len(frames["validation"])
    result["projects"] = len(frames["projects"])
    if not args.no_single:
        report = args.work / "report.html"
        t0 = time.perf_counter()
        write_report_tables(report, frames, texts)
        result["build_s"] = round(time.perf_counter() - t0, 2)
        result["size_mb"] = round(report.stat().st_size / 1e6, 1)
        result.update({k: round(v, 2) for k, v in time_browser(report).items()})
    result.update(time_site(args.work, frames, texts))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
