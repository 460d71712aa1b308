"""Command line: `pipeline run`, `evaluate`, `show` and `cache` (also `python -m pipeline`)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__

if TYPE_CHECKING:
    from pipeline.cache import FileHashes
    from pipeline.formats import ExtraOutputs
    from pipeline.runner import InputFile, Options
    from pipeline.stages import RunSummary

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pipeline",
        description="Turn an archive of EU-project texts (txt, docx, html, pdf) into clean tables "
        "with the source span of every value, a validation report and a missing-field audit.",
    )
    parser.add_argument("--version", action="version", version=f"pipeline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run", help="process files or folders into output tables",
        description="Process every file under INPUT (folders are walked recursively; hidden "
        "files and Word lock files ~$* are skipped) and write the contract tables, text/ and "
        "report.html into --out. Documents that cannot be read are recorded as failed.",
    )
    run.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="file or folder")
    run.add_argument("--out", type=Path, default=Path("data/processed"),
                     help="output folder (default: data/processed)")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    run.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD",
                     help="resolve year-less dates with this date's year when a document has "
                     "neither a publication date nor an implementation period")
    run.add_argument("--required-fields", type=Path, metavar="TOML",
                     help="required fields per document type (default: the shipped "
                     "pipeline/resources/required_fields.toml)")
    run.add_argument("--max-mb", type=float, default=50,
                     help="files larger than this are recorded as failed (default: 50)")
    run.add_argument("--fail-on", choices=("error", "warning"),
                     help="exit with 1 when findings of this severity (or worse) exist")
    add_output_format_options(run)
    add_batch_options(run)

    ev = sub.add_parser(
        "evaluate", help="score output tables against gold files",
        description="Compare the tables in --out with *.gold.json files and print precision, "
        "recall and F1 per field group and per language (headline: a budget by its amount, a "
        "contact by its name; strict: kinds, phones and e-mails required), kind, doc_type and "
        "project identity accuracies and same-project pairs (docs/quality.md).",
    )
    ev.add_argument("--gold", type=Path, required=True, help="folder with *.gold.json files")
    ev.add_argument("--out", type=Path, default=Path("data/processed"),
                    help="output folder of a run (default: data/processed)")
    ev.add_argument("--misses", action="store_true",
                    help="list every missed, spurious and wrong fact, grouped by document")
    ev.add_argument("--verbose", "-v", action="store_true",
                    help="--misses, plus the strict per-document tables and mismatch lines")
    ev.add_argument("--json", type=Path, metavar="FILE",
                    help="also write every number (and the misses) as JSON to FILE")
    add_show_command(sub)
    add_cache_command(sub)
    return parser


def add_show_command(sub: argparse._SubParsersAction) -> None:
    """`pipeline show DOC_ID`: review one document's facts (pipeline/show.py)."""
    show = sub.add_parser(
        "show", help="show one document's extracted facts with their sentences",
        description="Print the facts extracted from one document, grouped by table, each with "
        "the sentence it was read from and the value highlighted (bold colour on a terminal, "
        "[[value]] otherwise). Reads the output folder of a run.",
    )
    show.add_argument("doc_id", metavar="DOC_ID",
                      help="a doc_id from documents.csv (or the document's source_path)")
    show.add_argument("--out", type=Path, default=Path("data/processed"),
                      help="output folder of a run (default: data/processed)")
    show.add_argument("--html", type=Path, metavar="PATH",
                      help="also write the same view as a self-contained HTML page")
    show.add_argument("--displacy", action="store_true",
                      help="with --html: draw the text with its facts as displaCy spans "
                      "(spaCy's span style) above the tables")
    show.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                      help="highlight with terminal colours (default: auto, when the output "
                      "is a terminal and NO_COLOR is not set)")


def add_output_format_options(run: argparse.ArgumentParser) -> None:
    """--format/--duckdb/--excel: extra outputs for analysts (pipeline/formats.py)."""
    group = run.add_argument_group("extra outputs (besides the CSV tables)")
    group.add_argument("--format", dest="formats", action="append", default=[],
                       choices=("csv", "parquet"), metavar="FORMAT",
                       help="also write the tables as FORMAT into --out: 'parquet' writes "
                       "parquet/<table>.parquet (the CSVs are always written); repeatable")
    group.add_argument("--duckdb", type=Path, metavar="PATH",
                       help="write a DuckDB database with every table, its keys and views "
                       "for common questions to PATH")
    group.add_argument("--excel", action="store_true",
                       help="also write excel/<table>.csv (UTF-8 with BOM) and tables.xlsx, "
                       "with cells that a spreadsheet would run as a formula neutralized")
    group.add_argument("--report", choices=("auto", "single", "site"), default="auto",
                       help="the audit report as one self-contained report.html ('single'), "
                       "as a folder report/ with index.html and a page per project ('site'), "
                       "or chosen by the archive's size ('auto', the default)")


def extra_outputs(args: argparse.Namespace) -> ExtraOutputs:
    from pipeline.formats import ExtraOutputs

    return ExtraOutputs(parquet="parquet" in args.formats, duckdb=args.duckdb, excel=args.excel,
                        report=args.report)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "run":
        try:
            return cmd_run(args)
        except KeyboardInterrupt:
            print("pipeline: interrupted; the previous outputs are unchanged", file=sys.stderr)
            return EXIT_INTERRUPTED
    if args.command == "show":
        return cmd_show(args)
    if args.command == "cache":
        return cmd_cache(args)
    return cmd_evaluate(args)


def _error(message: str, code: int) -> int:
    print(f"pipeline: error: {message}", file=sys.stderr)
    return code


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.coverage import load_requirements
    from pipeline.gctune import collect_less

    collect_less()

    missing = [str(p) for p in args.inputs if not p.exists()]
    if missing:
        return _error(f"input not found: {', '.join(missing)}", EXIT_USAGE)
    try:
        required = load_requirements(args.required_fields)
    except (OSError, ValueError) as exc:
        return _error(f"cannot use the required-fields file: {exc}", EXIT_USAGE)

    if args.scheduler and args.engine != "dask":
        return _error("--scheduler goes with --engine dask", EXIT_USAGE)
    from pipeline.engines import EngineError

    if args.engine == "dask":
        from pipeline.engines.dask import require_dask

        try:
            require_dask()
        except EngineError as exc:
            return _error(str(exc), EXIT_USAGE)

    from pipeline.export import OutputError, check_writable, outputs_digest
    from pipeline.runner import InputError, Options, discover, run_batch
    from pipeline.stages import ArchiveBuilder, RunSummary

    try:
        files = discover(args.inputs, warn=_warn)
    except InputError as exc:
        return _error(str(exc), EXIT_USAGE)
    try:
        check_writable(args.out)
    except OutputError as exc:
        return _error(str(exc), EXIT_FAILURE)
    options = Options(max_bytes=int(args.max_mb * 2**20), reference_date=args.reference_date)
    settings = batch_settings(args)
    started = time.monotonic()
    fingerprint = None
    extra = extra_outputs(args)
    # --no-cache, or a report form forced: do everything again
    if settings.cache is not None and not extra.any and extra.report == "auto":
        fingerprint = run_fingerprint(files, options, required, settings.cache.hashes)
        last = settings.cache.last_run(args.out)
        if last and last[0] == fingerprint and last[1] == outputs_digest(args.out):
            settings.cache.close(prune=False)
            summary = RunSummary.from_json(args.out, last[2])
            if not args.quiet:
                print(summary.render(time.monotonic() - started))
                print(f"Nothing changed since the last run (same files, options and pipeline "
                      f"version): the outputs in {args.out} were kept as they were.")
            return _exit_code(args, summary)
    show = not args.quiet and sys.stderr.isatty()
    bar = None
    if show:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: workers are forked while the bar runs
        bar = tqdm(total=len(files), unit="doc", desc="documents", file=sys.stderr)
    memo = setup = None
    if settings.cache is not None:
        from dataclasses import replace

        from pipeline.cache import memo_path

        memo = memo_path(settings.cache.path, args.out)
        setup = run_setup(options, required)
    try:
        with ArchiveBuilder(args.out, memo, setup or "", workers=settings.workers) as builder:
            if builder.prev is not None:
                settings = replace(settings, known=builder.known)
            try:
                run_batch(files, options, builder.add,
                          progress=(lambda _: bar.update(1)) if bar else None, settings=settings)
            finally:
                if bar:
                    bar.close()
                if settings.cache is not None:
                    settings.cache.close()
            if builder.machine_dependent:
                fingerprint = None  # a time-out: the next run must try that document again
            if settings.cache is not None and settings.cache.write_error:
                _warn(f"{settings.cache.write_error}; this run's results were not all cached")
                fingerprint = None
                builder.memo = None  # nor its memo kept: the next run extracts them again
            summary = builder.finish(required, extra)
    except (OutputError, EngineError) as exc:
        return _error(str(exc), EXIT_FAILURE)
    if settings.cache is not None:
        remember_run(settings.cache.path, args.out, fingerprint, summary)
    if not args.quiet:
        print(summary.render(time.monotonic() - started))
        if settings.cache is not None:
            c = settings.cache
            print(f"Cache: {c.hits} reused, {c.misses} extracted ({c.path})")
        stats = getattr(settings.engine, "stats", None)
        if stats is not None and stats.cluster:
            print(stats.render())
    return _exit_code(args, summary)


def _exit_code(args: argparse.Namespace, summary: RunSummary) -> int:
    if args.fail_on:
        worst = {"error": ("error",), "warning": ("error", "warning")}[args.fail_on]
        if any(summary.findings.get(s) for s in worst):
            return EXIT_FAILURE
    return EXIT_OK


def remember_run(cache: Path, out: Path, fingerprint: str | None, summary: RunSummary) -> None:
    """Record in the cache what the outputs were made from (see `cmd_run`'s first check)."""
    from pipeline.cache import CacheError, ResultCache
    from pipeline.export import outputs_digest

    try:
        store = ResultCache(cache)
        try:
            store.save_run(out, fingerprint, outputs_digest(out), summary.to_json())
        finally:
            store.close(prune=False)
    except CacheError as exc:
        _warn(str(exc))


def run_fingerprint(
    files: list[InputFile], options: Options, required: dict[str, list[str]],
    hashes: FileHashes | None = None,
) -> str:
    """runner.fingerprint with the required fields (they change coverage.csv)."""
    import json

    from pipeline.runner import fingerprint

    return fingerprint(files, options, json.dumps(required, sort_keys=True), hashes)


def run_setup(options: Options, required: dict[str, list[str]]) -> str:
    """What the outputs depend on besides the input files: pipeline version, options and
    required fields (a rerun carries nothing over from a run of another setup)."""
    import hashlib
    import json

    from pipeline.cache import pipeline_version

    text = f"{pipeline_version()}\0{options}\0{json.dumps(required, sort_keys=True)}"
    return hashlib.sha256(text.encode()).hexdigest()


def _warn(message: str) -> None:
    print(f"pipeline: warning: {message}", file=sys.stderr)


def _workers(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of workers: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("the number of workers cannot be negative")
    return n


def add_batch_options(run: argparse.ArgumentParser) -> None:
    """Options of `run` for archive-scale batches: workers, time limit, cache."""
    group = run.add_argument_group("batch")
    group.add_argument("--workers", "-j", type=_workers, default=os.cpu_count() or 1,
                       metavar="N", help="worker processes (default: the number of CPUs, "
                       f"{os.cpu_count() or 1} here); 0 runs in this process, without a time "
                       "limit; the output is the same for every N")
    group.add_argument("--timeout", type=float, default=120, metavar="SECONDS",
                       help="a document that takes longer is stopped and recorded as failed "
                       "(default: 120; 0 for no limit)")
    group.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="where the documents are processed: 'local' (default), the worker "
                       "processes of this machine; 'dask', tasks on a Dask cluster (--scheduler) "
                       "or, without one, on a local Dask cluster of --workers processes; the "
                       "output is the same (needs the 'dask' extra)")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: the address of a running Dask scheduler, e.g. "
                       "tcp://10.0.0.5:8786 (README, 'On a cluster')")
    group.add_argument("--cache", type=Path, metavar="FILE",
                       help="SQLite cache of per-document results (default: "
                       ".pipeline-cache/cache.sqlite3 beside the output folder)")
    group.add_argument("--no-cache", action="store_true",
                       help="extract every document again and leave the cache alone")


def batch_settings(args: argparse.Namespace) -> object:
    """BatchSettings from the options; an unusable cache is a warning, not a failure."""
    from pipeline.cache import CacheError, ResultCache, default_path
    from pipeline.runner import BatchSettings

    store = None
    if not args.no_cache:
        try:
            store = ResultCache(args.cache or default_path(args.out))
        except CacheError as exc:
            _warn(f"{exc}; running without the cache")
    engine = None
    if args.engine == "dask":
        from pipeline.engines.dask import DaskEngine

        engine = DaskEngine(scheduler=args.scheduler, workers=args.workers)
    return BatchSettings(workers=args.workers, timeout=args.timeout or None, cache=store,
                         engine=engine)


def add_cache_command(sub: argparse._SubParsersAction) -> None:
    cache = sub.add_parser(
        "cache", help="show or clear the per-document cache",
        description="The cache keeps each document's extraction result, keyed by its content "
        "and the pipeline version, so that a rerun extracts only new and changed documents.",
    )
    cache.add_argument("action", choices=("clear", "info"), help="clear: delete the cache file; "
                       "info: where it is and what it holds")
    where = cache.add_mutually_exclusive_group()
    where.add_argument("--cache", type=Path, metavar="FILE", help="the cache file")
    where.add_argument("--out", type=Path, default=Path("data/processed"),
                       help="the output folder whose default cache is meant "
                       "(default: data/processed)")


def cmd_cache(args: argparse.Namespace) -> int:
    from pipeline import cache

    path = args.cache or cache.default_path(args.out)
    if args.action == "clear":
        try:
            existed = cache.clear(path)
        except OSError as exc:
            return _error(f"cannot delete {path}: {(exc.strerror or str(exc)).lower()}",
                          EXIT_FAILURE)
        print(f"Cache cleared: {path}" if existed else f"No cache at {path}")
        return EXIT_OK
    if not path.is_file():
        print(f"No cache at {path}")
        return EXIT_OK
    try:
        stats = cache.info(path)
    except cache.CacheError as exc:
        return _error(str(exc), EXIT_FAILURE)
    print(f"Cache {path}: {stats['rows']} documents, {stats['bytes'] / 2**20:.1f} MB, "
          f"{stats['current']} for this pipeline version ({cache.pipeline_version()})")
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate import evaluate, format_result, write_json

    for p in (args.gold, args.out):
        if not p.is_dir():
            return _error(f"not a folder: {p}", EXIT_USAGE)
    try:
        result = evaluate(args.out, args.gold)
    except (OSError, ValueError) as exc:
        return _error(str(exc), EXIT_FAILURE)
    if args.json:
        try:
            write_json(result, args.json)
        except OSError as exc:
            return _error(f"cannot write {args.json}: {exc.strerror or exc}", EXIT_FAILURE)
    print(format_result(result, verbose=args.verbose, misses=args.misses), end="")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    import os

    from pipeline.show import (
        ShowError,
        displacy_picture,
        load_view,
        render_html,
        render_text,
        write_html,
    )

    if args.displacy and not args.html:
        return _error("--displacy draws into the page of --html PATH: give both", EXIT_USAGE)
    try:
        view = load_view(args.out, args.doc_id)
    except ShowError as exc:
        return _error(str(exc), EXIT_USAGE)
    except (OSError, UnicodeDecodeError) as exc:
        return _error(f"cannot read {args.out}: {exc}", EXIT_FAILURE)
    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    sys.stdout.write(render_text(view, color))
    if args.html:
        picture = displacy_picture(view) if args.displacy else ""
        try:
            write_html(args.html, render_html(view, picture))
        except OSError as exc:
            return _error(f"cannot write {args.html}: {exc.strerror or exc}", EXIT_FAILURE)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
