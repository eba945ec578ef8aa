import type { Pte } from './MmState.js';

type Present = Extract<Pte, { kind: 'present' }>;
type Migration = Extract<Pte, { kind: 'migration' }>;

/**
 * Present PTE `p` with the bits of `c` changed (pte_mkyoung, pte_wrprotect, ...): a new entry built by one object
 * literal in the order the faults build entries, so that every present PTE shares one V8 hidden class. The spreads
 * at the sites (`{ ...p, young: true }`) gave present PTEs three (bench/RESULTS.md, Session 15).
 */
export function presentWith(p: Present, c: Partial<Omit<Present, 'kind'>>): Present {
  return {
    kind: 'present',
    frame: c.frame ?? p.frame,
    write: c.write ?? p.write,
    dirty: c.dirty ?? p.dirty,
    young: c.young ?? p.young,
    softDirty: c.softDirty ?? p.softDirty,
  };
}

/** Migration entry `p` with its write bit `write` (make_migration_entry_read): a new entry, one literal as presentWith's. */
export function migrationWith(p: Migration, write: boolean): Migration {
  return { kind: 'migration', frame: p.frame, write };
}
