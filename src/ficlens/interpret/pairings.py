"""Declared pairings in author's notes: "NarutoXSakura", "Naruto x Sakura", "Naruto/Sakura",
"NaruSaku" (romantic) and "Naruto & Sakura" (platonic)."""

from __future__ import annotations

import re

from ficlens.document import Document
from ficlens.model import Character, Pairing
from ficlens.pipeline import stage

_NAME = r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?"
_JOINED = re.compile(rf"\b({_NAME})\s*(/|&|\s[xX×]\s|×|X)\s*({_NAME})\b")
_PORTMANTEAU = re.compile(r"\b([A-Z][a-z]{2,5})([A-Z][a-z]{2,5})\b")


def _name_parts(character: Character) -> list[str]:
    """Every word of every name the character goes by: "Sakura Haruno" -> Sakura, Haruno."""
    return [
        part for form in (character.name, *character.aliases) for part in re.split(r"[\s\-]", form)
    ]


def _lookup(characters: list[Character], name: str) -> Character | None:
    wanted = name.lower()
    for character in characters:
        forms = {form.lower() for form in (character.name, *character.aliases)}
        if wanted in forms or wanted in {part.lower() for part in _name_parts(character)}:
            return character
    return None


def _by_prefix(characters: list[Character], prefix: str) -> Character | None:
    matches = [
        c
        for c in characters
        if c.inner_voice_of is None
        and any(
            part[:1].isupper() and part.lower().startswith(prefix.lower())
            for part in _name_parts(c)
        )
    ]
    return matches[0] if len(matches) == 1 else None


def _character_for(doc: Document, name: str) -> Character:
    found = _lookup(doc.characters, name)
    if found is None:  # declared but never named in the story
        found = Character(id=f"c{len(doc.characters) + 1}", name=name, aliases=[name])
        doc.characters.append(found)
    return found


def find_pairings(doc: Document, start: int, end: int, source: str) -> list[Pairing]:
    """Return the pairings declared in text[start:end]."""
    text = doc.view
    found: list[Pairing] = []
    for match in _JOINED.finditer(text, start, end):
        left, joint, right = match.group(1), match.group(2).strip(), match.group(3)
        known = _lookup(doc.characters, left) or _lookup(doc.characters, right)
        if known is None and joint not in ("X", "/"):
            continue  # "Tom & Jerry" in a note about something else
        a, b = _character_for(doc, left), _character_for(doc, right)
        if a.id != b.id:
            kind = "platonic" if joint == "&" else "romantic"
            found.append(
                Pairing(
                    start=match.start(),
                    end=match.end(),
                    characters=[a.id, b.id],
                    kind=kind,
                    source=source,
                )
            )
    for match in _PORTMANTEAU.finditer(text, start, end):
        a = _by_prefix(doc.characters, match.group(1))
        b = _by_prefix(doc.characters, match.group(2))
        if a and b and a.id != b.id and not _lookup(doc.characters, match.group()):
            found.append(
                Pairing(
                    start=match.start(),
                    end=match.end(),
                    characters=[a.id, b.id],
                    kind="romantic",
                    source=source,
                )
            )
    return found


@stage("pairings", needs=("characters",))
def pairing_stage(doc: Document) -> None:
    """Collect the pairings declared in disclaimers and author's notes."""
    pairings: list[Pairing] = tag_pairings(doc)
    for note in doc.paratext:
        pairings.extend(find_pairings(doc, note.start, note.end, note.kind))
    doc.pairings = pairings


def _declared_character(doc: Document, name: str) -> Character:
    """The character a relationship tag names: the full name, else a part of it ("Sakura")."""
    found = _lookup(doc.characters, name)
    parts = sorted(re.split(r"[\s\-]", name), key=len, reverse=True)
    for part in parts:
        if found is not None:
            break
        if len(part) > 2 and part.rstrip(".") == part:
            found = _lookup(doc.characters, part)
    return found or _character_for(doc, name)


def tag_pairings(doc: Document) -> list[Pairing]:
    """Pairings from the work's relationship tags (source "tags"; the span is empty, at 0)."""
    found: list[Pairing] = []
    if doc.work is None:
        return found
    for relationship in doc.work.relationships:
        if len(relationship.characters) < 2:
            continue
        ids: list[str] = []
        for name in relationship.characters:
            character = _declared_character(doc, name)
            if character.id not in ids:
                ids.append(character.id)
        if len(ids) >= 2:
            found.append(
                Pairing(start=0, end=0, characters=ids, kind=relationship.kind, source="tags")
            )
    return found
