/**
 * The `struct migrate_vma` of mm/migrate.c (v5.0) while migrate_vma runs:
 * the thread's per-task `migrate` (MmState.ts MigrateVmaState), `src` and
 * `dst` (one slot per page from `start`) and `cpages`.
 * src[i] = [pfn or -1, MIGRATE_PFN_* flags]; dst[i] = pfn or -1.
 * The readers return copies: change them and write them back with setSrc / setDst.
 */
import type { MigrateVmaState, Thread } from '../mm/MmState.js';
import { migrateOf, readTask, taskOf } from '../mm/taskState.js';
import type { Settable } from '../mm/mutate.js';

/** include/linux/migrate.h MIGRATE_PFN_* (the bits the model uses). */
export const MPFN = { MIGRATE: 1, LOCKED: 2, WRITE: 4 } as const;

export type SrcSlot = [pfn: number, flags: number];

/** The arguments of migrate_vma and its steps: the vma and the range [start, end). */
export interface MigrateVmaArgs {
  readonly vma: number;
  readonly start: number;
  readonly end: number;
}

/** What these helpers need of a step context (any program's). */
interface TaskCtx {
  readonly t: Thread;
  fail(msg: string): never;
}

function migrate(c: TaskCtx): Settable<MigrateVmaState> {
  const m = migrateOf(c);
  return m ?? c.fail('migrate_vma state: the operation keeps no struct migrate_vma');
}

/** The struct migrate_vma, read only (the readers below: no writable copy of the task state). */
function migrateRead(c: TaskCtx): MigrateVmaState {
  const m = readTask(c).migrate;
  return m ?? c.fail('migrate_vma state: the operation keeps no struct migrate_vma');
}

/** migrate_vma: `migrate.src = src; migrate.dst = dst; migrate.cpages = 0;` (src zeroed: no slot collected yet). */
export function migrateVmaBegin(c: TaskCtx): void {
  taskOf(c).migrate = { src: [], dst: [], cpages: 0 };
}

/** The end of migrate_vma's frame: no struct migrate_vma any more. */
export function migrateVmaEnd(c: TaskCtx): void {
  taskOf(c).migrate = null;
}

export const srcOf = (c: TaskCtx): SrcSlot[] => migrateRead(c).src.map(([pfn, flags]): SrcSlot => [pfn, flags]);
export const dstOf = (c: TaskCtx): number[] => [...migrateRead(c).dst];
export const cpagesOf = (c: TaskCtx): number => migrateRead(c).cpages;

export function setSrc(c: TaskCtx, src: readonly SrcSlot[]): void {
  migrate(c).src = src.map(([pfn, flags]): SrcSlot => [pfn, flags]);
}

export function setDst(c: TaskCtx, dst: readonly number[]): void {
  migrate(c).dst = [...dst];
}

/** migrate->cpages += d */
export function addCpages(c: TaskCtx, d: number): void {
  migrate(c).cpages += d;
}
