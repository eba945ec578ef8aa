/**
 * Fidelity review §3 (HMM v5.0), FINDINGS D1: v5.0 has no in-tree hmm_mirror user, so the HMM
 * mirrors' driver steps cite Documentation/vm/hmm.rst, never nouveau_svm.c (added in v5.3).
 */
import { expect, it } from 'vitest';
import { defaultRegistry } from '../../../model/scenario/defaultRegistry.js';

it('the hmm50 and hmm52 driver steps cite Documentation/vm/hmm.rst, and no HMM step names nouveau', () => {
  const reg = defaultRegistry();
  const hmm = reg.names().filter((n) => n.startsWith('hmm50.') || n.startsWith('hmm52.'));
  const cited = hmm.flatMap((n) => reg.get(n).steps.map((s) => s.at));
  expect(cited.filter((at) => /nouveau/.test(at))).toEqual([]);
  for (const n of ['hmm50.fault', 'hmm52.fault']) {
    expect(reg.get(n).steps.map((s) => s.at)).toContain('Documentation/vm/hmm.rst (driver fault):fault');
  }
});
