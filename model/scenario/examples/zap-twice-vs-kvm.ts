/**
 * A TypeScript scenario module: it adds an operation (`zap_twice`: two
 * zap_page_range calls over the same page under one mmap_sem hold, as two
 * MADV_DONTNEED calls would) and races it with a KVM guest write.
 * Run it with `mnc explore --scenario FILE` from a TypeScript-aware runner,
 * or compile it to .js first (Node 20 does not load .ts by itself).
 */
import { LockName } from '../../mm/locks.js';
import type { Program, StepView } from '../../mm/step/Program.js';
import { DONE } from '../../mm/step/Program.js';
import { lockStep, unlockStep } from '../../mm/step/steps.js';
import type { Scenario } from '../Scenario.js';

const sem = (_v: StepView): string => LockName.mmapSem(0);

export const programs: Program[] = [
  {
    name: 'zap_twice',
    locals: (a) => ({ vma: a['vma'] ?? null, round: 0 }),
    steps: [
      lockStep('down_read', 'mm/madvise.c:madvise', sem, 'r'),
      {
        label: 'zap_page_range',
        at: 'mm/madvise.c:madvise_dontneed_single_vma',
        local: true,
        run: (c) => {
          if (c.n('round') === 2) return 'up_read';
          c.l['round'] = c.n('round') + 1;
          return c.call('zap_page_range', { vma: c.n('vma'), start: 0, size: 1 }, 'zap_page_range');
        },
      },
      unlockStep('up_read', 'mm/madvise.c:madvise', sem, 'r', () => DONE),
    ],
  },
];

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
