/**
 * How a transition changed the CPU translations of every mm: compares
 * `translate()` (model/mm/pageTable.ts) before and after, address by
 * address. Immer shares untouched tables, so a step that touches no page
 * table costs three identity checks.
 */
import type { MmState, PmdEntry, Pte } from '../../model/mm/MmState.js';
import { pages, pteIndex } from '../../model/mm/Geometry.js';
import { pmdAt, translate } from '../../model/mm/pageTable.js';
import { sameElements } from '../../model/mm/sameElements.js';

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

/** The entry `translate()` reads the frame and bits from: a huge PMD entry or a present PTE. */
export type Leaf = Extract<PmdEntry, { kind: 'huge' }> | Extract<Pte, { kind: 'present' }>;

/**
 * The object `translate(s, mm, addr)` is made of, without allocating one:
 * the huge PMD entry or present PTE mapping `addr`, else null. translate()
 * is a function of this object alone (its frame, write and dirty fields, and
 * its kind for `huge`), and states never change an object in place (a step
 * copies what it writes), so the same leaf object in two states means the
 * same translation in both.
 */
export function cpuLeaf(s: MmState, mm: number, addr: number): Leaf | null {
  const e = pmdAt(s, mm, addr);
  if (e === null || e.kind === 'migration') return null;
  if (e.kind === 'huge') return e;
  const p = s.pteTables[e.table]!.ptes[pteIndex(s.cfg.geometry, addr)]!;
  return p === null || p.kind !== 'present' ? null : p;
}

export function sameTranslation(a: Translation, b: Translation): boolean {
  if (a === null || b === null) return a === b;
  return a.frame === b.frame && a.write === b.write && a.huge === b.huge;
}

/** One-entry memo: change-covered and event-promise ask for the same transition in a row. */
let memo: { prev: MmState; next: MmState; out: readonly TranslationChange[] } | undefined;

const NONE: readonly TranslationChange[] = Object.freeze([]);

/**
 * translate() reads an mm only through its PUD entries (then the PMD and PTE
 * tables): equal PUD entries of every mm and the same table pools mean the
 * same translations everywhere. The PUD arrays are compared by value, as a
 * step that writes an mm's other fields (its TLB, on every fill) copies them.
 */
function samePuds(prev: MmState, next: MmState): boolean {
  if (prev.mms === next.mms) return true;
  if (prev.mms.length !== next.mms.length) return false;
  for (let mm = 0; mm < prev.mms.length; mm++) {
    if (!sameElements(prev.mms[mm]!.pud, next.mms[mm]!.pud)) return false;
  }
  return true;
}

export function translationChanges(prev: MmState, next: MmState): readonly TranslationChange[] {
  if (prev.pteTables === next.pteTables && prev.pmdTables === next.pmdTables && samePuds(prev, next)) return NONE;
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
      // sameTranslation of the two translations, read off their leaves: nothing allocated unless they differ
      const b = cpuLeaf(prev, mm, addr);
      const a = cpuLeaf(next, mm, addr);
      if (b === a || (b !== null && a !== null && b.kind === a.kind && b.frame === a.frame && b.write === a.write)) continue;
      out.push({ mm, addr, before: translate(prev, mm, addr), after: translate(next, mm, addr) });
    }
  }
  return out;
}

export function showTranslation(t: Translation): string {
  return t === null ? 'none' : `frame ${t.frame} ${t.write ? 'rw' : 'ro'}${t.huge ? ' huge' : ''}`;
}
