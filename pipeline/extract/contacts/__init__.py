"""Contact persons: contact blocks, author lines and stray phone numbers or e-mail addresses.

Three sources, read in this order:

1. contact blocks opened by a heading cue (`Kontaktpersona:`, `Contact person:`,
   `Контактное лицо:`, `Papildu informācija:` ...) that run over the following short lines;
2. author lines of press releases (`Informāciju sagatavoja projekta koordinatore J.Reča-Lāže`,
   `By coordinator of the project J.Reča-Lāže`); the words between cue and name are the role;
3. phone numbers (labelled, or written with a country prefix) and e-mail addresses outside 1 and 2,
   read together with the rest of their line (`Jānis Bērziņš, tālr. 65412345`).

A region of text is cut into details (phone, fax, e-mail, each with its label) and the
comma-separated parts between them. A part is a name, a role (it holds a role word), an
organisation (it holds an organisation cue), an address, prose (too long) or something else.
Parts are then grouped into persons: a new name opens a new person. Every language word comes from
`resources/contacts.json`; this module holds only the patterns of names, numbers and addresses.

The package, in the order of the data flow:
- `lexicon`: contacts.json compiled once (cue patterns, word sets);
- `names`: the shape grammar of person names;
- `details`: phones, faxes and e-mails with their labels;
- `items`: the pieces of a contact and the person they make;
- `parts`: a region cut into details and parts, parts classified, items grouped into persons;
- `cues`: where contact blocks and author lines start and how far they run;
- `assembly`: one fact per person, and the registered extractor.

Phone numbers are read from a copy of the text in which the spans claimed by earlier extractors
(dates, money) are blanked out, so a date or an amount is never taken for a phone number.
"""

from __future__ import annotations

import json

from pipeline.extract.contacts.assembly import extract_contacts
from pipeline.extract.contacts.details import AT_MARK as _AT_MARK
from pipeline.extract.contacts.details import EMAIL as _EMAIL
from pipeline.extract.contacts.lexicon import RESOURCE
from pipeline.extract.contacts.lexicon import all_words as _all
from pipeline.extract.contacts.lexicon import lexicon as _lexicon

__all__ = ["RESOURCE", "_AT_MARK", "_EMAIL", "_all", "_lexicon", "extract_contacts", "json"]
