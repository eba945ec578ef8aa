/**
 * mirror-quiescent (invariant): when no invalidation is in flight on an mm
 * (no thread has a range on it between the first step of its start dispatch
 * and the last of its end dispatch), every mirror of that mm has its
 * in-flight bookkeeping back to zero (MirrorKind.inFlight: KVM
 * mmu_notifier_count, HMM notifiers, ODP notifiers_count). A count left
 * behind makes every later fault retry or wait forever.
 *
 * The one raise the contract allows is the one a mirror's ->release makes
 * on purpose to block its faults for good, told apart by the flag the
 * driver sets with it, not by the release being under way or the mirror
 * being unlinked (MirrorKind.raisedByRelease: RDMA ODP's dying umem,
 * drivers/infiniband/core/umem_odp.c:ib_umem_notifier_release_trampoline).
 * Any count beyond it is still a leak: an HMM v5.2 start that fails while
 * hmm_release runs leaves `notifiers` raised with no such flag (D5).
 */
import type { Invariant } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { KindTable } from './view/mirrorKinds.js';
import { inflightOn } from './view/ranges.js';
import { where } from './view/where.js';
import { MIRRORS, RANGES, readingParts } from './view/invariantParts.js';

export function mirrorQuiescent(kinds: KindTable): Invariant<MmState> {
  return readingParts(MIRRORS | RANGES, {
    name: 'mirror-quiescent',
    description:
      'with no invalidation in flight on mm, each mirror bookkeeping (count, notifiers) is back to zero, but for what its ->release raised for good (a dying ODP umem)',
    kind: 'invariant',
    check(s) {
      for (let m = 0; m < s.mirrors.length; m++) {
        const ms = s.mirrors[m]!;
        const k = kinds.get(ms.kind);
        const n = k?.inFlight?.(ms) ?? 0;
        const kept = k?.raisedByRelease?.(ms) ?? 0;
        if (n !== kept && !inflightOn(s, ms.mm)) {
          const why = kept === 0 ? '' : ` (${kept} of it raised for good by ->release)`;
          return `${where(s, { mm: ms.mm, mirror: m })}${ms.kind} in-flight count is ${n}${why} while no invalidation is in flight`;
        }
      }
      return undefined;
    },
  });
}
