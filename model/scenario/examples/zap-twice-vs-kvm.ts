/**
 * A TypeScript scenario module: it adds an operation (`zap_twice`: two
 * zap_page_range calls over the same page under one mmap_sem hold, as two
 * MADV_DONTNEED calls would) and races it with a KVM guest write.
 * Run it with `mnc explore --scenario FILE` from a TypeScript-aware runner,
 * or compile it to .js first (Node 20 does not load .ts by itself).
 */
import { LockName } from '../../mm/locks.js';
import type { Program } from '../../mm/step/Program.js';
import { DONE, defineProgram } from '../../mm/step/defineProgram.js';
import { zapPageRange } from '../../sites/zapPageRange.js';
import type { Scenario } from '../Scenario.js';

const sem = (): string => LockName.mmapSem(0);

/** `zap_twice` {vma}: two zap_page_range(vma, 0, 1) calls under one mmap_sem read hold. */
const zapTwice = defineProgram({
  name: 'zap_twice',
  file: 'mm/madvise.c',
  locals: (a: { vma: number }) => ({ vma: a.vma ?? null, round: 0 }),
  steps: ($) => [
    $.lock('down_read', sem, { at: 'madvise', mode: 'r' }),
    $.local(
      'zap_page_range',
      (c) => {
        if (c.l.round === 2) return 'up_read';
        c.l.round += 1;
        return c.call(zapPageRange, { vma: c.l.vma, start: 0, size: 1 }, 'zap_page_range');
      },
      'madvise_dontneed_single_vma',
    ),
    $.unlock('up_read', sem, { at: 'madvise', mode: 'r', then: () => DONE }),
  ],
});

export const programs: Program[] = [zapTwice];

export const scenario: Scenario = {
  name: 'zap-twice vs kvm-write',
  description: 'two zap_page_range calls on page 0 while a KVM guest writes it: each retrying fault installs only between invalidations',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 4,
  mms: [{ vmas: [{ name: 'heap', start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, write: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'zapper', op: 'zap_twice', args: { vma: 'vma:heap' } },
    { name: 'guest', op: 'device_access', args: { m: 'mirror:kvm0', addr: 0, write: true } },
  ],
};
