#!/usr/bin/env python3
"""note_links.py FILE.json — reads `qpdf --json` of a galley PDF and prints,
one a line, what its footnote links are: "refs N" (links from a reference
mark to a note), "backs N" (from a note's number back to its reference),
"page P->Q NAME" for a link on page P whose destination is on page Q, and
"untagged NAME" for a link with no place in the structure tree, and
"uri P URL" for a link to the web on page P.  Used by
tests/cli/tables_notes.sh."""
import json, sys

d = json.load(open(sys.argv[1]))
objs = d['qpdf'][1]
val = lambda ref: objs.get('obj:' + ref, {}).get('value')
page_of = {p['object']: p['pageposfrom1'] for p in d['pages']}

def names(node, out):
    """The entries of a name tree, its kids' too."""
    node = val(node) if isinstance(node, str) else node
    a = node.get('/Names', [])
    for i in range(0, len(a) - 1, 2):
        out[a[i][2:]] = a[i + 1]
    for k in node.get('/Kids', []):
        names(k, out)
    return out

cat = next(v['value'] for v in objs.values()
           if isinstance(v.get('value'), dict) and v['value'].get('/Type') == '/Catalog')
tree = val(cat['/Names'])['/Dests'] if '/Names' in cat else None
dests = names(tree, {}) if tree else {}
refs = backs = 0
for p in d['pages']:
    for a in val(p['object']).get('/Annots', []):
        a = val(a) if isinstance(a, str) else a
        name = a.get('/Dest', '')[2:] if isinstance(a.get('/Dest'), str) else ''
        uri = a.get('/A', {}) if isinstance(a.get('/A'), dict) else val(a['/A']) if '/A' in a else {}
        if a.get('/Subtype') == '/Link' and '/URI' in uri:
            print(f"uri {p['pageposfrom1']} {uri['/URI'][2:]}")
        if a.get('/Subtype') != '/Link' or not name.startswith(('note-', 'ref-')):
            continue
        refs += name.startswith('note-')
        backs += name.startswith('ref-')
        target = dests.get(name)
        print(f"page {p['pageposfrom1']}->{page_of.get(target[0]) if target else 'none'} {name}")
        if '/StructParent' not in a:
            print('untagged', name)
print('refs', refs)
print('backs', backs)
