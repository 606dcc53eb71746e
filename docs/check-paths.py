#!/usr/bin/env python3
"""Checks that the files, folders, classes, functions and targets a Markdown document
names (in `code spans` and links) exist in the tree, so that the docs follow the code.

    python3 docs/check-paths.py [DOC.md...]     (default: docs/architecture.md CONTRIBUTING.md)

A path must be in the tree; a class, function or target name must appear in the code.
Names of an example (`Acme…`) and placeholders (BUILD_DIR, /path/to) are not checked.
Exit status 1 when something is missing."""
import os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
docs = sys.argv[1:] or ['docs/architecture.md', 'CONTRIBUTING.md']
files = subprocess.run(['git', 'ls-files'], cwd=root, capture_output=True, text=True).stdout.split()
# the documents themselves, even before they are committed
files += [d for d in docs]
fileset = set(files)
dirs = set()
for f in files:
    parts = f.split('/')
    for i in range(1, len(parts)):
        dirs.add('/'.join(parts[:i]))
basenames = {os.path.basename(f) for f in files}
code = {}
for f in files:
    if f.endswith(('.h', '.cpp', '.txt', '.sh', '.py')) or f == '.clang-format':
        try:
            code[f] = open(os.path.join(root, f), encoding='utf-8', errors='replace').read()
        except FileNotFoundError:
            pass
alltext = '\n'.join(code.values())

HYPOTHETICAL = re.compile(r'acme|Acme|BUILD_DIR|/path/to|\$|~|/tmp/|NAME|FILE')
bad = []
PROSE = {'PascalCase', 'Helper', 'Release', 'Widgets', 'Qt', 'Accept', 'Link', 'PUBLIC', 'PRIVATE'}
for doc in docs:
    text = open(os.path.join(root, doc), encoding='utf-8').read()
    base = os.path.dirname(doc)
    tokens = re.findall(r'`([^`\n]+)`', text)
    links = re.findall(r'\]\(([^)\s]+)\)', text)
    for link in links:
        if link.startswith(('http', '#')):
            continue
        path = os.path.normpath(os.path.join(base, link.split('#')[0]))
        if path not in fileset and path not in dirs:
            bad.append((doc, 'link', link))
    for tok in tokens:
        for word in re.split(r'[\s,()]+', tok):
            word = word.strip('.;:')
            if not word or HYPOTHETICAL.search(word):
                continue
            if re.match(r'^(models|ui|app|tests|docs|installer|resources|\.ci)(/|$)', word) or word.endswith('.md'):
                w = word.split('#')[0].rstrip('/')
                if '*' in w:
                    import fnmatch
                    ok = any(fnmatch.fnmatch(f, w) for f in fileset)
                elif w.endswith('.md') and '/' not in w:
                    ok = w in basenames
                else:
                    ok = w in fileset or w in dirs
                if not ok:
                    bad.append((doc, 'path', word))
            elif re.match(r'^[A-Za-z0-9_.-]+\.(h|cpp|sh|txt|dict)$', word):
                if word not in basenames:
                    bad.append((doc, 'file', word))
            elif re.match(r'^[A-Z][A-Za-z0-9]+(::[A-Za-z_~][A-Za-z0-9_]*)?(\(\))?$', word):
                cls = word.split('::')[0].rstrip('()')
                if cls in PROSE or (cls.isupper() and '::' not in word):
                    continue
                if not re.search(r'\b' + cls + r'\b', alltext):
                    bad.append((doc, 'class', word))
                elif '::' in word:
                    member = word.split('::')[1].rstrip('()')
                    if not re.search(r'\b' + re.escape(member) + r'\b', alltext):
                        bad.append((doc, 'member', word))
            elif re.match(r'^(devdash_[a-z_]+|tst_[a-z_]+|bench_[a-z_]+|fuzz_[a-z_]+|gen_repo)$', word):
                if not re.search(r'\b' + word + r'\b', alltext):
                    bad.append((doc, 'target', word))
            elif re.match(r'^[a-z][A-Za-z0-9]+\(?\)?$', word) and re.search(r'[A-Z]', word):
                # camelCase function names
                name = word.rstrip('()')
                if not re.search(r'\b' + name + r'\b', alltext):
                    bad.append((doc, 'function', word))
for b in bad:
    print('%s: %s not found: %s' % b)
print('%d problem(s)' % len(bad))
sys.exit(1 if bad else 0)
