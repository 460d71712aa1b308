"""Contact persons: the people a page gives as points of contact or as authors of its
information, with their role, organisation, phone and e-mail. People only mentioned or quoted,
photo credits and an office's number without a person are not contacts.

Sources, read in this order (a name found by an earlier one is not taken again):

1. cues: contact blocks opened by a heading (`Kontaktpersona:`, `Contact person:`, `Контактное
   лицо:`, a neighbour's `Kontaktid:`), author lines (`Informāciju sagatavoja ...`, `Author:`,
   `Автор:`; the words between cue and name are the role) and role labels (`Projekta vadītāja:
   Anna Kalniņa`, `Project manager at ...: ...`); a cue glued to the name counts too;
2. signatures: short lines holding a name with a role, a title or a phone/e-mail ("Anna
   Kalniņa" / "projekta vadītāja"), wherever they stand;
3. bylines: a name on the page's date line or right after it, a parenthesised dateline, a name
   with its surname in capitals, a name alone after a paragraph's last sentence;
4. sources: a role with a name beside a verb of informing ("..., informē speciāliste Anna
   Kalniņa");
5. phone numbers and e-mail addresses outside all these, read with the rest of their line
   (`Jānis Bērziņš, tālr. 65412345`); phone/e-mail lines right after a named person are hers.

A region of text is cut into details (phone, fax, e-mail, each with its label) and the
comma-separated parts between them. A part is a name, a role (it holds a role word), an
organisation (it holds an organisation cue), a title, an address, prose (too long) or something
else. Parts are then grouped into persons: a new name opens a new person. Every language word
comes from `resources/contacts.json`; the code holds only the patterns of names, numbers, lines.

The package, in the order of the data flow:
- `script`: the letters of the Latin and Cyrillic scripts, the mark of a lost line break;
- `lexicon`: contacts.json compiled once (cue patterns, word sets);
- `names`: the shape grammar of person names;
- `details`: phones, faxes and e-mails with their labels;
- `items`: the pieces of a contact and the person they make;
- `parts`: a region cut into details and parts, parts classified, items grouped into persons;
- `cues`: where contact blocks, author lines and role labels start and how far they run;
- `bylines`: signatures and bylines known by the shape of their lines;
- `inline`: roles with names beside a verb of informing;
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
