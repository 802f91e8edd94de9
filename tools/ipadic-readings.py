#!/usr/bin/env python3
"""Builds the reading list of the ICU fallback from the IPADIC sources (Debian package mecab-ipadic).

Usage: python3 tools/ipadic-readings.py [/usr/share/mecab/dic/ipadic]
Writes src/HelpCenter.Search/Analysis/Readings/ipadic-readings.tsv.gz: one line per written form that has a
kanji (common nouns, verbal and adjectival nouns, verbs and adjectives in every conjugated form, adverbs,
prefixes, suffixes), a tab, and its reading in hiragana. When a form has several readings, the one IPADIC
rates most common (lowest word cost) is kept. Names of people, places and organisations are left out: they
are many and would break ordinary words apart. The list is general Japanese, not this help center's content.
"""
import csv
import gzip
import os
import re
import sys

SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/mecab/dic/ipadic"
TARGET = "src/HelpCenter.Search/Analysis/Readings/ipadic-readings.tsv.gz"
FILES = ["Noun.csv", "Noun.verbal.csv", "Noun.adjv.csv", "Noun.adverbal.csv", "Noun.nai.csv", "Noun.others.csv",
         "Adverb.csv", "Adj.csv", "Verb.csv", "Prefix.csv", "Suffix.csv", "Adnominal.csv", "Conjunction.csv"]
KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆ヶ]")
KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")


def hiragana(text):
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


best = {}
for name in FILES:
    with open(os.path.join(SOURCE, name), encoding="euc_jp") as source:
        for row in csv.reader(source):
            surface, cost, reading = row[0], int(row[3]), row[11] if len(row) > 11 else "*"
            if not KANJI.search(surface) or not KATAKANA.match(reading):
                continue
            if surface not in best or cost < best[surface][0]:
                best[surface] = (cost, hiragana(reading))

os.makedirs(os.path.dirname(TARGET), exist_ok=True)
lines = "".join(f"{surface}\t{reading}\n" for surface, (_, reading) in sorted(best.items()))
# mtime=0: the same sources give the same bytes.
with open(TARGET, "wb") as target, gzip.GzipFile(fileobj=target, mode="wb", compresslevel=9, mtime=0, filename="") as out:
    out.write(lines.encode("utf-8"))
print(f"{len(best)} written forms -> {TARGET} ({os.path.getsize(TARGET)} bytes)")
