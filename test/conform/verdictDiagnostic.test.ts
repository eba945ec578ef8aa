/** The gate's diagnostic per model verdict: what it could not check fails the gate (an error), like a file it could not read. */
import { describe, expect, it } from 'vitest';
import { verdictDiagnostic } from '../../src/conform/verdictDiagnostic.js';
import type { KnownSite } from '../../src/conform/KnownSite.js';
import type { RangeInit } from '../../src/conform/RangeInit.js';
import { CONFORM_BUDGET } from '../../src/cli/conformCatalog.js';

const call = { file: 'mm/memory.c', line: 10, named: { event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } } as unknown as RangeInit;
const site = { id: '16', file: 'mm/memory.c', function: 'unmap_vmas', event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } as KnownSite;

describe('verdictDiagnostic', () => {
  it('a check that could not run (a model error, a scenario that cannot be built) is an error, not a note', () => {
    const d = verdictDiagnostic(call, site, { status: 'error', reason: 'scenario munmap-vs-kvm-read: model error: no vma' });
    expect(d).toEqual({
      file: 'mm/memory.c',
      line: 10,
      severity: 'error',
      code: 'model-skipped',
      message:
        'model check of site 16 (unmap_vmas) could not run: scenario munmap-vs-kvm-read: model error: no vma; the gate cannot pass what it could not check',
    });
  });

  it("a check its budget cut off names the budget as the command set it (conform's --max-seconds, the nightly's fixed one)", () => {
    const conform = verdictDiagnostic(call, site, { status: 'unfinished', scenario: 's', maxSeconds: 2, budget: CONFORM_BUDGET });
    expect(conform?.message).toBe(
      'model check of site 16 (unmap_vmas) not finished: scenario s hit the --max-seconds budget (2 s); the gate cannot pass what it could not check: raise --max-seconds',
    );
    const nightly = verdictDiagnostic(call, site, {
      status: 'unfinished',
      scenario: 's',
      maxSeconds: 60,
      budget: { name: "nightly's fixed", remedy: 'run mnc conform' },
    });
    expect(nightly?.severity).toBe('error');
    expect(nightly?.message).toMatch(/hit the nightly's fixed budget \(60 s\); the gate cannot pass what it could not check: run mnc conform$/);
    expect(nightly?.message).not.toContain('raise --max-seconds');
  });

  it('a site no scenario covers stays a note (a gap in the model, reported, not a failed check)', () => {
    expect(verdictDiagnostic(call, site, { status: 'skipped', reason: 'no scenario checks site 16 yet' })?.severity).toBe('note');
    expect(verdictDiagnostic(call, site, { status: 'pass' })).toBeUndefined();
  });
});
