/** Scenario builders for the model tests. */
import type { Scenario, ThreadSpec } from '../../../model/scenario/Scenario.js';

/**
 * One mm, anon vma [0,4) rw, pages 0 and 1 mapped writable, mirror `mir0` of
 * `kind` with an entry for page 0; threads as given.
 */
export function oneMirror(kind: string, threads: readonly ThreadSpec[], extra: Partial<Scenario> = {}, entries: readonly number[] = [0]): Scenario {
  return {
    name: `${kind}-race`,
    expect: 'ok',
    geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
    frames: 4,
    mms: [
      {
        vmas: [{ name: 'v0', start: 0, end: 4, prot: 'rw' }],
        mappings: [
          { addr: 0, write: true },
          { addr: 1, write: true },
        ],
      },
    ],
    mirrors: [{ name: 'mir0', kind, mm: 0, entries }],
    threads,
    ...extra,
  };
}

export const dontneed = (start = 0, end = 2): ThreadSpec => ({ name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start, end } });
export const device = (addr = 0, write = true, m = 0, name = 'device'): ThreadSpec => ({ name, op: 'device_access', args: { m, addr, write } });
export const cpu = (addr = 1, write = true, mm = 0): ThreadSpec => ({ name: 'cpu', op: 'cpu_access', args: { mm, addr, write } });
