/**
 * Locks as state. A lock blocks a thread through a step guard (`canTake`);
 * the locks a thread holds are listed in `Thread.held` (`name` exclusive,
 * `name:r` shared). Releasing a lock one does not hold is a ModelError.
 */
import { ModelError } from '../../src/engine/Model.js';
import type { Lock, MmState, Thread } from './MmState.js';
import { mutHeld, mutLocks } from './mutate.js';
import { memoByIndex, memoByIndexPair, memoByName, memoByNames } from './memoName.js';

export type LockMode = 'w' | 'r';

/** Lock names, one per kernel lock instance (memoized: the same string object each time, memoName.ts). */
export const LockName = {
  /** mm->mmap_sem (rwsem) */
  mmapSem: memoByIndex((mm) => `mm${mm}.mmap_sem`),
  /** mm->page_table_lock (spinlock) */
  pageTable: memoByIndex((mm) => `mm${mm}.page_table_lock`),
  /** the split PTE lock of a PTE table page (pte_lockptr) */
  ptl: memoByIndex((pteTable) => `pte${pteTable}.ptl`),
  /** the split PMD lock of a PMD table page (pmd_lockptr) */
  pmd: memoByIndex((pmdTable) => `pmd${pmdTable}.ptl`),
  /** lock_page (PG_locked) */
  page: memoByIndex((frame) => `page${frame}.lock`),
  /** mapping->i_mmap_rwsem */
  iMmap: memoByIndex((file) => `file${file}.i_mmap_rwsem`),
  /** anon_vma->root->rwsem */
  anonVma: memoByIndex((id) => `anon_vma${id}.rwsem`),
  /** inode->i_rwsem (inode_lock) of a file: hugetlbfs hole punch and truncate hold it */
  inode: memoByIndex((file) => `file${file}.i_rwsem`),
  /**
   * hugetlb_fault_mutex_table[hash] (mm/hugetlb.c:hugetlb_fault_mutex_hash, v5.0): for a shared
   * mapping the key is (mapping, index): the file and the page index of the huge page's first
   * page; for a private one (mm, address >> huge_page_shift): the mm and the huge page's first
   * address. One mutex per key: the kernel's table can also make two keys share one (more
   * serialization, not modelled).
   */
  hugetlbFaultShared: memoByIndexPair((file, index) => `file${file}.hugetlb_fault_mutex[${index}]`),
  hugetlbFaultPrivate: memoByIndexPair((mm, addr) => `mm${mm}.hugetlb_fault_mutex[${addr}]`),
  /** A mirror's own lock, e.g. `kvm0.mmu_lock`. */
  mirror: memoByNames((mirrorName: string, lock: string) => `${mirrorName}.${lock}`),
} as const;

export const FREE_LOCK: Lock = { holder: null, readers: 0 };

const sharedName = memoByName((name) => `${name}:r`);
const heldName = (name: string, mode: LockMode): string => (mode === 'r' ? sharedName(name) : name);

/** The id of lock `name` (its index in `MmState.locks`), or undefined when the scenario has no such lock. */
export function lockId(s: MmState, name: string): number | undefined {
  return s.cfg.lockIds.get(name);
}

/** The state of lock `name`, or undefined when the scenario has no such lock. */
export function lockState(s: MmState, name: string): Lock | undefined {
  const id = s.cfg.lockIds.get(name);
  return id === undefined ? undefined : s.locks[id];
}

function idOf(s: MmState, name: string): number {
  const id = s.cfg.lockIds.get(name);
  if (id === undefined) throw new ModelError(`no lock named ${name}`);
  return id;
}

function lockOf(s: MmState, name: string): Lock {
  return s.locks[idOf(s, name)]!;
}

/** While `locksRefused` runs a guard: the locks `canTake` refused. */
let refused: { name: string; mode: LockMode }[] | undefined;

/** While `watchGranted` has a list: the locks `canTake` found free, as held names (`name`, `name:r`). */
let granted: string[] | undefined;

/** True when `mode` can be taken now (exclusive: nobody holds it; shared: no writer). */
export function canTake(s: MmState, name: string, mode: LockMode = 'w'): boolean {
  const l = lockOf(s, name);
  const ok = mode === 'w' ? l.holder === null && l.readers === 0 : l.holder === null;
  if (!ok && refused !== undefined) refused.push({ name, mode });
  if (ok && granted !== undefined) granted.push(heldName(name, mode));
  return ok;
}

/**
 * Collects into `into` the locks `canTake` finds free until the next call
 * (undefined stops); returns the list collected before. A step that runs
 * only while a lock is free (a guard's `canTake`, a trylock inside one step)
 * holds it, in effect, for that atomic step (model/mm/step/runStepRecorded.ts).
 */
export function watchGranted(into: string[] | undefined): string[] | undefined {
  const outer = granted;
  granted = into;
  return outer;
}

/** The locks `canTake` refuses while `guard` runs: what a blocked step waits for (for deadlock reports). */
export function locksRefused(guard: () => unknown): { name: string; mode: LockMode }[] {
  const outer = refused;
  const mine: { name: string; mode: LockMode }[] = [];
  refused = mine;
  try {
    guard();
  } finally {
    refused = outer;
  }
  return mine;
}

export function holds(t: Thread, name: string, mode: LockMode = 'w'): boolean {
  return t.held.includes(heldName(name, mode));
}

/**
 * Takes the lock (the caller's guard checked `canTake`). Re-taking a lock held
 * exclusively, or exclusively a lock held shared, is a ModelError
 * (self-deadlock); a second shared hold of an rwsem is allowed (recursive
 * down_read / down_read_trylock succeed while no writer holds it).
 */
export function acquire(s: MmState, t: Thread, tid: number, name: string, mode: LockMode = 'w'): void {
  if (holds(t, name, 'w') || (mode === 'w' && holds(t, name, 'r'))) throw new ModelError(`thread ${tid} takes ${name} it already holds`);
  if (!canTake(s, name, mode)) throw new ModelError(`thread ${tid} takes ${name} while it is held`);
  const id = idOf(s, name);
  const locks = mutLocks(s);
  const l = locks[id]!;
  locks[id] = mode === 'w' ? { holder: tid, readers: l.readers } : { holder: l.holder, readers: l.readers + 1 };
  mutHeld(t).push(heldName(name, mode));
}

/** Try-lock: takes it and returns true when free, else false (no blocking). */
export function tryAcquire(s: MmState, t: Thread, tid: number, name: string, mode: LockMode = 'w'): boolean {
  if (!canTake(s, name, mode)) return false;
  acquire(s, t, tid, name, mode);
  return true;
}

/** Releases a lock this thread holds; anything else is a ModelError. */
export function release(s: MmState, t: Thread, tid: number, name: string, mode: LockMode = 'w'): void {
  const h = heldName(name, mode);
  const i = t.held.indexOf(h);
  if (i < 0) throw new ModelError(`thread ${tid} releases ${h} it does not hold`);
  mutHeld(t).splice(i, 1);
  const id = idOf(s, name);
  const locks = mutLocks(s);
  const l = locks[id]!;
  locks[id] = mode === 'w' ? { holder: null, readers: l.readers } : { holder: l.holder, readers: l.readers - 1 };
}

/** Spinlocks (not sleeping locks): a blocking notifier start must not run while one is held. */
export function isSpinlock(name: string): boolean {
  return name.endsWith('.ptl') || name.endsWith('.page_table_lock') || name.endsWith('.mmu_lock') || name.endsWith('.spin');
}
