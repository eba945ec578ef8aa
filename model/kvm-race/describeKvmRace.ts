import type { ActionInfo } from '../../src/engine/Model.js';
import {
  BYTE,
  ENTRY_MASK,
  FAULT_DONE,
  F_SHIFT,
  MMU_LOCK,
  PRESENT,
  PTL,
  SEQ_SHIFT,
  SPTE_SHIFT,
  S_SHIFT,
  WRITABLE,
  entryText,
  type KvmRaceLayout,
  type KvmRaceState,
} from './KvmRaceLayout.js';

/** The spec's step name for the move of thread `t` in state `s` (fault steps 3 and 6 name their outcome). */
export function describeKvmRaceAction(L: KvmRaceLayout, s: KvmRaceState, t: number): ActionInfo {
  return { thread: L.threadName(t), label: stepLabel(L, s, t) };
}

function stepLabel(L: KvmRaceLayout, s: KvmRaceState, t: number): string {
  const w = s[L.T0 + t]!;
  const kind = L.kind(t);
  if (kind !== 'fault') {
    const pc = w;
    if (pc === 0) return `1 invalidate_range_start: lock mmu_lock, count += 1, clear ${kind === 'zap' ? 'every' : 'every writable'} spte`;
    if (pc === 1) return '2 invalidate_range_start: unlock mmu_lock';
    if (pc === 2) return '3 lock ptl';
    if (pc < L.INV_RELEASE_PTL) return kind === 'zap' ? `4 zap pte[${pc - 3}]` : `4 write-protect pte[${pc - 3}]`;
    if (pc === L.INV_RELEASE_PTL) return '5 unlock ptl';
    if (pc === L.INV_END_LOCK) return '6 invalidate_range_end: lock mmu_lock, seq += 1, count -= 1';
    return '7 invalidate_range_end: unlock mmu_lock, end';
  }
  const p = L.faultPage(t);
  switch (w & BYTE) {
    case 0:
      return '1 s := seq';
    case 1:
      return '2 lock ptl';
    case 2: {
      const e = s[p]! & ENTRY_MASK;
      if ((e & PRESENT) === 0)
        return s[L.FREE] === 0 ? `3 pte[${p}] absent, no free frame: unlock ptl, end` : `3 pte[${p}] absent: map the lowest free frame, f := it`;
      if ((e & WRITABLE) === 0) return `3 pte[${p}] read-only: fault fails, unlock ptl, end`;
      return `3 pte[${p}] writable: f := pte[${p}].pfn`;
    }
    case 3:
      return '4 unlock ptl';
    case 4:
      return '5 lock mmu_lock';
    case 5: {
      const g = s[L.GLOBALS]!;
      const seqMoved = ((g >>> SEQ_SHIFT) & BYTE) !== ((w >>> S_SHIFT) & BYTE);
      const counting = (g & BYTE) !== 0 && !L.nocount;
      return counting || seqMoved ? '6 retry: unlock mmu_lock, back to 1' : `6 set spte[${p}] := pfn f, writable`;
    }
    default:
      return '7 unlock mmu_lock, end';
  }
}

/** A flat view: `pte[i]`, `spte[i]`, `free`, `count`, `seq`, `mmu_lock`, `ptl`, then each thread's pc and locals. */
export function describeKvmRaceState(L: KvmRaceLayout, s: KvmRaceState): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < L.P; i++) out[`pte[${i}]`] = entryText(s[i]! & ENTRY_MASK);
  for (let i = 0; i < L.P; i++) out[`spte[${i}]`] = entryText((s[i]! >>> SPTE_SHIFT) & ENTRY_MASK);
  const frames: number[] = [];
  for (let b = 0; b < 32; b++) if ((s[L.FREE]! >>> b) & 1) frames.push(b);
  out.free = `{${frames.join(',')}}`;
  const g = s[L.GLOBALS]!;
  out.count = g & BYTE;
  out.seq = (g >>> SEQ_SHIFT) & BYTE;
  out.mmu_lock = (g & MMU_LOCK) !== 0;
  out.ptl = (g & PTL) !== 0;
  for (let t = 0; t < L.threads; t++) {
    const w = s[L.T0 + t]!;
    const name = L.threadName(t);
    if (L.kind(t) !== 'fault') {
      out[`${name}.pc`] = w === L.INV_DONE ? 'ended' : invalidatorStepNumber(L, w);
    } else {
      out[`${name}.pc`] = (w & BYTE) === FAULT_DONE ? 'ended' : (w & BYTE) + 1;
      out[`${name}.s`] = (w >>> S_SHIFT) & BYTE;
      out[`${name}.f`] = w >>> F_SHIFT;
    }
  }
  return out;
}

/** The spec step (1..7, `4.i` for page i) an invalidator is about to take. */
function invalidatorStepNumber(L: KvmRaceLayout, pc: number): string | number {
  if (pc < 3) return pc + 1;
  if (pc < L.INV_RELEASE_PTL) return `4.${pc - 3}`;
  return pc - L.P + 2;
}
