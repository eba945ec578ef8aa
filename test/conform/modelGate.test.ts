import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMnc } from '../cli/util/runMnc.js';
import { seedPatchText } from './util/seedPatch.js';

/** The seed patch cut down to the header and one site (unmap_vmas, #16), with `event` there. */
function oneSitePatch(event: string): string {
  const blocks = seedPatchText().split(/\n(?=diff --git )/);
  const header = blocks.find((b) => b.startsWith('diff --git a/include/linux/mmu_notifier.h'))!;
  const memory = blocks.find((b) => b.startsWith('diff --git a/mm/memory.c'))!;
  const head = memory.slice(0, memory.indexOf('\n@@'));
  const hunk = /\n@@ -1333,7 [\s\S]*?(?=\n@@)/.exec(memory)![0];
  return `${header}\n${head}${hunk.replace('MMU_NOTIFY_UNMAP', event)}\n`;
}

describe("mnc conform feeds each site's event and vma to the model", () => {
  const dir = mkdtempSync(join(tmpdir(), 'mnc-conform-model-'));

  it('the seed event at unmap_vmas passes the model', async () => {
    const p = join(dir, 'unmap.patch');
    writeFileSync(p, oneSitePatch('MMU_NOTIFY_UNMAP'));
    const r = await runMnc('conform', '--patch', p, '--format', 'json');
    const j = JSON.parse(r.out);
    expect(j.sites.map((s: { catalogId: string; status: string }) => [s.catalogId, s.status])).toEqual([['16', 'ok']]);
    expect(j.diagnostics.filter((d: { code: string }) => d.code === 'model-violation')).toEqual([]);
  });

  it('a protection event on a site that unmaps fails the gate with the counterexample', async () => {
    const p = join(dir, 'protect.patch');
    writeFileSync(p, oneSitePatch('MMU_NOTIFY_PROTECTION_VMA'));
    const r = await runMnc('conform', '--patch', p);
    expect(r.code).toBe(1);
    // the counterexample follows the error, indented: the violation, then one line per step
    expect(r.out).toMatch(/\[model-violation\]\n {4}violation of \S+ \(\w+\): .*\n(?: {8}.*\n)* {6}trace: (\d+) steps\n( {6} *\d+\. .*\n)+/);
    const error = /^mm\/memory\.c:1337: error: model: site 16 \(unmap_vmas\) with MMU_NOTIFY_PROTECTION_VMA, vma vma: (.*)$/m.exec(r.out);
    expect(error?.[1]).toMatch(/^scenario \S+: .*counterexample of \d+ steps; replay with mnc check --events seed --site 16 .*\[model-violation\]$/);
  });
});
