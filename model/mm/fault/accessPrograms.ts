/**
 * Memory accesses, the observable effect of a stale translation:
 *  - `cpu_access` {mm, addr, write}: the CPU (hardware, arch/x86): a TLB hit
 *    is used as is (a write needs a dirty, writable entry: x86 re-walks to set
 *    the D bit); a miss walks the page table atomically (sets A/D bits), fills
 *    the TLB; no translation -> do_user_addr_fault and retry the instruction.
 *  - `device_access` {m, addr, write}: a device through mirror m's entry;
 *    no usable entry -> the mirror kind's fault program `<kind>.fault`, retry.
 * A write bumps the frame's content version (the frame is not checked: a
 * stale entry writes a freed or reused frame, which the properties see).
 */
import { writeFrame } from '../frames.js';
import type { Pte } from '../MmState.js';
import { pmdAt, pteAt, setPmd, setPte, translate } from '../pageTable.js';
import { fillTlb } from '../tlb.js';
import type { Program, StepCtx } from '../step/Program.js';
import { DONE, defineProgram } from '../step/defineProgram.js';
import { doUserAddrFault } from './faultPrograms.js';
import { presentWith } from '../pteWith.js';
import { CPU_ACCESS, DEVICE_ACCESS } from '../mmTasks.js';

function finish(c: Pick<StepCtx, 'ret'>): typeof DONE {
  c.ret(0);
  return DONE;
}

/** `cpu_access` {mm, addr, write}: the CPU's load or store (hardware). */
export const cpuAccess = defineProgram({
  name: CPU_ACCESS,
  file: 'arch/x86/mm/fault.c',
  params: ['mm', 'addr', 'write'],
  locals: (a: { mm: number; addr: number; write: boolean }) => ({ mm: a.mm ?? null, addr: a.addr ?? null, write: a.write ?? false }),
  steps: ($) => [
    $.step('tlb_lookup', {
      at: 'arch/x86 (hardware): TLB hit',
      run: (c) => {
        const e = c.s.mms[c.l.mm]!.tlb[c.l.addr] ?? null;
        const write = c.l.write === true;
        if (e === null || (write && !(e.write && e.dirty))) return 'page_walk';
        if (write) writeFrame(c.s, e.frame);
        return finish(c);
      },
    }),
    $.step('page_walk', {
      at: 'arch/x86 (hardware): page walk, A/D update',
      run: (c) => {
        const { mm, addr } = c.l;
        const write = c.l.write === true;
        const t = translate(c.s, mm, addr);
        if (t === null || (write && !t.write)) return c.call(doUserAddrFault, { mm, addr, write }, 'fault_returned');
        if (t.huge) {
          const e = pmdAt(c.s, mm, addr) as Extract<ReturnType<typeof pmdAt>, { kind: 'huge' }>;
          if (!e.young || (write && !e.dirty)) setPmd(c.s, mm, addr, { ...e, young: true, dirty: e.dirty || write });
        } else {
          const p = pteAt(c.s, mm, addr) as Extract<Pte, { kind: 'present' }>;
          if (!p.young || (write && !p.dirty)) setPte(c.s, mm, addr, presentWith(p, { young: true, dirty: p.dirty || write }));
        }
        fillTlb(c.s, mm, addr, { frame: t.frame, gen: c.s.frames[t.frame]!.gen, write: t.write, dirty: t.dirty || write });
        if (write) writeFrame(c.s, t.frame);
        return finish(c);
      },
    }),
    // SIGSEGV / OOM: the access does not happen; else the instruction is retried
    $.local('fault_returned', (c) => (typeof c.t.rv === 'number' && c.t.rv < 0 ? DONE : 'tlb_lookup'), '__do_page_fault'),
  ],
});

/** `device_access` {m, addr, write}: a device access through mirror m's entry. */
export const deviceAccess = defineProgram({
  name: DEVICE_ACCESS,
  file: 'device',
  params: ['m', 'addr', 'write'],
  locals: (a: { m: number; addr: number; write: boolean }) => ({ m: a.m ?? null, addr: a.addr ?? null, write: a.write ?? false }),
  steps: ($) => [
    $.step('device_access', {
      at: 'device: access through the mirror entry',
      run: (c) => {
        const m = c.s.mirrors[c.l.m] as unknown as { kind: string; entries: readonly ({ frame: number; write: boolean } | null)[] };
        const e = m.entries[c.l.addr] ?? null;
        const write = c.l.write === true;
        // the mirror kind's fault handler, found by name
        if (e === null || (write && !e.write)) return c.callByName(`${m.kind}.fault`, { m: c.l.m, addr: c.l.addr, write }, 'fault_returned');
        if (write) writeFrame(c.s, e.frame);
        return finish(c);
      },
    }),
    $.local('fault_returned', (c) => (typeof c.t.rv === 'number' && c.t.rv < 0 ? DONE : 'device_access'), 'device: fault handler returned'),
  ],
});

export const accessPrograms: readonly Program[] = [cpuAccess, deviceAccess];
