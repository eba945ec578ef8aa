import type { Model } from '../../src/engine/Model.js';
import { checkedKvmRaceOptions, type KvmRaceOptions } from './KvmRaceOptions.js';
import {
  BYTE,
  ENTRY_MASK,
  FAULT_DONE,
  F_SHIFT,
  KvmRaceLayout,
  MMU_LOCK,
  PFN_SHIFT,
  PRESENT,
  PTL,
  SEQ_SHIFT,
  SPTE_SHIFT,
  S_SHIFT,
  WRITABLE,
  type KvmRaceState,
} from './KvmRaceLayout.js';
import { describeKvmRaceAction, describeKvmRaceState } from './describeKvmRace.js';

/** An action is the index of the thread that moves: each thread has at most one enabled step. */
export type KvmRaceAction = number;

export interface KvmRaceModel extends Model<KvmRaceState, KvmRaceAction> {
  readonly options: KvmRaceOptions;
  readonly layout: KvmRaceLayout;
}

const RW_ENTRY = PRESENT | WRITABLE;

/**
 * kvm-race(P, F, Z, M): bench/spin/kvm-race.md, every numbered step
 * one transition. The steps abstract the v5.0 kernel paths cited at each
 * step; the Promela twin in bench/spin/gen.sh has the same steps.
 */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** The state with each group's words in ascending order (a copy only when some group is out of order). */
function sortGroups(s: KvmRaceState, groups: readonly number[][]): KvmRaceState {
  let out: KvmRaceState | undefined;
  for (const g of groups) {
    const cur = out ?? s;
    let sorted = true;
    for (let i = 1; i < g.length && sorted; i++) if (cur[g[i - 1]!]! > cur[g[i]!]!) sorted = false;
    if (sorted) continue;
    out ??= s.slice();
    const words = g.map((w) => out![w]!).sort((a, b) => a - b);
    g.forEach((w, i) => (out![w] = words[i]!));
  }
  return out ?? s;
}

export function kvmRaceModel(opts: KvmRaceOptions): KvmRaceModel {
  const o = checkedKvmRaceOptions(opts);
  const L = new KvmRaceLayout(o);
  const { P, FREE, GLOBALS: G, T0, threads: N, INV_RELEASE_PTL, INV_END_LOCK, INV_DONE } = L;
  const ZM = o.Z + o.M;
  const nocount = o.variant === 'nocount';

  const initial = new Int32Array(L.words);
  for (let i = 0; i < P; i++) initial[i] = RW_ENTRY | (i << PFN_SHIFT); // page i present, writable, pfn i
  initial[FREE] = ((1 << o.F) - 1) << P; // frames P..P+F-1

  /** One invalidator step (zap when `zap`, else mprotect) at program counter `pc`. */
  function invalidatorStep(n: KvmRaceState, t: number, pc: number, zap: boolean): void {
    if (pc === 0) {
      // virt/kvm/kvm_main.c:kvm_mmu_notifier_invalidate_range_start: spin_lock(&kvm->mmu_lock);
      // kvm->mmu_notifier_count++; kvm_unmap_hva_range (zap) / the writable sptes (mprotect:
      // every spte this model creates is writable, so both clear all of them).
      n[G] = (n[G]! + 1) | MMU_LOCK;
      for (let i = 0; i < P; i++) {
        const sp = (n[i]! >>> SPTE_SHIFT) & ENTRY_MASK;
        if (zap || (sp & WRITABLE) !== 0) n[i] = n[i]! & ENTRY_MASK;
      }
    } else if (pc === 1) {
      n[G] = n[G]! & ~MMU_LOCK; // kvm_main.c:kvm_mmu_notifier_invalidate_range_start: spin_unlock
    } else if (pc === 2) {
      // mm/memory.c:zap_pte_range / mm/mprotect.c:change_pte_range: pte_offset_map_lock
      n[G] = n[G]! | PTL;
    } else if (pc < INV_RELEASE_PTL) {
      const i = pc - 3;
      const e = n[i]! & ENTRY_MASK;
      if (zap) {
        // mm/memory.c:zap_pte_range: ptep_get_and_clear_full; the frame is freed (tlb_finish_mmu).
        if ((e & PRESENT) !== 0) {
          n[FREE] = n[FREE]! | (1 << (e >>> PFN_SHIFT));
          n[i] = n[i]! & ~ENTRY_MASK;
        }
      } else {
        // mm/mprotect.c:change_pte_range: ptent = pte_wrprotect(ptent) (frame unchanged).
        n[i] = n[i]! & ~WRITABLE;
      }
    } else if (pc === INV_RELEASE_PTL) {
      n[G] = n[G]! & ~PTL; // zap_pte_range / change_pte_range: pte_unmap_unlock
    } else if (pc === INV_END_LOCK) {
      // virt/kvm/kvm_main.c:kvm_mmu_notifier_invalidate_range_end: spin_lock(&kvm->mmu_lock);
      // kvm->mmu_notifier_seq++; smp_wmb(); kvm->mmu_notifier_count--;
      const g = n[G]!;
      n[G] = ((g & BYTE) - 1) | ((((g >>> SEQ_SHIFT) & BYTE) + 1) << SEQ_SHIFT) | (g & PTL) | MMU_LOCK;
    } else {
      n[G] = n[G]! & ~MMU_LOCK; // kvm_mmu_notifier_invalidate_range_end: spin_unlock
    }
    n[T0 + t] = pc + 1;
  }

  /** One fault step for fault thread `t` (word `w`), page `p`. */
  function faultStep(n: KvmRaceState, t: number, w: number, p: number): void {
    const pc = w & BYTE;
    let s = (w >>> S_SHIFT) & BYTE;
    let f = w >>> F_SHIFT;
    let next = pc + 1;
    switch (pc) {
      case 0: // arch/x86/kvm/mmu.c:tdp_page_fault: mmu_seq = vcpu->kvm->mmu_notifier_seq; smp_rmb();
        s = (n[G]! >>> SEQ_SHIFT) & BYTE;
        break;
      case 1:
        // arch/x86/kvm/mmu.c:try_async_pf -> virt/kvm/kvm_main.c:hva_to_pfn -> mm/gup.c:
        // get_user_pages_unlocked -> mm/memory.c:handle_mm_fault (do_anonymous_page): pte_offset_map_lock
        n[G] = n[G]! | PTL;
        break;
      case 2: {
        const e = n[p]! & ENTRY_MASK;
        if ((e & PRESENT) === 0) {
          const free = n[FREE]!;
          if (free === 0) {
            // unreachable (|free| >= F): the allocation fails, the fault ends; the lock is dropped.
            n[G] = n[G]! & ~PTL;
            next = FAULT_DONE;
            break;
          }
          // mm/memory.c:do_anonymous_page: alloc_zeroed_user_highpage_movable; set_pte_at(writable)
          const frame = 31 - Math.clz32(free & -free); // lowest free frame
          n[FREE] = free & ~(1 << frame);
          n[p] = (n[p]! & ~ENTRY_MASK) | RW_ENTRY | (frame << PFN_SHIFT);
          f = frame;
        } else if ((e & WRITABLE) === 0) {
          // mm/gup.c:follow_page_pte / faultin_page on a write-protected pte: the fault fails
          // (the model has no COW: the VMA is read-only); pte_unmap_unlock, the thread ends.
          n[G] = n[G]! & ~PTL;
          next = FAULT_DONE;
        } else {
          f = e >>> PFN_SHIFT; // mm/gup.c:follow_page_pte: page = vm_normal_page(...)
        }
        break;
      }
      case 3: // pte_unmap_unlock
        n[G] = n[G]! & ~PTL;
        break;
      case 4: // arch/x86/kvm/mmu.c:tdp_page_fault: spin_lock(&vcpu->kvm->mmu_lock);
        n[G] = n[G]! | MMU_LOCK;
        break;
      case 5: {
        // include/linux/kvm_host.h:mmu_notifier_retry: count != 0 || seq != mmu_seq
        // (nocount: only seq). Retry: spin_unlock, the vcpu faults again from step 1.
        const g = n[G]!;
        if ((!nocount && (g & BYTE) !== 0) || ((g >>> SEQ_SHIFT) & BYTE) !== s) {
          n[G] = g & ~MMU_LOCK;
          next = 0;
        } else {
          // arch/x86/kvm/mmu.c:__direct_map -> mmu_set_spte: writable spte to pfn f.
          n[p] = (n[p]! & ENTRY_MASK) | ((RW_ENTRY | (f << PFN_SHIFT)) << SPTE_SHIFT);
        }
        break;
      }
      default: // tdp_page_fault: spin_unlock(&vcpu->kvm->mmu_lock); the thread ends.
        n[G] = n[G]! & ~MMU_LOCK;
    }
    n[T0 + t] = next | (s << S_SHIFT) | (f << F_SHIFT);
  }

  // Symmetry (`--symmetry`): threads of one kind with the same program are
  // interchangeable (locks record no owner, frames are taken lowest first):
  // zap threads, mprotect threads, and fault threads of the same page.
  const groups: number[][] = [range(0, o.Z), range(o.Z, ZM)];
  for (let p = 0; p < P; p++) groups.push(range(ZM, N).filter((t) => L.faultPage(t) === p));
  for (const g of groups) g.forEach((t, i) => (g[i] = T0 + t)); // thread index -> word index

  /** Thread `t` takes its one enabled step, in place. */
  function step(n: KvmRaceState, t: number): void {
    const w = n[T0 + t]!;
    if (t < ZM) invalidatorStep(n, t, w, t < o.Z);
    else faultStep(n, t, w, L.faultPage(t));
  }

  return {
    name: `kvm-race(P=${P},F=${o.F},Z=${o.Z},M=${o.M})${nocount ? '-nocount' : ''}`,
    options: o,
    layout: L,
    initialStates: () => [initial],
    actions(s, out) {
      const g = s[G]!;
      for (let t = 0; t < N; t++) {
        const w = s[T0 + t]!;
        if (t < ZM) {
          if (w === INV_DONE) continue;
          if ((w === 0 || w === INV_END_LOCK) && (g & MMU_LOCK) !== 0) continue;
          if (w === 2 && (g & PTL) !== 0) continue;
        } else {
          const pc = w & BYTE;
          if (pc === FAULT_DONE) continue;
          if (pc === 1 && (g & PTL) !== 0) continue;
          if (pc === 4 && (g & MMU_LOCK) !== 0) continue;
        }
        out.push(t);
      }
    },
    nextState(s, t) {
      const n = s.slice();
      step(n, t);
      return n;
    },
    // The engine's packed fast path: the successor goes into its scratch buffer.
    packed: {
      width: L.words,
      nextInto(s, t, out) {
        out.set(s);
        step(out, t);
      },
    },
    key: (s) => s,
    isDone(s) {
      for (let t = 0; t < N; t++) {
        const w = s[T0 + t]!;
        if (t < ZM ? w !== INV_DONE : (w & BYTE) !== FAULT_DONE) return false;
      }
      return true;
    },
    representative: (s) => sortGroups(s, groups),
    describeAction: (s, t) => describeKvmRaceAction(L, s, t),
    describeState: (s) => describeKvmRaceState(L, s),
  };
}
