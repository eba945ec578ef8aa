/**
 * The per-task state of a thread (MmState.ts TaskState): its value when a
 * thread starts (and after each operation that used it ends), and how a
 * step body writes it.
 */
import type { MigrateVmaState, TaskState, Thread, TlbUbc } from './MmState.js';
import { mutMigrate, mutTask, mutTlbUbc, type Settable } from './mutate.js';

export const INITIAL_TASK: TaskState = { tlbUbc: { mms: 0, writable: false }, cleaned: 0, migrate: null };

/**
 * This thread's per-task state, read only: a step that only reads it must not
 * take the writable copy (under the cow backend a copy, then compared back
 * with the old one).
 */
export const readTask = (c: { readonly t: Thread }): TaskState => c.t.task;

/** This thread's per-task state, one level writable (its `cleaned`; `tlbUbc` and `migrate` replaced whole, or written through the two below). */
export const taskOf = (c: { readonly t: Thread }): Settable<TaskState> => mutTask(c.t);

/** This thread's TLB flush batch (current->tlb_ubc), writable. */
export const tlbUbcOf = (c: { readonly t: Thread }): Settable<TlbUbc> => mutTlbUbc(c.t);

/** This thread's struct migrate_vma, writable; null when no migrate_vma runs. */
export const migrateOf = (c: { readonly t: Thread }): Settable<MigrateVmaState> | null => mutMigrate(c.t);
