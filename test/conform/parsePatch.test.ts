import { describe, expect, it } from 'vitest';
import { parsePatch } from '../../src/conform/parsePatch.js';
import { ConformInputError } from '../../src/conform/ConformInputError.js';
import { readPatch } from '../../src/conform/readPatch.js';

const GIT = `From: Someone
Subject: [PATCH] x

diff --git a/mm/a.c b/mm/a.c
index 1..2 100644
--- a/mm/a.c
+++ b/mm/a.c
@@ -10,4 +10,4 @@ static void f(struct vm_area_struct *vma)
 {
-	old();
+	new();
 	more();
 }
-- 
2.20.1
`;

describe('parsePatch', () => {
  it('reads a git patch; hunk counts end the hunk before the mail signature', () => {
    const p = parsePatch(GIT, 'p');
    expect(p.files).toHaveLength(1);
    const h = p.files[0]!.hunks[0]!;
    expect(p.files[0]!.newPath).toBe('mm/a.c');
    expect(h.header).toBe('static void f(struct vm_area_struct *vma)');
    expect(h.lines.map((l) => [l.op, l.text.trim(), l.oldLine ?? null, l.newLine ?? null])).toEqual([
      [' ', '{', 10, 10],
      ['-', 'old();', 11, null],
      ['+', 'new();', null, 11],
      [' ', 'more();', 12, 12],
      [' ', '}', 13, 13],
    ]);
    expect(p.repairs).toEqual([]);
  });

  it('tolerates mail-archive damage: context lines without the leading space, CRLF', () => {
    const mangled = GIT.replace(/\n \t?/g, '\n').replace(/\n/g, '\r\n');
    const p = parsePatch(mangled, 'p');
    expect(p.files[0]!.hunks[0]!.lines.map((l) => l.op).join('')).toBe(' -+  ');
    expect(p.repairs.length).toBeGreaterThan(0);
  });

  it('refuses a truncated patch, naming the input and the hunk', () => {
    const cut = GIT.slice(0, GIT.indexOf('\tmore();'));
    expect(() => parsePatch(cut, 'cut.patch')).toThrow(/^cut\.patch: truncated patch: the hunk at line 8 ends early/);
  });

  it('refuses text with no hunks', () => {
    expect(() => parsePatch('just a mail\n', 'mail.txt')).toThrow(ConformInputError);
    expect(() => parsePatch('just a mail\n', 'mail.txt')).toThrow('mail.txt: not a patch (no unified diff hunks found)');
  });

  it('readPatch refuses empty and binary input and reads non-UTF-8 as Latin-1 with a note', () => {
    expect(() => readPatch(new Uint8Array(0), 'e')).toThrow('e: empty patch');
    expect(() => readPatch(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]), 'bin')).toThrow('bin: binary file (contains NUL bytes)');
    const latin = Buffer.concat([Buffer.from('From: J\xe9r\xf4me\n', 'latin1'), Buffer.from(GIT)]);
    const r = readPatch(latin, 'l');
    expect(r.patch.files).toHaveLength(1);
    expect(r.notes.map((n) => n.message)).toContain('not valid UTF-8: read as Latin-1');
  });
});
