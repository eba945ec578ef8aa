import { describe, expect, it } from 'vitest';
import { sarifUri } from '../../src/report/sarifUri.js';
import { visibleText } from '../../src/report/visibleText.js';
import { runMnc } from '../cli/util/runMnc.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A patch adding one old-form call in a file whose name has a space and an escape sequence. */
function patchAdding(file: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'mnc-d16-')), 'odd.patch');
  writeFileSync(
    p,
    `--- a/${file}\n+++ b/${file}\n@@ -1,2 +1,3 @@\n void f(struct vm_area_struct *vma)\n {\n+\tmmu_notifier_range_init(&r, MMU_NOTIFY_UNMAP, 0, vma, vma->vm_mm, 0, 1);\n`,
  );
  return p;
}

describe('report output safe for its readers (review D16)', () => {
  it('SARIF uris are percent-encoded per segment (uri-reference)', async () => {
    expect(sarifUri('mm/my file.c')).toBe('mm/my%20file.c');
    expect(sarifUri('mm/a#b?.c')).toBe('mm/a%23b%3F.c');
    const r = await runMnc('conform', '--patch', patchAdding('mm/my file.c'), '--no-model', '--format', 'sarif');
    const uris = JSON.parse(r.out).runs[0].results.flatMap((x: { locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      (x.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri),
    );
    expect(uris).toContain('mm/my%20file.c'); // was "mm/my file.c": invalid under the SARIF 2.1.0 schema
    for (const u of uris) expect(u).toMatch(/^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*$/);
  });

  it('text output shows control characters as \\xNN: a file name cannot send terminal escapes', async () => {
    expect(visibleText('mm/\x1b[31mred.c')).toBe('mm/\\x1b[31mred.c');
    expect(visibleText('a\nb\tc', true)).toBe('a\nb\tc');
    const r = await runMnc('conform', '--patch', patchAdding('mm/\x1b[31mred.c'), '--no-model');
    expect(r.out).not.toContain('\x1b');
    expect(r.out).toContain('mm/\\x1b[31mred.c');
  });
});
