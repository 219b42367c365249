#!/usr/bin/env python3
"""gen-entities.py — writes src/extract/html_entities.c from Python's
html.entities.html5 table (the HTML5 named character references).
usage: python3 src/extract/gen-entities.py > src/extract/html_entities.c"""
import html.entities


def c_string(text):
    return '"' + ''.join('\\x%02x' % b for b in text.encode('utf-8')) + '"'


print("""/*
 * html_entities.c — the HTML5 named character references, generated from
 * Python's html.entities.html5 table by src/extract/gen-entities.py (do not
 * edit).  Sorted by name (byte order) for binary search.  Names include the
 * ';' when the reference requires it; legacy names without ';' are listed
 * too.
 */
#include "extract/html_internal.h"

const an_html_entity an_html_entities[] = {""")
for name, text in sorted(html.entities.html5.items()):
    print('  {"%s", %s},' % (name, c_string(text)))
print("""};

const size_t an_html_entity_count =
    sizeof an_html_entities / sizeof an_html_entities[0];""")
