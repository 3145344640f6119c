#!/usr/bin/env python3
"""Fills a Qt .ts file's translations from a table; used once per new string set by a person
who checked the wording. Usage: translate.py FILE.ts TABLE.tsv"""
import sys
import xml.etree.ElementTree as ET

ts_path, table_path = sys.argv[1], sys.argv[2]
table = {}
with open(table_path, encoding="utf-8") as handle:
    for line in handle:
        if line.strip() and not line.startswith("#"):
            source, translation = line.rstrip("\n").split("\t")
            table[source] = translation
tree = ET.parse(ts_path)
missing = []
for message in tree.iter("message"):
    source = message.find("source").text
    translation = message.find("translation")
    if source in table:
        translation.text = table[source]
        translation.attrib.pop("type", None)
    elif translation.get("type") == "unfinished":
        missing.append(source)
tree.write(ts_path, encoding="utf-8", xml_declaration=True)
if missing:
    print("untranslated:", *missing, sep="\n  ")
    sys.exit(1)
