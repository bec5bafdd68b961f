"""Build `auditor/label/names/given_names_faker.txt` and `family_names_faker.txt` from the person
providers of Faker (MIT), run by hand, never at run time: the app reads the plain lists only.

    pip download faker==40.40.0 --no-deps -d /tmp/faker
    pip install english-words==2.0.2 wordfreq==3.1.1   # into any venv; the word guards below
    python scripts/build_faker_names.py /tmp/faker/faker-40.40.0-py3-none-any.whl

Faker's wheel is pure Python, so it is imported straight from the wheel (zipimport) and its
version checked. From every locale's person provider it takes the lists of given and family
names (`first_names*`, `last_names*`, `*_last_names`, and the romanised `first_romanized_names*`
/ `last_romanized_names` of Chinese and Japanese; a Japanese locale's (kanji, kana, romaji)
triples give their romaji), keeps the names written in Latin letters as one word (an apostrophe
or a hyphen inside; Uzbek Latin's typographic and modifier apostrophes read as "'", and such
a name also without it: "Ulug‘bek" -> "ulug'bek", "ulugbek"), writes each in title case and case-folded, adds the form without diacritics
("Yılmaz" -> "yilmaz", "Nguyễn" -> "nguyen", as names are often typed in English text), and
Yoruba names also in the orthography's spelling without the dot under "ṣ" (Faker's
"Folashade" -> "folasade"), and keeps only the names the lists already shipped
(`given_names.txt`, `family_names.txt`) lack.

Precision guards, as Faker's lists hold ordinary words of some languages and a few odd entries
("November", "Texas", "Parts"): a name is dropped when it has fewer than three letters ("An",
"Bo", "Li" start or end too many capitalised pairs); when it is an everyday English word, written
in lower case in the Webster's Second International word list of `english-words` (`web2`:
"rose", "ace", "tanner") or such a word with an ending ("parts", "cases", "renders"); when it is
frequent in English text (a Zipf frequency of 3.5 or more in `wordfreq`: "sunday", "metro",
"fifa"; a name that famous is in the shipped lists already or is left out; not asked of names
with a hyphen or an apostrophe, "Jean-Marc", "O'Brien", which are no English words); or when it is a city
or country of the lists in `auditor/label/places/` ("Washington", "Africa", "Bristol").
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

FAKER_VERSION = "40.40.0"
NAMES_DIR = Path(__file__).resolve().parent.parent / "auditor" / "label" / "names"
# Letters a Latin name is folded to where Unicode decomposition gives no base letter.
_FOLD = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ə": "e",
        "ħ": "h",
        "ŋ": "ng",
    }
)


# Apostrophes written with typographic or modifier letters: Uzbek Latin marks its letters oʻ and
# gʻ and the glottal stop (tutuq belgisi) with ʻ and ʼ, which Faker's uz_UZ lists write as ‘ and ’
# ("Ulug‘bek", "Ja’far"); read as the ASCII apostrophe of "O'Brien".
_APOSTROPHES = str.maketrans({"‘": "'", "’": "'", "ʻ": "'", "ʼ": "'"})


def latin_name(value: str) -> str | None:
    """`value` case-folded when it is one name in Latin letters, else None."""
    value = value.translate(_APOSTROPHES)
    if not value or not value[0].isalpha() or not value[-1].isalpha():
        return None
    for char in value:
        if char in "-'":
            continue
        if not char.isalpha() or not unicodedata.name(char, "").startswith("LATIN"):
            return None
    if value.isupper():  # romanised lists in capitals ("CHIA-HAO")
        value = value.title()
    return value.casefold()


def ascii_form(name: str) -> str:
    """`name` without diacritics ("yılmaz" -> "yilmaz")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def spellings(name: str, locale: str, raw: str = "") -> set[str]:
    """`name` as Faker writes it, without diacritics, and for Yoruba in its own orthography
    without the dot under "ṣ": Faker's Yoruba names use the English "sh" ("Folashade",
    "Adeshina"), the orthography "ṣ", which names typed without diacritics write "s"
    ("Folasade", "Adesina"). A name written with a modifier apostrophe (`_APOSTROPHES`) also
    without it, as it is usually typed in English text ("Ulugbek", "Jafar")."""
    forms = {name, ascii_form(name)}
    if raw != raw.translate(_APOSTROPHES):
        forms.add(ascii_form(name).replace("'", ""))
    if locale == "yo_NG" and "sh" in name:
        forms.add(ascii_form(name).replace("sh", "s"))
    return forms


def strings(value: object) -> Iterator[str]:
    """The strings of a provider's list, tuple, weighted dict or tuples of forms."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield from (key for key in value if isinstance(key, str))
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from strings(item)


def is_given_list(attribute: str) -> bool:
    return (
        attribute.startswith(("first_name", "first_romanized_name")) and "format" not in attribute
    )


def is_family_list(attribute: str) -> bool:
    return (
        ("last_name" in attribute or attribute.startswith("last_romanized_names"))
        and "format" not in attribute
        and "without_suffix" not in attribute  # Icelandic patronymic stems ("Aages")
    )


def provider_names(wheel: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(given, family): each name found, with the locales that list it."""
    sys.path.insert(0, str(wheel))
    faker = importlib.import_module("faker")
    if faker.VERSION != FAKER_VERSION:
        raise SystemExit(f"expected Faker {FAKER_VERSION}, got {faker.VERSION}")
    person = importlib.import_module("faker.providers.person")
    given: dict[str, set[str]] = {}
    family: dict[str, set[str]] = {}
    modules = [("default", person)] + [
        (info.name, importlib.import_module(f"faker.providers.person.{info.name}"))
        for info in pkgutil.iter_modules(person.__path__)
    ]
    for locale, module in modules:
        provider = module.Provider
        for attribute, value in vars(provider).items():
            if is_given_list(attribute):
                target = given
            elif is_family_list(attribute):
                target = family
            else:
                continue
            for raw in strings(value):
                name = latin_name(raw)
                if name is None:
                    continue
                for form in spellings(name, locale, raw):
                    target.setdefault(form, set()).add(locale)
    return given, family


def english_words() -> frozenset[str]:
    """Words Webster's Second writes in lower case: everyday words, not proper names."""
    from english_words import get_english_words_set

    return frozenset(
        word for word in get_english_words_set(["web2"], lower=False) if word.islower()
    )


_ENDINGS = ("s", "es", "ed", "ing", "er", "ers")


def is_word(name: str, words: frozenset[str]) -> bool:
    """`name` is an everyday English word or one with an ending ("parts", "renders")."""
    if name in words:
        return True
    return any(
        name.endswith(ending)
        and (name[: -len(ending)] in words or name[: -len(ending)] + "e" in words)
        for ending in _ENDINGS
        if len(name) - len(ending) >= 3
    )


def places() -> frozenset[str]:
    places_dir = NAMES_DIR.parent / "places"
    return frozenset(
        line.casefold()
        for list_name in ("cities.txt", "countries.txt")
        for line in (places_dir / list_name).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )


def kept(
    names: Iterable[str],
    shipped: frozenset[str],
    words: frozenset[str],
    place_names: frozenset[str],
) -> list[str]:
    from wordfreq import zipf_frequency

    return sorted(
        name
        for name in names
        if name not in shipped
        and sum(char.isalpha() for char in name) >= 3
        and not is_word(name, words)
        and (not name.isalpha() or zipf_frequency(name, "en") < 3.5)
        and name not in place_names
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help=f"faker-{FAKER_VERSION}-py3-none-any.whl")
    args = parser.parse_args()
    given, family = provider_names(args.wheel)
    words = english_words()
    place_names = places()
    for found, shipped_name, out_name in (
        (given, "given_names.txt", "given_names_faker.txt"),
        (family, "family_names.txt", "family_names_faker.txt"),
    ):
        shipped = frozenset((NAMES_DIR / shipped_name).read_text(encoding="utf-8").split())
        names = kept(found, shipped, words, place_names)
        (NAMES_DIR / out_name).write_text("".join(f"{name}\n" for name in names), encoding="utf-8")
        print(f"{out_name}: {len(names)} names ({len(found)} Latin-script in Faker)")


if __name__ == "__main__":
    main()
