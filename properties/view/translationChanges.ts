/**
 * How a transition changed the CPU translations of every mm: compares
 * `translate()` (model/mm/pageTable.ts) before and after, address by
 * address. Immer shares untouched tables, so a step that touches no page
 * table costs three identity checks.
 */
import type { MmState } from '../../model/mm/MmState.js';
import { pages } from '../../model/mm/Geometry.js';
import { translate } from '../../model/mm/pageTable.js';

export type Translation = ReturnType<typeof translate>;

export interface TranslationChange {
  readonly mm: number;
  readonly addr: number;
  readonly before: Translation;
  readonly after: Translation;
}

/** Removal or downgrade: was present, and now is none, maps another frame, lost write, or changed level (split/collapse). */
export function isRemoval(c: TranslationChange): boolean {
  const b = c.before;
  const a = c.after;
  if (b === null) return false;
  return a === null || a.frame !== b.frame || (b.write && !a.write) || a.huge !== b.huge;
}

export function sameTranslation(a: Translation, b: Translation): boolean {
  if (a === null || b === null) return a === b;
  return a.frame === b.frame && a.write === b.write && a.huge === b.huge;
}

/** One-entry memo: change-covered and event-promise ask for the same transition in a row. */
let memo: { prev: MmState; next: MmState; out: TranslationChange[] } | undefined;

export function translationChanges(prev: MmState, next: MmState): TranslationChange[] {
  if (prev.pteTables === next.pteTables && prev.pmdTables === next.pmdTables && prev.mms === next.mms) return [];
  if (memo && memo.prev === prev && memo.next === next) return memo.out;
  const out = computeChanges(prev, next);
  memo = { prev, next, out };
  return out;
}

function computeChanges(prev: MmState, next: MmState): TranslationChange[] {
  const out: TranslationChange[] = [];
  const n = pages(prev.cfg.geometry);
  for (let mm = 0; mm < prev.mms.length; mm++) {
    for (let addr = 0; addr < n; addr++) {
      const before = translate(prev, mm, addr);
      const after = translate(next, mm, addr);
      if (!sameTranslation(before, after)) out.push({ mm, addr, before, after });
    }
  }
  return out;
}

export function showTranslation(t: Translation): string {
  return t === null ? 'none' : `frame ${t.frame} ${t.write ? 'rw' : 'ro'}${t.huge ? ' huge' : ''}`;
}
