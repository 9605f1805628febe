#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every language in po/LINGUAS must be complete for the sources as they
# are now, not only for the po/bulletin.pot last generated: the strings
# are extracted afresh from po/POTFILES.in (with the xgettext arguments
# po/meson.build uses for bulletin-pot), merged into each po/<lang>.po in
# a scratch folder, and msgfmt --check --statistics must report every
# message translated, none fuzzy or untranslated. What is missing is
# printed, msgid by msgid, so whoever added a string sees what to do.
#
# A language's data/<lang>/weekly-template.md must have as its two
# section headings the translations of the headings the checks name, or
# the structure check would name another heading than the template's;
# its default-library.ini's categories must be translations of the
# standard ones, or they would not sort as those.
#
#   check-translations.py SRCDIR [XGETTEXT ARGS...]           check (TAP)
#   check-translations.py --update SRCDIR [XGETTEXT ARGS...]  also write
#       the merged po/<lang>.po files back, then list what to translate
import os
import re
import shutil
import subprocess
import sys
import tempfile

HEADINGS = ['What else has been happening this week?', 'What’s happening next week?']


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def unquote(parts):
    s = ''.join(p[1:-1] for p in parts)
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s)


def entries(po):
    """(flags, msgctxt, msgid, [msgstr...]) of each live entry of po."""
    text = run(['msgcat', '--no-wrap', po], check=True).stdout
    for block in text.split('\n\n'):
        flags, fields, cur = '', {}, None
        for line in block.split('\n'):
            if line.startswith('#,'):
                flags += line
            elif line.startswith('#'):
                continue
            elif line.startswith('"') and cur:
                fields[cur].append(line)
            else:
                m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
                if m:
                    cur = m.group(1)
                    fields[cur] = [m.group(2)]
        if 'msgid' not in fields:
            continue
        msgid = unquote(fields['msgid'])
        if msgid == '':
            continue
        strs = [unquote(v) for k, v in sorted(fields.items()) if k.startswith('msgstr')]
        ctx = unquote(fields['msgctxt']) if 'msgctxt' in fields else None
        yield flags, ctx, msgid, strs


def main(argv):
    update = False
    if argv and argv[0] == '--update':
        update = True
        argv = argv[1:]
    if not argv:
        print('usage: check-translations.py [--update] SRCDIR [XGETTEXT ARGS...]', file=sys.stderr)
        return 2
    srcdir = os.path.abspath(argv[0])
    xgettext_args = argv[1:] or ['--from-code=UTF-8', '--add-comments', '--keyword=_', '--keyword=N_',
                                 '--keyword=C_:1c,2', '--keyword=NC_:1c,2', '--keyword=g_dngettext:2,3',
                                 '--keyword=g_dpgettext2:2c,3']
    podir = os.path.join(srcdir, 'po')
    with open(os.path.join(podir, 'LINGUAS')) as f:
        langs = [w for line in f for w in line.split('#')[0].split()]

    print('TAP version 13')
    print('1..%d' % (1 + 2 * len(langs)))
    failed = 0
    tmp = tempfile.mkdtemp(prefix='bulletin-po-')
    try:
        pot = os.path.join(tmp, 'bulletin.pot')
        r = run(['xgettext', '--package-name=bulletin', '-o', pot, '-D', srcdir,
                 '-f', os.path.join(podir, 'POTFILES.in')] + xgettext_args, cwd=srcdir)
        if r.returncode != 0 or not os.path.exists(pot):
            print('not ok 1 - strings extracted from po/POTFILES.in')
            print('# ' + r.stderr.replace('\n', '\n# '))
            return 1
        n = sum(1 for _ in entries(pot))
        print('ok 1 - %d strings extracted from po/POTFILES.in' % n)

        test = 1
        for lang in langs:
            test += 1
            po = os.path.join(podir, lang + '.po')
            merged = os.path.join(tmp, lang + '.po')
            problems = []
            if not os.path.exists(po):
                problems.append('po/%s.po does not exist (msginit -i po/bulletin.pot -l %s -o po/%s.po)'
                                % (lang, lang, lang))
            else:
                r = run(['msgfmt', '--check', '-o', '/dev/null', po])
                if r.returncode != 0:
                    problems.append('po/%s.po as committed:\n%s' % (lang, r.stderr))
                r = run(['msgmerge', '--quiet', '--previous', '-o', merged, po, pot])
                if r.returncode != 0:
                    problems.append('msgmerge failed:\n' + r.stderr)
            if not problems:
                r = run(['msgfmt', '--check', '--statistics', '-o', '/dev/null', merged])
                stats = r.stderr.strip()
                if r.returncode != 0:
                    problems.append('msgfmt --check:\n' + stats)
                todo = []
                for flags, ctx, msgid, strs in entries(merged):
                    if 'fuzzy' in flags:
                        todo.append(('fuzzy', ctx, msgid))
                    elif any(s == '' for s in strs):
                        todo.append(('untranslated', ctx, msgid))
                if todo or 'untranslated' in stats or 'fuzzy' in stats:
                    problems.append('%s (%s)' % (lang, stats))
                    for what, ctx, msgid in todo:
                        problems.append('  %s: %s%s' % (what, '[%s] ' % ctx if ctx else '', msgid.replace('\n', '\\n')))
                if update:
                    shutil.copyfile(merged, po)
            if problems:
                failed += 1
                print('not ok %d - po/%s.po is complete for the sources' % (test, lang))
                for p in problems:
                    print('# ' + p.replace('\n', '\n# '))
                print('# To update: tests/check-translations.py --update . then translate the above in po/%s.po'
                      % lang)
            else:
                print('ok %d - po/%s.po is complete for the sources (%s)' % (test, lang, stats))

            test += 1
            problems = []
            template = os.path.join(srcdir, 'data', lang, 'weekly-template.md')
            if os.path.exists(template) and os.path.exists(po):
                with open(template, encoding='utf-8') as f:
                    found = [l[3:].strip() for l in f if l.startswith('## ')][:2]
                want = {}
                for flags, ctx, msgid, strs in entries(po):
                    if ctx is None and msgid in HEADINGS:
                        want[msgid] = strs[0]
                for english, heading in zip(HEADINGS, found + [None] * 2):
                    if want.get(english) != heading:
                        problems.append('the template has “%s” where po/%s.po translates “%s” as “%s”'
                                        % (heading, lang, english, want.get(english)))
            library = os.path.join(srcdir, 'data', lang, 'default-library.ini')
            if os.path.exists(library) and os.path.exists(po):
                categories = {strs[0] for flags, ctx, msgid, strs in entries(po) if ctx == 'library category'}
                with open(library, encoding='utf-8') as f:
                    used = {l.split('=', 1)[1].strip() for l in f if l.startswith('Category=')}
                for category in sorted(used - categories):
                    problems.append('data/%s/default-library.ini has the category “%s”, which is none of '
                                    'po/%s.po\'s “library category” translations (%s)'
                                    % (lang, category, lang, ', '.join(sorted(categories))))
            if problems:
                failed += 1
                print('not ok %d - data/%s/ matches po/%s.po' % (test, lang, lang))
                for p in problems:
                    print('# ' + p)
            else:
                print('ok %d - data/%s/ matches po/%s.po%s'
                      % (test, lang, lang, '' if os.path.exists(template) else ' (no translated data)'))
    finally:
        shutil.rmtree(tmp)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
