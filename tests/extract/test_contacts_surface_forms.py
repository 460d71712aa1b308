"""Contacts misfires found by probing with invented pages (2026-12-04): national numbers with
the trunk prefix '8' of Lithuania, Russia and Belarus cut to a Latvian number ('8 (8112)
72-15-44' gave +371 81127215), e-mail domains written with '(dot)', bylines 'Teksts:' /
'Text:' / 'Текст:', an author dropped for a photo credit later on the line ('Author: X |
Photo: Y') or the credited photographer taken as a second author, and roles that carried the
sentence leading to them or a title ('contact the project manager', 'project manager Ms').
Our own invented names, numbers and addresses."""

import pytest
from helpers import facts


def _one(text: str) -> dict:
    rows = facts(text, "contacts")
    assert len(rows) == 1, rows
    return rows[0]


TRUNK = [
    ("Kontaktpersona: Anna Liepa, tālr. 8 (8112) 72-15-44", "+78112721544"),
    ("Контактное лицо: Олег Морозов, тел. 8-812-123-45-67", "+78121234567"),
    ("Контактное лицо: Павел Жуков, тел. 8 029 123 45 67", "+375291234567"),
    ("Contact person: Jonas Jonaitis, tel. 8 685 12345", "+37068512345"),
    ("Contact person: Rasa Petraitienė, tel. (8 459) 5 12 34", "+37045951234"),
]


@pytest.mark.parametrize(("text", "phone"), TRUNK)
def test_trunk_prefix_numbers_of_the_neighbours(text: str, phone: str) -> None:
    assert _one(text)["phone"] == phone


# Latvian numbers, also those starting with 8 (eight digits), stay Latvian
LATVIAN = [
    ("Kontaktpersona: Rita Sīle, tālr. 8000 1234", "+37180001234"),
    ("Kontaktpersona: Rita Sīle, tālr. 67 012 345", "+37167012345"),
    ("Kontaktpersona: Rita Sīle, tālr. 6 54 76064", "+37165476064"),
    ("Контактное лицо: Олег Морозов, тел. +7 812 123 45 67", "+78121234567"),
    ("Kontaktpersona: Rita Sīle, tālr.: 65707123, 29 876 543", "+37165707123;+37129876543"),
]


@pytest.mark.parametrize(("text", "phone"), LATVIAN)
def test_home_numbers_unchanged(text: str, phone: str) -> None:
    assert _one(text)["phone"] == phone


EMAILS = [
    ("Contact: Dr. Peter Novak, project coordinator, peter.novak [at] uni-lj [dot] si",
     "peter.novak@uni-lj.si"),
    ("Kontaktpersona: Dace Ābola, tālr. 63 322 111, dace.abola(at)tukums(dot)lv",
     "dace.abola@tukums.lv"),
    ("Контактное лицо: Вера Климова, e-mail: klimova(at)rezekne[.]lv", "klimova@rezekne.lv"),
]


@pytest.mark.parametrize(("text", "email"), EMAILS)
def test_obfuscated_dots(text: str, email: str) -> None:
    assert _one(text)["email"] == email


BYLINES = [
    ("Partneri tikās Valgā.\n\nTeksts: Agnese Krūmiņa", "Agnese Krūmiņa"),
    ("Partneri tikās Valgā.\n\nTeksts un foto: Edgars Lapiņš", "Edgars Lapiņš"),
    ("The partners met in Valga.\n\nText: Anna Berg", "Anna Berg"),
    ("The partners met in Valga.\n\nText and photo: Mark Lee", "Mark Lee"),
    ("Партнёры встретились в Валге.\n\nТекст: Светлана Белова", "Светлана Белова"),
    ("Партнёры встретились в Валге.\n\nАвтор текста – Ольга Белова", "Ольга Белова"),
]


@pytest.mark.parametrize(("text", "name"), BYLINES)
def test_text_bylines(text: str, name: str) -> None:
    assert _one(text)["name"] == name


# the word 'text' without its colon opens prose; picture credits are no contacts
NOT_BYLINES = [
    "Text of the agreement was signed by Jānis Bērziņš and Anna Liepa.",
    "Teksts ir pieejams pie Annas Liepas.",
    "Teksts: projekta apraksts latviešu valodā",
    "Foto: Jānis Rieksts",
    "Автор фото: Игорь Зайцев",
    "Author of the photo: Anna Berg",
]


@pytest.mark.parametrize("text", NOT_BYLINES)
def test_not_bylines(text: str) -> None:
    assert facts(text, "contacts") == []


# an author line with a photo credit after the name: the author, not the photographer
CREDIT_AFTER = [
    ("Author: Jānis Ozols | Photo: Ilze Kalna", "Jānis Ozols"),
    ("Текст: Светлана Белова. Фото: Игорь Зайцев", "Светлана Белова"),
    ("Autors: Jānis Ozols, foto – Ilze Kalna", "Jānis Ozols"),
    ("Autore: Baiba Ruņģe / Foto: Pēteris Kalns", "Baiba Ruņģe"),
]


@pytest.mark.parametrize(("text", "name"), CREDIT_AFTER)
def test_author_before_a_photo_credit(text: str, name: str) -> None:
    assert [r["name"] for r in facts(text, "contacts")] == [name]


ROLES = [
    ("Par projektu sīkāk var uzzināt pie projektu koordinatora Andra Sproģa, e-pasts: "
     "andris.sprogis@kraslava.lv.", "projektu koordinatora"),
    ("Jautājumu gadījumā sazinieties ar projekta vadītāju Kārli Ozolu pa tālruni 29 555 111.",
     "projekta vadītāju"),
    ("For more details contact the project manager, Mr Andris Kalējs (andris.kalejs@cesis.lv).",
     "project manager"),
    ("За подробностями обращайтесь к координатору проекта Ирине Лебедевой по тел. 29 111 222.",
     "координатору проекта"),
    ("Contact person: project manager Ms Inga Ozola, tel. 654 76 012", "project manager"),
    ("Kontaktpersona ir projekta vadītāja Anna Kalniņa.", "projekta vadītāja"),
]


@pytest.mark.parametrize(("text", "role"), ROLES)
def test_role_without_its_lead_in(text: str, role: str) -> None:
    assert _one(text)["role"] == role


# roles that are whole stay whole: a conjunction or 'of' inside, the role word first
WHOLE_ROLES = [
    ("Kontaktpersona: Sabiedrisko attiecību un ārējo sakaru nodaļas vadītāja Ilze Liepa, "
     "tālr. 64 622 315", "Sabiedrisko attiecību un ārējo sakaru nodaļas vadītāja"),
    ("Prepared by: Mg. Sandra Vītola, Head of Development Department",
     "Head of Development Department"),
    ("Информацию подготовил специалист по связям с общественностью Андрей Петров, "
     "тел. 654 04 321.", "специалист по связям с общественностью"),
]


@pytest.mark.parametrize(("text", "role"), WHOLE_ROLES)
def test_whole_roles_unchanged(text: str, role: str) -> None:
    assert _one(text)["role"] == role


# a byline with the surname in capitals after an author cue without a colon: the cue word is
# no first name ('Подготовила Ирина ВОЛКОВА' gave the name 'Подготовила Ирина ВОЛКОВА')
CAPS_AFTER_CUE = [
    ("Партнёры встретились в Валге.\n\nПодготовила Ирина ВОЛКОВА", "Ирина ВОЛКОВА"),
    ("Partneri tikās Valgā.\n\nSagatavoja Anna KALNIŅA", "Anna KALNIŅA"),
    ("Partneri tikās Valgā.\n\nAutors Jānis OZOLS", "Jānis OZOLS"),
    ("Partners met in Valga.\n\nWritten by Mary JONES", "Mary JONES"),
    ("Partneri tikās Valgā.\n\nInformāciju sagatavoja Anna KALNIŅA, sabiedrisko attiecību "
     "speciāliste", "Anna KALNIŅA"),
    ("Партнёры встретились в Валге.\n\nАвтор: Ирина ВОЛКОВА, тел. 29 111 222", "Ирина ВОЛКОВА"),
]


@pytest.mark.parametrize(("text", "name"), CAPS_AFTER_CUE)
def test_caps_byline_after_a_cue(text: str, name: str) -> None:
    assert [r["name"] for r in facts(text, "contacts")] == [name]


def test_caps_byline_alone_unchanged() -> None:
    assert [r["name"] for r in facts("Partneri tikās Valgā.\n\nAnna KALNIŅA", "contacts")] == [
        "Anna KALNIŅA"]
    assert facts("Partneri tikās Valgā.\n\nSagatavoja KALNIŅA", "contacts") == []
    assert facts("Partners met.\n\nAuthor: EU SECRETARIAT", "contacts") == []
    assert facts("By the end of May ERAF funds were spent.", "contacts") == []


# a signature block whose phone stands alone on its line, before or after the e-mail
PHONE_LINE = [
    ("Media contact:\nLaura Ozola\nCommunication manager, Riga City Council\n"
     "laura.ozola@riga.lv\n+371 67 012 345", "+37167012345", "laura.ozola@riga.lv"),
    ("Media contact:\nLaura Ozola\n+371 67 012 345\nlaura.ozola@riga.lv",
     "+37167012345", "laura.ozola@riga.lv"),
    ("Kontaktpersona:\nAnna Liepa\nanna.liepa@valka.lv\n29 111 222",
     "+37129111222", "anna.liepa@valka.lv"),
    ("Контактное лицо:\nОльга Миронова\nmironova@pskov.ru\n8 (8112) 66-17-20",
     "+78112661720", "mironova@pskov.ru"),
]


@pytest.mark.parametrize(("text", "phone", "email"), PHONE_LINE)
def test_phone_alone_on_a_block_line(text: str, phone: str, email: str) -> None:
    row = _one(text)
    assert (row["phone"], row["email"]) == (phone, email)


# a year or a date alone on the next line is no phone and does not extend the block
NOT_PHONE_LINE = [
    "Kontaktpersona: Anna Liepa, anna.liepa@valka.lv\n12.03.2019",
    "Kontaktpersona: Anna Liepa, anna.liepa@valka.lv\n2019\nPartneri tikās Valgā.",
]


@pytest.mark.parametrize("text", NOT_PHONE_LINE)
def test_no_phone_from_a_date_line(text: str) -> None:
    assert _one(text)["phone"] is None


# one-letter labels of a signature's lines ('T. 64 100 200', 'M: ...')
LETTER_LABELS = [
    ("Sabiedrisko attiecību speciāliste\nLīga Ozola\nT. 64 100 200", "+37164100200"),
    ("Kontaktpersona:\nLīga Ozola\nT: 64 100 200\nM: +371 29 111 222\nE: liga.ozola@valka.lv",
     "+37164100200;+37129111222"),
    ("Media contact:\nTom Harris\nCommunications Manager\nT: +44 20 7946 0958", "+442079460958"),
]


@pytest.mark.parametrize(("text", "phone"), LETTER_LABELS)
def test_one_letter_phone_labels(text: str, phone: str) -> None:
    assert _one(text)["phone"] == phone


def test_letter_and_year_is_no_phone() -> None:
    assert _one("Kontaktpersona: Līga Ozola\nA. 2019\nPartneri tikās.")["phone"] is None


# names with small lower-case words inside (partners from NL, BE, DE, PT)
PARTICLES = [
    ("Contact person: Jan van der Berg, tel. +31 20 123 4567", "Jan van der Berg"),
    ("Contact: Maria da Silva, project officer, maria.silva@example.pt", "Maria da Silva"),
    ("Partners met in Valga.\n\nAuthor: Ursula von Stein", "Ursula von Stein"),
    ("Kontaktpersona: Pieter de Vries, tālr. +32 2 123 45 67", "Pieter de Vries"),
]


@pytest.mark.parametrize(("text", "name"), PARTICLES)
def test_names_with_particles(text: str, name: str) -> None:
    assert _one(text)["name"] == name


# a particle never starts or ends a name, and place names with one are no contacts
NO_PARTICLE_NAMES = [
    "Partners from Rio de Janeiro and Porto met in Valga.",
    "The University of Applied Sciences in Valmiera and Rīga de facto work together.",
]


@pytest.mark.parametrize("text", NO_PARTICLE_NAMES)
def test_no_names_from_particles(text: str) -> None:
    assert facts(text, "contacts") == []
