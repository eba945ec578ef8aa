/**
 * A present PTE as one non-negative number, for a PTE value a program keeps
 * in a local or hands back in `rv` (mm/ksm.c: write_protect_page's
 * `*orig_pte`, replace_page's `orig_pte`). The frame and each bit, so two
 * PTEs have the same code exactly when pte_same (a.pte == b.pte) holds.
 * Non-negative: never equal to a negative errno returned in its place.
 */
import type { Pte } from '../mm/MmState.js';

export type PresentPte = Extract<Pte, { kind: 'present' }>;

/** The code of `p`: frame << 4 | write << 3 | dirty << 2 | young << 1 | softDirty. */
export function presentPteCode(p: PresentPte): number {
  return p.frame * 16 + (p.write ? 8 : 0) + (p.dirty ? 4 : 0) + (p.young ? 2 : 0) + (p.softDirty ? 1 : 0);
}

/** The present PTE whose code is `n` (presentPteCode's inverse). */
export function presentPteOfCode(n: number): PresentPte {
  return { kind: 'present', frame: Math.floor(n / 16), write: (n & 8) !== 0, dirty: (n & 4) !== 0, young: (n & 2) !== 0, softDirty: (n & 1) !== 0 };
}
