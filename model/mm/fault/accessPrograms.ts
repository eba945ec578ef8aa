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
import type { Program } from '../step/Program.js';
import { DONE } from '../step/Program.js';
import type { StepCtx } from '../step/StepCtx.js';

const HW = 'arch/x86/mm/fault.c';

function finish(c: StepCtx): string {
  c.ret(0);
  return DONE;
}

const cpuAccess: Program = {
  name: 'cpu_access',
  params: ['mm', 'addr', 'write'],
  locals: (a) => ({ mm: a['mm'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false }),
  steps: [
    {
      label: 'tlb_lookup',
      at: 'arch/x86 (hardware): TLB hit',
      run: (c) => {
        const e = c.s.mms[c.n('mm')]!.tlb[c.n('addr')] ?? null;
        const write = c.l['write'] === true;
        if (e === null || (write && !(e.write && e.dirty))) return 'page_walk';
        if (write) writeFrame(c.s, e.frame);
        return finish(c);
      },
    },
    {
      label: 'page_walk',
      at: 'arch/x86 (hardware): page walk, A/D update',
      run: (c) => {
        const mm = c.n('mm');
        const addr = c.n('addr');
        const write = c.l['write'] === true;
        const t = translate(c.s, mm, addr);
        if (t === null || (write && !t.write)) return c.call('do_user_addr_fault', { mm, addr, write }, 'fault_returned');
        if (t.huge) {
          const e = pmdAt(c.s, mm, addr) as Extract<ReturnType<typeof pmdAt>, { kind: 'huge' }>;
          if (!e.young || (write && !e.dirty)) setPmd(c.s, mm, addr, { ...e, young: true, dirty: e.dirty || write });
        } else {
          const p = pteAt(c.s, mm, addr) as Extract<Pte, { kind: 'present' }>;
          if (!p.young || (write && !p.dirty)) setPte(c.s, mm, addr, { ...p, young: true, dirty: p.dirty || write });
        }
        fillTlb(c.s, mm, addr, { frame: t.frame, gen: c.s.frames[t.frame]!.gen, write: t.write, dirty: t.dirty || write });
        if (write) writeFrame(c.s, t.frame);
        return finish(c);
      },
    },
    {
      label: 'fault_returned',
      at: `${HW}:__do_page_fault`,
      local: true,
      run: (c) => {
        // SIGSEGV / OOM: the access does not happen; else the instruction is retried
        if (typeof c.t.rv === 'number' && c.t.rv < 0) return DONE;
        return 'tlb_lookup';
      },
    },
  ],
};

const deviceAccess: Program = {
  name: 'device_access',
  params: ['m', 'addr', 'write'],
  locals: (a) => ({ m: a['m'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false }),
  steps: [
    {
      label: 'device_access',
      at: 'device: access through the mirror entry',
      run: (c) => {
        const m = c.s.mirrors[c.n('m')] as unknown as { kind: string; entries: readonly ({ frame: number; write: boolean } | null)[] };
        const e = m.entries[c.n('addr')] ?? null;
        const write = c.l['write'] === true;
        if (e === null || (write && !e.write)) {
          return c.call(`${m.kind}.fault`, { m: c.n('m'), addr: c.n('addr'), write }, 'fault_returned');
        }
        if (write) writeFrame(c.s, e.frame);
        return finish(c);
      },
    },
    {
      label: 'fault_returned',
      at: 'device: fault handler returned',
      local: true,
      run: (c) => (typeof c.t.rv === 'number' && c.t.rv < 0 ? DONE : 'device_access'),
    },
  ],
};

export const accessPrograms: readonly Program[] = [cpuAccess, deviceAccess];
