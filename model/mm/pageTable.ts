/**
 * Page-table walk and update (pud -> PMD table -> PMD entry -> PTE table ->
 * PTE). Tables are allocated lazily from global pools (lowest free slot, as
 * the page allocator would) and freed where the kernel frees them.
 * These helpers do no locking: the step that calls them holds (or guards on)
 * the lock the kernel takes.
 */
import { ModelError } from '../../src/engine/Model.js';
import { pmdIndex, pteIndex, pudIndex } from './Geometry.js';
import type { MmState, PmdEntry, Pte } from './MmState.js';
import { mutMm, mutPmdTable, mutPool, mutPteTable } from './mutate.js';

/** The PMD table id covering addr in mm, or null (pud_none). */
export function pmdTableOf(s: MmState, mm: number, addr: number): number | null {
  const m = s.mms[mm];
  if (!m) throw new ModelError(`no mm ${mm}`);
  const p = m.pud[pudIndex(s.cfg.geometry, addr)];
  if (p === undefined) throw new ModelError(`address ${addr} outside mm${mm}'s address space`);
  return p;
}

/** mm/memory.c pmd_offset: the PMD entry covering addr (null when pud or pmd is none). */
export function pmdAt(s: MmState, mm: number, addr: number): PmdEntry {
  const t = pmdTableOf(s, mm, addr);
  if (t === null) return null;
  return s.pmdTables[t]!.entries[pmdIndex(s.cfg.geometry, addr)]!;
}

/** The PTE table id mapping addr, or null when the PMD entry is not a table. */
export function pteTableOf(s: MmState, mm: number, addr: number): number | null {
  const e = pmdAt(s, mm, addr);
  return e !== null && e.kind === 'table' ? e.table : null;
}

/** pte_offset_map: the PTE for addr (null when there is no PTE table or the PTE is none). */
export function pteAt(s: MmState, mm: number, addr: number): Pte {
  const t = pteTableOf(s, mm, addr);
  if (t === null) return null;
  return s.pteTables[t]!.ptes[pteIndex(s.cfg.geometry, addr)]!;
}

/** set_pte_at / pte_clear: writes the PTE for addr (the PTE table must exist). */
export function setPte(s: MmState, mm: number, addr: number, pte: Pte): void {
  const t = pteTableOf(s, mm, addr);
  if (t === null) throw new ModelError(`set_pte_at: mm${mm} has no PTE table for page ${addr}`);
  mutPteTable(s, t).ptes[pteIndex(s.cfg.geometry, addr)] = pte;
}

/** set_pmd_at / pmd_clear: writes the PMD entry for addr (the PMD table must exist). */
export function setPmd(s: MmState, mm: number, addr: number, e: PmdEntry): void {
  const t = pmdTableOf(s, mm, addr);
  if (t === null) throw new ModelError(`set_pmd_at: mm${mm} has no PMD table for page ${addr}`);
  mutPmdTable(s, t).entries[pmdIndex(s.cfg.geometry, addr)] = e;
}

function lowestFree<T>(pool: readonly (T | null)[]): number {
  const i = pool.indexOf(null);
  if (i < 0) throw new ModelError('page-table pool exhausted (scenario geometry too small)');
  return i;
}

/** pte_alloc_one + pmd_populate: a new empty PTE table placed in the PMD entry for addr. Returns its id. */
export function populatePteTable(s: MmState, mm: number, addr: number): number {
  const id = lowestFree(s.pteTables);
  mutPool(s, 'pteTables')[id] = { ptes: new Array<Pte>(s.cfg.geometry.ptesPerTable).fill(null) };
  setPmd(s, mm, addr, { kind: 'table', table: id });
  return id;
}

/** pmd_alloc_one + pud_populate: a new empty PMD table in the PUD entry for addr. Returns its id. */
export function populatePmdTable(s: MmState, mm: number, addr: number): number {
  const id = lowestFree(s.pmdTables);
  mutPool(s, 'pmdTables')[id] = { entries: new Array<PmdEntry>(s.cfg.geometry.pmdsPerTable).fill(null), share: 1 };
  mutMm(s, mm).pud[pudIndex(s.cfg.geometry, addr)] = id;
  return id;
}

/** pte_free (after pmd_clear / free_pte_range): returns a PTE table to the pool. Its PTEs must all be none. */
export function freePteTable(s: MmState, id: number): void {
  const t = s.pteTables[id];
  if (!t) throw new ModelError(`pte_free: PTE table ${id} is not allocated`);
  if (t.ptes.some((p) => p !== null)) throw new ModelError(`pte_free: PTE table ${id} still has entries`);
  mutPool(s, 'pteTables')[id] = null;
}

/** pmd_free: returns a PMD table to the pool (its entries must all be none, and nobody shares it). */
export function freePmdTable(s: MmState, id: number): void {
  const t = s.pmdTables[id];
  if (!t) throw new ModelError(`pmd_free: PMD table ${id} is not allocated`);
  if (t.entries.some((e) => e !== null)) throw new ModelError(`pmd_free: PMD table ${id} still has entries`);
  mutPool(s, 'pmdTables')[id] = null;
}

/** What the CPU would translate addr to: the frame and access bits of a present PTE or huge PMD, else null. */
export function translate(s: MmState, mm: number, addr: number): { frame: number; write: boolean; dirty: boolean; huge: boolean } | null {
  const e = pmdAt(s, mm, addr);
  if (e === null || e.kind === 'migration') return null;
  if (e.kind === 'huge') return { frame: e.frame, write: e.write, dirty: e.dirty, huge: true };
  const p = s.pteTables[e.table]!.ptes[pteIndex(s.cfg.geometry, addr)]!;
  if (p === null || p.kind !== 'present') return null;
  return { frame: p.frame, write: p.write, dirty: p.dirty, huge: false };
}

/** A PTE's whole value as a string (what pte_same compares: a.pte == b.pte), for keeping a vmf->orig_pte in a local. */
export function pteValue(p: Pte): string {
  if (p === null) return 'none';
  if (p.kind === 'migration') return `migration ${p.frame} ${p.write ? 'w' : '-'}`;
  if (p.kind === 'swap') return `swap ${p.slot}`;
  return `present ${p.frame} ${p.write ? 'w' : '-'}${p.dirty ? 'd' : '-'}${p.young ? 'a' : '-'}${p.softDirty ? 's' : '-'}`;
}
