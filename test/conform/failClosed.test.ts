import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanTree } from '../../src/conform/scanTree.js';
import { runMnc } from '../cli/util/runMnc.js';
import { fixtureTree } from './util/fixtureTree.js';
import { SEED_PATCH_PATH, seedPatchText } from './util/seedPatch.js';

const OK_C = 'void f(struct vm_area_struct *vma) { mmu_notifier_range_init(&r, MMU_NOTIFY_UNMAP, 0, vma, vma->vm_mm, 0, 1); }\n';

describe('the conform gate fails closed', () => {
  it('a source file that cannot be opened is an error, not a note (review D5)', async () => {
    const root = fixtureTree({ 'mm/ok.c': OK_C });
    symlinkSync(join(root, 'mm/nowhere'), join(root, 'mm/hidden.c')); // unreadable whoever runs the test (EACCES needs a non-root user)
    const s = await scanTree(root);
    expect(s.notes.filter((n) => n.file === 'mm/hidden.c').map((n) => [n.severity, n.message])).toEqual([
      ['error', 'not checked: cannot open (ENOENT); the gate cannot pass what it could not read'],
    ]);
  });

  it('a .c symlink to a FIFO is skipped as not a regular file, not waited on forever (review D10)', async () => {
    const root = fixtureTree({ 'mm/ok.c': OK_C });
    execFileSync('mkfifo', [join(root, 'thefifo')]);
    symlinkSync(join(root, 'thefifo'), join(root, 'mm/pipe.c'));
    const s = await scanTree(root);
    expect(s.notes.filter((n) => n.file === 'mm/pipe.c').map((n) => [n.severity, n.message])).toEqual([['note', 'skipped: not a regular file']]);
  }, 20_000);

  it('patch mode: a vma the catalog does not know in that function is an error (review D4; was a PASS with a model-skipped note)', async () => {
    const lines = seedPatchText().split('\n');
    expect(lines[348]).toBe('+ mmu_notifier_range_init(&range, MMU_NOTIFY_UNMAP, vma, vma->vm_mm,');
    lines[348] = lines[348]!.replace('MMU_NOTIFY_UNMAP, vma,', 'MMU_NOTIFY_UNMAP, other_vma,');
    const p = join(mkdtempSync(join(tmpdir(), 'mnc-d4-')), 'mod.patch');
    writeFileSync(p, lines.join('\n'));
    const r = await runMnc('conform', '--patch', p, '--no-model');
    expect(r.out).toMatch(
      /mm\/memory\.c:\d+: error: vma passed in zap_page_range\(\) is `other_vma`, which is not a vma in scope \(the catalog's vmas in scope: `vma`\) \[vma-not-in-scope\]/,
    );
    expect(r.code).toBe(1);
  });
  it('a model check cut off by --max-seconds fails the gate, naming the site and the budget (review D5; was a PASS with a note); exit 3 when only budgets failed it', async () => {
    const tiny = ['conform', '--patch', SEED_PATCH_PATH, '--max-seconds', '0.000001'];
    const text = await runMnc(...tiny);
    expect(text.code).toBe(3); // incomplete: every error is a check its budget cut off
    const error = /^mm\/hugetlb\.c:\d+: error: model check of site 8 \(\w+\) not finished: (.*)$/m.exec(text.out);
    expect(error?.[1]).toBe(
      'scenario hugetlb-punch-hole-vs-kvm-fault hit the --max-seconds budget (0.000001 s); ' +
        'the gate cannot pass what it could not check: raise --max-seconds [model-skipped]',
    );
    expect(text.out).toMatch(/errors: FAIL$/m);
    const jsonRun = await runMnc(...tiny, '--format', 'json');
    expect(jsonRun.code).toBe(3);
    const json = JSON.parse(jsonRun.out);
    expect(json.verdict).toBe('fail'); // the report fails closed; only the exit code says incomplete
    const errors = json.diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d: { incomplete?: boolean }) => d.incomplete === true)).toBe(true);
    expect(json.sites.find((s: { catalogId: string }) => s.catalogId === '8').status).toBe('unchecked');
    const sarif = JSON.parse((await runMnc(...tiny, '--format', 'sarif')).out);
    const skipped = sarif.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === 'model-skipped');
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((x: { level: string }) => x.level === 'error')).toBe(true);
    expect(skipped.every((x: { properties?: { incomplete?: boolean } }) => x.properties?.incomplete === true)).toBe(true);
    const junit = await runMnc(...tiny, '--format', 'junit');
    expect(junit.code).toBe(3);
    expect(junit.out).toMatch(/<failure type="unchecked" message="error: model check of site 8 /);
  }, 60_000);

  it('a budget cut beside any other error exits 1: the gate fails, it is not merely incomplete', async () => {
    const lines = seedPatchText().split('\n');
    lines[348] = lines[348]!.replace('MMU_NOTIFY_UNMAP, vma,', 'MMU_NOTIFY_UNMAP, other_vma,');
    const p = join(mkdtempSync(join(tmpdir(), 'mnc-mixed-')), 'mod.patch');
    writeFileSync(p, lines.join('\n'));
    const r = await runMnc('conform', '--patch', p, '--max-seconds', '0.000001');
    expect(r.out).toMatch(/error: model check of site \d+ \(\w+\) not finished: .*\[model-skipped\]$/m);
    expect(r.out).toMatch(/error: vma passed in zap_page_range\(\) is `other_vma`.*\[vma-not-in-scope\]$/m);
    expect(r.code).toBe(1);
  }, 60_000);
});
