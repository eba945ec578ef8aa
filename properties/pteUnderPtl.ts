/**
 * pte-under-ptl (step): a PTE of a table that some mm reaches changes only
 * while the changing thread holds that table's split PTE lock
 * (mm/memory.c: pte_offset_map_lock / pte_lockptr); a PMD entry changes only
 * under the PMD lock of its table (pmd_lock) or the mm's page_table_lock.
 * Not checked: the CPU's page walker setting the accessed/dirty bits (x86
 * sets them with an atomic update of the entry, no lock: only bits set,
 * nothing else changed), allocating or freeing a table, PTEs of a table no mm reaches
 * (e.g. khugepaged copying from the table it detached), and freeing an
 * empty PTE table under the mm's mmap_sem (mm/memory.c:free_pgtables ->
 * free_pte_range, no page-table lock in v5.0): for write (exit), or for
 * read where no vma of the mm covers the table any more (munmap, which
 * downgrades before unmap_region since 4.20, dd2283f2605e "mm: mmap: zap
 * pages with read mmap_sem in munmap": the vmas are detached, so no fault
 * walks there). Still a violation: unhooking, under mmap_sem for read, the
 * table of a range a vma still covers.
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState, PmdEntry } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { LockName } from '../model/mm/locks.js';
import { pmdSize, pudSize } from '../model/mm/Geometry.js';
import { changedKeys } from '../model/mm/footprint/changedKeys.js';
import { holdsAround } from './view/held.js';
import { moverStep } from './view/moverStep.js';
import { TABLES } from './view/stepParts.js';
import { where } from './view/where.js';

function reachablePteTable(s: MmState, id: number): boolean {
  return s.pmdTables.some((t) => t !== null && t.entries.some((e) => e !== null && e.kind === 'table' && e.table === id));
}

function pmdOwners(s: MmState, table: number): number[] {
  return s.mms.flatMap((m, i) => (m.pud.includes(table) ? [i] : []));
}

/** The pages [start, end) that PMD entry `k` of the table at `mm`'s PUD slot `pud` maps. */
function pmdEntrySpan(s: MmState, pud: number, k: number): [number, number] {
  const g = s.cfg.geometry;
  const start = pud * pudSize(g) + k * pmdSize(g);
  return [start, start + pmdSize(g)];
}

/** free_pte_range: an empty table unhooked under mmap_sem for write, or for read where no vma of the mm is left. */
function freesEmptyTable(prev: MmState, next: MmState, tid: number, table: number, k: number, owners: number[], before: PmdEntry, after: PmdEntry): boolean {
  if (after !== null || before === null || before.kind !== 'table') return false;
  const t = prev.pteTables[before.table];
  if (!t || !t.ptes.every((p) => p === null)) return false;
  return owners.some((mm) => {
    const sem = LockName.mmapSem(mm);
    if (holdsAround(prev, next, tid, sem)) return true;
    if (!holdsAround(prev, next, tid, `${sem}:r`)) return false;
    const [start, end] = pmdEntrySpan(prev, prev.mms[mm]!.pud.indexOf(table), k);
    return prev.mms[mm]!.vmas.every((id) => {
      const v = prev.vmas[id]!;
      return v.end <= start || v.start >= end;
    });
  });
}

type Entry = object | null;

/** The hardware walker's A/D update: young and/or dirty set, every other field as before. */
export function hardwareAccessedDirty(before: Entry, after: Entry): boolean {
  if (before === null || after === null || before === after) return false;
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  if (!('young' in b) || !('dirty' in b)) return false;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  for (const k of keys) {
    if (k === 'young' || k === 'dirty') {
      if (b[k] === true && a[k] !== true) return false; // clearing needs the lock
    } else if (b[k] !== a[k]) return false;
  }
  return true;
}

/** The first entry that changed other than by the hardware's A/D update, or -1 (only changed entries are read: changedKeys). */
function firstChange(before: readonly Entry[], after: readonly Entry[]): number {
  return changedKeys(before, after).find((i) => !hardwareAccessedDirty(before[i]!, after[i]!)) ?? -1;
}

export function pteUnderPtl(): StepProperty<MmState, MmAction> {
  return moverStep(
    'pte-under-ptl',
    'a page-table entry changes only while the changing thread holds that table lock',
    (prev, next, tid) => {
      if (prev.pteTables === next.pteTables && prev.pmdTables === next.pmdTables) return undefined;
      const who = (): string => where(prev, { tid }); // only on a violation
      for (const id of changedKeys(prev.pteTables, next.pteTables)) {
        const p = prev.pteTables[id];
        const n = next.pteTables[id];
        if (!p || !n || !reachablePteTable(prev, id)) continue;
        const k = firstChange(p.ptes, n.ptes);
        if (k < 0) continue;
        const lock = LockName.ptl(id);
        if (!holdsAround(prev, next, tid, lock)) return `${who()}PTE ${k} of table ${id} changed without holding ${lock}`;
      }
      for (const id of changedKeys(prev.pmdTables, next.pmdTables)) {
        const p = prev.pmdTables[id];
        const n = next.pmdTables[id];
        if (!p || !n) continue;
        const k = firstChange(p.entries, n.entries);
        if (k < 0) continue;
        const owners = pmdOwners(prev, id);
        const ok =
          holdsAround(prev, next, tid, LockName.pmd(id)) ||
          owners.some((mm) => holdsAround(prev, next, tid, LockName.pageTable(mm))) ||
          freesEmptyTable(prev, next, tid, id, k, owners, p.entries[k]!, n.entries[k]!);
        if (!ok) return `${who()}PMD entry ${k} of table ${id} changed without holding ${LockName.pmd(id)}`;
      }
      return undefined;
    },
    TABLES, // no page table changed: nothing to judge
  );
}
