#!/usr/bin/env python3
"""Adds or replaces UI strings in the three shared resource files.

Usage: python3 tools/add-strings.py strings.tsv
Each line of the TSV: key<TAB>Japanese<TAB>English<TAB>Chinese. "\\n" in a value becomes a line break.
The .resx files stay sorted by key, so diffs stay small.
"""
import re
import sys
from xml.sax.saxutils import escape

FILES = {
    1: "src/HelpCenter/Resources/Localization.SharedResource.resx",
    2: "src/HelpCenter/Resources/Localization.SharedResource.en.resx",
    3: "src/HelpCenter/Resources/Localization.SharedResource.zh-Hans.resx",
}
ENTRY = re.compile(r'  <data name="([^"]+)" xml:space="preserve"><value>(.*?)</value></data>\n', re.S)

rows = []
for number, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    parts = line.split("\t")
    if len(parts) != 4:
        sys.exit(f"{sys.argv[1]}:{number}: expected 4 columns, got {len(parts)}")
    rows.append(parts)

for column, path in FILES.items():
    text = open(path, encoding="utf-8").read()
    entries = dict(ENTRY.findall(text))
    for row in rows:
        entries[row[0]] = escape(row[column].replace("\\n", "\n"))
    start = text.index("  <data ")
    end = text.rindex("</data>\n") + len("</data>\n")
    body = "".join(f'  <data name="{k}" xml:space="preserve"><value>{v}</value></data>\n' for k, v in sorted(entries.items()))
    open(path, "w", encoding="utf-8").write(text[:start] + body + text[end:])
    print(f"{path}: {len(entries)} strings")
