/** `mnc ops`: every operation a scenario can name, from the registry. */
import { describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';
import { defaultRegistry } from '../../model/scenario/defaultRegistry.js';

interface Op {
  name: string;
  group: string;
  args: { name: string; type: string; required: boolean }[];
  models: string;
  sites: number[];
  steps: string[];
}

describe('mnc ops', () => {
  it('--json lists every registered program with its arguments, types, kernel function and sites', async () => {
    const r = await runMnc('ops', '--json');
    expect(r.code).toBe(0);
    const ops = JSON.parse(r.out) as Op[];
    expect(ops.map((o) => o.name).sort()).toEqual(defaultRegistry().names().sort());
    const dontneed = ops.find((o) => o.name === 'madvise_dontneed')!;
    expect(dontneed.args).toEqual([
      { name: 'mm', type: 'mm (index into mms)', required: true },
      { name: 'start', type: 'page (address in pages)', required: true },
      { name: 'end', type: 'page (address in pages)', required: true },
    ]);
    expect(dontneed.models).toBe('mm/madvise.c:madvise');
    const zap = ops.find((o) => o.name === 'zap_page_range')!;
    expect(zap.sites).toEqual([17]);
    expect(ops.find((o) => o.name === 'kvm.invalidate_range_end')).toMatchObject({ group: 'mirror kvm', steps: ['mmu_notifier_count--'] });
  });
  it('the text lists them by group', async () => {
    const r = await runMnc('ops');
    expect(r.out).toMatch(/^## core$/m);
    expect(r.out).toMatch(/^cpu_access \{mm: mm \(index into mms\), addr: page \(address in pages\), write: boolean\}$/m);
    expect(r.out).toMatch(/^ {4}models mm\/memory\.c:zap_page_range; sites #17$/m);
  });
});
