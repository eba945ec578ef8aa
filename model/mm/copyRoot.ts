import type { MmState, Thread } from './MmState.js';

/** Every field of MmState, checked by tsc: a field added to MmState (optional too) is a compile error here, beside copyRoot, which must copy it, and sameShared, which must compare it. */
const STATE_FIELDS: { readonly [K in keyof MmState]-?: true } = {
  cfg: true,
  mms: true,
  vmas: true,
  pmdTables: true,
  pteTables: true,
  frames: true,
  files: true,
  swap: true,
  locks: true,
  mirrors: true,
  threads: true,
};
void STATE_FIELDS;

/**
 * A one-level copy of the state with `threads`, in MmState's order: every
 * root the model makes (a step's successor, runStep.ts; the initial state,
 * buildInitialState.ts) comes from this literal, so all roots share one V8
 * hidden class. A spread of a root that carries its key (a private field,
 * model/mm/stateKey.ts) took V8's slow generic copy (~3 % of a run), and
 * the initial state's spread gave each model's roots a class of their own
 * from the ninth model on, which threw away the optimized code of every
 * function reading a state (bench/RESULTS.md, Session 15).
 */
export function copyRoot(s: MmState, threads: readonly Thread[]): MmState {
  return {
    cfg: s.cfg,
    mms: s.mms,
    vmas: s.vmas,
    pmdTables: s.pmdTables,
    pteTables: s.pteTables,
    frames: s.frames,
    files: s.files,
    swap: s.swap,
    locks: s.locks,
    mirrors: s.mirrors,
    threads,
  };
}

/**
 * True when `d` (copyRoot of `s`, then a step) has every part of `s` but
 * the threads: the step left the shared state as it was (runStep.ts). Spelt
 * out, as copyRoot is: a keyed read by part name is a generic lookup.
 */
export function sameShared(s: MmState, d: MmState): boolean {
  return (
    d.cfg === s.cfg &&
    d.mms === s.mms &&
    d.vmas === s.vmas &&
    d.pmdTables === s.pmdTables &&
    d.pteTables === s.pteTables &&
    d.frames === s.frames &&
    d.files === s.files &&
    d.swap === s.swap &&
    d.locks === s.locks &&
    d.mirrors === s.mirrors
  );
}
