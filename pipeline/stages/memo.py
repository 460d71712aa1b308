"""The memo of the previous complete run: what a rerun carries over instead of redoing.

A run with the cache keeps its run store (`pipeline.store.RunStore`) when it completes, beside
the cache (`cache.memo_path`: one file per output folder). Besides every document's result as
extracted, it then holds per document what it was made of (relative path, content hash,
doc_id), its partner and person ids, its project, its CSV lines and the rows the report
reads; per project its group (documents, evidence, pairs kept apart), its projects and
coverage lines and its findings; the findings of each document outside any project; and the
*setup* it was made with (pipeline version, options, required fields).

The next run claims it (renames it aside: a run that fails or is stopped leaves no memo, so the
run after it does everything again), and uses it only when its setup is the same. Then:

* a file with the same relative path, content and doc_id as a document of the memo is not
  read from the cache nor extracted: its result and packed entry are copied from the memo
  (`Carried`); duplicates, unreadable files and time-outs are never carried;
* partner_id and person_id are assigned over the whole archive again, and each document's ids
  are compared with the memo's. They depend on the whole archive: a partner's id on the sorted
  set of every partner key (a spelling variant joins the closest earlier name of its kind and
  country) and on how many differently named organisations of one type each city has per
  language; a person's id on the full first names seen with the surname (`J. Ozola` joins
  `Jana Ozola` only while she is the only J.). So one new document can change the ids of
  documents in other projects; those projects are done again. Linking runs over the whole
  archive again too: a changed document can join or split groups, candidate pairs depend on
  how many documents share a key, and the lead partner's id is evidence. Both take a few
  percent of a cold run's whole-archive time;
* a project is *clean* when its group came out exactly as before (same documents, evidence and
  notes) and each of its documents is carried with the same ids: its years, merged row,
  coverage and project-scope findings are what they were, so they are copied. When only its
  evidence or pairs kept apart moved (same documents; a document of another project with the
  same acronym changed: at 20,000 documents with 1% changed, 160-334 of ~6,200 projects),
  nothing but projects.link_evidence reads them: its lines and findings are copied with that
  one cell replaced (`CsvWriters.replace_cell`), and its pages are hashed again. Every other
  project is done again from its documents' results;
* a document's rows are copied when it is carried with the same ids and its project is clean
  (or it is outside any project, as before); a document outside any project keeps its
  findings on the same terms (the project-scope rules read one document at a time there).
  In a project done again, a document carried with the same ids keeps its rows too when the
  project's id and period are as before (its *context*: the rows take nothing else from the
  project, `resolve.project_period`): a project's id is that of its first document
  (`link.project_id`), so a document joining or leaving a big project leaves the other
  documents' rows alone; their pages are hashed again (the project's row on them changed);
* the archive-scope rules, validation.csv, the report and the extra formats are made again;
  the report site's pages are digests of their inputs (`report.site`): a page whose documents
  all had their rows copied keeps the previous run's digest of its rows and texts (the memo's
  `pages` table, `output.StorePages`) and is only hashed with its findings, which the
  archive-scope rules can change anywhere; a page whose digest did not change is copied.

Whatever the memo says, the outputs are those of a run without it: the tests compare every
file with a run with `--no-cache` after added, changed, removed and re-linked documents.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SETUP = "setup"
COMPLETE = "complete"


@dataclass(frozen=True)
class Carried:
    """A document the previous run already did: index `old` in its memo."""

    old: int
    status: str


class Previous:
    """The claimed memo of the previous complete run (read only through `RunStore.attach`)."""

    def __init__(self, path: Path, docs: dict[tuple[str, str, str], Carried]) -> None:
        self.path = path
        self.docs = docs

    @classmethod
    def claim(cls, memo: Path, setup: str) -> Previous | None:
        """The memo at `memo`, moved aside for this run; None when there is none, it is not
        complete or was made with another setup (then it is deleted: a full run follows)."""
        for stale in memo.parent.glob(f"{memo.name}.*-*"):  # left by a run that was stopped
            stale.unlink(missing_ok=True)
        claimed = memo.with_name(f"{memo.name}.claimed-{os.getpid()}")
        try:
            os.replace(memo, claimed)
        except OSError:
            return None
        try:
            db = sqlite3.connect(claimed)
            try:
                meta = dict(db.execute("SELECT key, value FROM meta"))
                if meta.get(SETUP) != setup or meta.get(COMPLETE) != "1":
                    raise ValueError("another setup")
                docs = {(rel, sha, doc_id): Carried(idx, status) for idx, rel, sha, doc_id, status
                        in db.execute("SELECT idx, relative, sha256, doc_id, status FROM docs"
                                      " WHERE reusable = 1")}
            finally:
                db.close()
        except (sqlite3.Error, ValueError):
            claimed.unlink(missing_ok=True)
            return None
        return cls(claimed, docs)

    def lookup(self, relative: str, sha256: str, doc_id: str) -> Carried | None:
        return self.docs.get((relative, sha256, doc_id))

    def release(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()


def pending(memo: Path) -> Path:
    """Where a run puts its memo until its outputs are in place."""
    return memo.with_name(f"{memo.name}.pending-{os.getpid()}")
