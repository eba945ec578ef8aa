/**
 * Both sides of each property's edge: hand-made transitions on a baseline
 * state (immer), so that an exemption cannot silently swallow a violation.
 */
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { Lock, MmState, NotifierRange, Pte, PmdEntry, Vma } from '../../model/mm/MmState.js';
import { buildMmModel } from '../../model/MmModel.js';
import { lockId } from '../../model/mm/locks.js';
import { BASELINES } from '../../properties/mutants/baselines.js';
import { contractProperties } from '../../properties/mmProperties.js';

const s0 = buildMmModel(BASELINES['dontneed-vs-kvm-fault']!).initialStates()[0]!;
const prop = (name: string) => contractProperties().find((p) => p.name === name)!;
const step = (name: string, prev: MmState, next: MmState, thread = 0) => {
  const p = prop(name);
  if (p.kind !== 'step') throw new Error(name);
  return p.check(prev, { thread, outcome: 0 }, next);
};
const inv = (name: string, s: MmState) => {
  const p = prop(name);
  if (p.kind !== 'invariant') throw new Error(name);
  return p.check(s);
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests poke at fields of a draft; the state's readonly and index types would only add casts
type D = { -readonly [K in keyof MmState]: any };
const range = (over: Partial<NotifierRange>): NotifierRange => ({
  site: '17',
  mm: 0,
  start: 0,
  end: 2,
  event: 'MMU_NOTIFY_CLEAR',
  vma: 0,
  blockable: true,
  phase: 'started',
  err: 0,
  subs: [],
  ...over,
});
const withRanges = (s: MmState, rs: NotifierRange[]) => produce(s, (d: D) => void (d.threads[0].ranges = rs));
const pteTable = (s: MmState): number => (s.pmdTables[s.mms[0]!.pud[0]!]!.entries[0] as Extract<PmdEntry, { kind: 'table' }>).table;
const clearPte = (s: MmState, addr: number) => produce(s, (d: D) => void (d.pteTables[pteTable(s)].ptes[addr] = null));
const hold = (s: MmState, name: string) =>
  produce(s, (d: D) => {
    d.threads[0].held.push(name);
    const shared = name.endsWith(':r');
    (d.locks as Lock[])[lockId(s, shared ? name.slice(0, -2) : name)!] = shared ? { holder: null, readers: 1 } : { holder: 0, readers: 0 };
  });

describe('change-covered and event-promise', () => {
  it('a clear needs a started range of the mover containing the address', () => {
    expect(step('change-covered', s0, clearPte(s0, 1))).toMatch(
      /^mm=mm0 addr=0x1000 site=dontneed\/madvise_dontneed:down_read: translation changed \(frame \d rw -> none\) outside/,
    );
    const inRange = withRanges(s0, [range({})]);
    expect(step('change-covered', inRange, clearPte(inRange, 1))).toBeUndefined();
    const ending = withRanges(s0, [range({ phase: 'ending' })]);
    expect(step('change-covered', ending, clearPte(ending, 1))).toMatch(/outside any started notifier range/);
  });
  it('a PROTECTION range may not unmap, unless a CLEAR range of the same thread also covers the address', () => {
    const prot = withRanges(s0, [range({ event: 'MMU_NOTIFY_PROTECTION_VMA' })]);
    expect(step('event-promise', prot, clearPte(prot, 0))).toMatch(/#17: MMU_NOTIFY_PROTECTION_VMA range unmaps the page/);
    const nested = withRanges(s0, [range({ event: 'MMU_NOTIFY_PROTECTION_VMA' }), range({ site: '6', start: 0, end: 1 })]);
    expect(step('event-promise', nested, clearPte(nested, 0))).toBeUndefined();
  });
});

describe('mirror-coherence write lag', () => {
  const roPte = (s: MmState) =>
    produce(s, (d: D) => void (d.pteTables[pteTable(s)].ptes[0] = { ...(d.pteTables[pteTable(s)].ptes[0] as Pte & object), write: false }));
  it('a writable entry over a read-only CPU entry is allowed only inside a covering range', () => {
    const s = produce(roPte(s0), (d: D) => void (d.mirrors[0].entries[0] = { ...d.mirrors[0].entries[0], write: true }));
    expect(inv('mirror-coherence', s)).toMatch(/mirror=kvm0: mirror entry is writable but the CPU entry is read-only/);
    expect(inv('mirror-coherence', withRanges(s, [range({ event: 'MMU_NOTIFY_PROTECTION_PAGE' })]))).toBeUndefined();
  });
  it('a frame never lags, and the message names the invalidation in flight', () => {
    const cleared = withRanges(clearPte(s0, 0), [range({})]);
    expect(inv('mirror-coherence', cleared)).toMatch(/^mm=mm0 addr=0x0 mirror=kvm0 site=dontneed\/#17: mirror entry frame \d gen \d rw but the CPU maps none$/);
  });
});

describe('pte-under-ptl', () => {
  const t = pteTable(s0);
  const empty = produce(s0, (d: D) => void (d.pteTables[t].ptes = d.pteTables[t].ptes.map(() => null)));
  const unhook = (s: MmState) => produce(s, (d: D) => void (d.pmdTables[s.mms[0]!.pud[0]!].entries[0] = null));
  it('a PTE changes under its table lock; an empty table may be unhooked under mmap_sem write', () => {
    expect(step('pte-under-ptl', s0, clearPte(s0, 0))).toMatch(new RegExp(`PTE 0 of table ${t} changed without holding pte${t}.ptl`));
    const locked = hold(s0, `pte${t}.ptl`);
    expect(step('pte-under-ptl', locked, clearPte(locked, 0))).toBeUndefined();
    expect(step('pte-under-ptl', empty, unhook(empty))).toMatch(/PMD entry 0 of table \d+ changed without holding/);
    const sem = hold(empty, 'mm0.mmap_sem');
    expect(step('pte-under-ptl', sem, unhook(sem))).toBeUndefined();
  });
  it('under mmap_sem for read, only where no vma covers the table any more (munmap after its downgrade)', () => {
    const read = hold(empty, 'mm0.mmap_sem:r');
    expect(step('pte-under-ptl', read, unhook(read))).toMatch(/PMD entry 0 of table \d+ changed without holding/);
    const detached = produce(read, (d: D) => void (d.mms[0].vmas = []));
    expect(step('pte-under-ptl', detached, unhook(detached))).toBeUndefined();
  });
});

describe('pte-under-ptl: the hardware walker', () => {
  const t = () => pteTable(s0);
  const setPte = (s: MmState, addr: number, f: (p: Extract<Pte, { kind: 'present' }>) => Pte) =>
    produce(s, (d: D) => void (d.pteTables[t()].ptes[addr] = f(d.pteTables[t()].ptes[addr])));
  it('may set accessed and dirty without the lock, but not clear them nor change anything else', () => {
    const cold = setPte(s0, 0, (p) => ({ ...p, young: false, dirty: false }));
    expect(
      step(
        'pte-under-ptl',
        cold,
        setPte(cold, 0, (p) => ({ ...p, young: true, dirty: true })),
      ),
    ).toBeUndefined();
    const hot = setPte(s0, 0, (p) => ({ ...p, young: true, dirty: true }));
    expect(
      step(
        'pte-under-ptl',
        hot,
        setPte(hot, 0, (p) => ({ ...p, young: false })),
      ),
    ).toMatch(/changed without holding/);
    expect(
      step(
        'pte-under-ptl',
        cold,
        setPte(cold, 0, (p) => ({ ...p, young: true, write: !p.write })),
      ),
    ).toMatch(/changed without holding/);
  });
});

describe('vma-under-mmap-sem and range-vma', () => {
  const shrink = (s: MmState) => produce(s, (d: D) => void (d.vmas[0] = { ...d.vmas[0], end: 1 }));
  it("a listed vma changes only under mmap_sem write; a detached one is the detacher's", () => {
    expect(step('vma-under-mmap-sem', s0, shrink(s0))).toMatch(/vma 0 changed without mmap_sem held for write/);
    expect(step('vma-under-mmap-sem', hold(s0, 'mm0.mmap_sem'), shrink(hold(s0, 'mm0.mmap_sem')))).toBeUndefined();
    const detached = produce(s0, (d: D) => void (d.mms[0].vmas = []));
    expect(step('vma-under-mmap-sem', detached, shrink(detached))).toBeUndefined();
  });
  it('a change of any one vma flag is a change: caught without mmap_sem, allowed with it', () => {
    const flags = (s0.vmas[0] as Vma).flags;
    const keys = Object.keys(flags) as (keyof typeof flags)[];
    expect(keys).toHaveLength(8);
    for (const k of keys) {
      const flip = (s: MmState) => produce(s, (d: D) => void (d.vmas[0] = { ...d.vmas[0], flags: { ...flags, [k]: !flags[k] } }));
      expect(step('vma-under-mmap-sem', s0, flip(s0)), k).toMatch(/vma 0 changed without mmap_sem held for write/);
      expect(step('vma-under-mmap-sem', hold(s0, 'mm0.mmap_sem'), flip(hold(s0, 'mm0.mmap_sem'))), k).toBeUndefined();
    }
    const copied = produce(s0, (d: D) => void (d.vmas[0] = { ...d.vmas[0], flags: { ...flags } }));
    expect(step('vma-under-mmap-sem', s0, copied)).toBeUndefined();
  });
  it('a share-capable hugetlb vma allows the PUD widening, others do not', () => {
    const starting = (s: MmState, end: number) => withRanges(s, [range({ phase: 'starting', end })]);
    const init = withRanges(s0, [range({ phase: 'init', end: 4 })]);
    expect(step('range-vma', init, starting(s0, 4))).toMatch(/vma 0 \[0,2\) does not contain the range/);
    const huge = (s: MmState) =>
      produce(s, (d: D) => void (d.vmas[0] = { ...d.vmas[0], flags: { ...(d.vmas[0] as Vma).flags, hugetlb: true, mayshare: true } }));
    expect(step('range-vma', huge(init), starting(huge(s0), 4))).toBeUndefined();
    expect(step('range-vma', init, starting(s0, 2))).toBeUndefined();
  });
});
