/**
 * The per-task state of a thread (MmState.ts TaskState): its value when a
 * thread starts (and after each operation that used it ends), and the
 * draft a step body writes it through.
 */
import type { Draft } from 'immer';
import type { TaskState, Thread } from './MmState.js';
import { mutTask } from './mutate.js';

export const INITIAL_TASK: TaskState = { tlbUbc: { mms: 0, writable: false }, cleaned: 0, migrate: null };

/**
 * This thread's per-task state, read only: a step that only reads it must not
 * take the writable copy (under the cow backend that copy is a deep clone of
 * the task state, then compared back with the old one).
 */
export const readTask = (c: { readonly t: Thread }): TaskState => c.t.task;

/** This thread's per-task state, writable (a step body's draft thread). */
export const taskOf = (c: { readonly t: Thread }): Draft<TaskState> => mutTask(c.t) as Draft<TaskState>;
