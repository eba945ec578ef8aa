import type { Invariant } from '../src/engine/Property.js';
import { ENTRY_MASK, PFN_SHIFT, PRESENT, SPTE_SHIFT, WRITABLE, entryText, type KvmRaceState } from '../model/kvm-race/KvmRaceLayout.js';

/**
 * kvm-race's invariant (bench/spin/kvm-race.md, "Property"): for
 * every page p, `spte[p].present` implies `pte[p].present`,
 * `spte[p].pfn == pte[p].pfn`, and `spte[p].writable` implies
 * `pte[p].writable`. The secondary MMU never maps what the CPU page table
 * does not, nor with more rights. Deadlock is the engine's own check.
 */
export function spteCoherence(P: number): Invariant<KvmRaceState> {
  return {
    kind: 'invariant',
    name: 'spte-coherence',
    description: 'every present spte maps the same frame as its pte, writable only if the pte is',
    check(s) {
      for (let p = 0; p < P; p++) {
        const w = s[p]!;
        const sp = (w >>> SPTE_SHIFT) & ENTRY_MASK;
        if ((sp & PRESENT) === 0) continue;
        const pte = w & ENTRY_MASK;
        const ok = (pte & PRESENT) !== 0 && sp >>> PFN_SHIFT === pte >>> PFN_SHIFT && ((sp & WRITABLE) === 0 || (pte & WRITABLE) !== 0);
        if (!ok) return `page ${p}: spte[${p}] is ${entryText(sp)} but pte[${p}] is ${entryText(pte)} (KVM mirror, secondary MMU)`;
      }
      return undefined;
    },
  };
}

/** The properties kvm-race is checked against. */
export function kvmRaceProperties(P: number): readonly Invariant<KvmRaceState>[] {
  return [spteCoherence(P)];
}
