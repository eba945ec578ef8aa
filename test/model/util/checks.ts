/**
 * Small properties for the mirror tests (the contract proper lives in
 * properties/): stale mirror entries, end-state coherence, and reachability
 * of a thread's label.
 */
import type { Invariant, Reachable, Terminal } from '../../../src/engine/Property.js';
import type { MmState } from '../../../model/mm/MmState.js';
import { translate } from '../../../model/mm/pageTable.js';

type Entry = { frame: number; gen: number; write: boolean } | null;
const entriesOf = (s: MmState, m: number): readonly Entry[] => (s.mirrors[m] as unknown as { entries: readonly Entry[] }).entries;

function* allEntries(s: MmState): Generator<{ m: number; a: number; e: NonNullable<Entry> }> {
  for (let m = 0; m < s.mirrors.length; m++) {
    const es = entriesOf(s, m);
    for (let a = 0; a < es.length; a++) {
      const e = es[a];
      if (e) yield { m, a, e };
    }
  }
}

/** No mirror entry maps a freed or reused frame. */
export const noStaleEntry: Invariant<MmState> = {
  name: 'no-stale-entry',
  description: 'no mirror entry maps a free or reused frame',
  kind: 'invariant',
  check(s) {
    for (const { m, a, e } of allEntries(s)) {
      {
        const f = s.frames[e.frame]!;
        if (f.kind === 'free' || f.gen !== e.gen) return `${s.cfg.mirrors[m]!.name}.entry[${a}] maps frame ${e.frame} gen ${e.gen}, now ${f.kind} gen ${f.gen}`;
      }
    }
    return undefined;
  },
};

/** At the end, every mirror entry maps what the CPU maps, writable only if the CPU entry is. */
export const coherentAtEnd: Terminal<MmState> = {
  name: 'coherent-at-end',
  description: 'mirror entries agree with the CPU page table when every thread has ended',
  kind: 'terminal',
  check(s) {
    for (const { m, a, e } of allEntries(s)) {
      {
        const t = translate(s, s.mirrors[m]!.mm, a);
        if (!t || t.frame !== e.frame || (e.write && !t.write))
          return `${s.cfg.mirrors[m]!.name}.entry[${a}] = pfn${e.frame}${e.write ? ' rw' : ''}, CPU ${t ? `pfn${t.frame}${t.write ? ' rw' : ''}` : 'none'}`;
      }
    }
    return undefined;
  },
};

/** Some state has thread `thread` at step `label` (of any frame on its stack top). */
export function reaches(name: string, thread: number, label: string, extra: (s: MmState) => boolean = () => true): Reachable<MmState> {
  return {
    name,
    description: `thread ${thread} reaches ${label}`,
    kind: 'reachable',
    check: (s) => {
      const f = s.threads[thread]!.frames;
      return f.length > 0 && f[f.length - 1]!.pc === label && extra(s);
    },
  };
}

/** Some end state of thread `thread` (it has returned) satisfies `p`. */
export function endsWith(name: string, thread: number, p: (s: MmState) => boolean): Reachable<MmState> {
  return { name, description: `thread ${thread} ends with ${name}`, kind: 'reachable', check: (s) => s.threads[thread]!.frames.length === 0 && p(s) };
}

/** No CPU TLB entry maps a freed or reused frame. */
export const noStaleTlb: Invariant<MmState> = {
  name: 'no-stale-tlb',
  description: 'no CPU TLB entry maps a free or reused frame',
  kind: 'invariant',
  check(s) {
    for (let mm = 0; mm < s.mms.length; mm++) {
      const tlb = s.mms[mm]!.tlb;
      for (let a = 0; a < tlb.length; a++) {
        const e = tlb[a];
        if (!e) continue;
        const f = s.frames[e.frame]!;
        if (f.kind === 'free' || f.gen !== e.gen) return `mm${mm}.tlb[${a}] maps frame ${e.frame} gen ${e.gen}, now ${f.kind} gen ${f.gen}`;
      }
    }
    return undefined;
  },
};
