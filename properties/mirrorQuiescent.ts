/**
 * mirror-quiescent (invariant): when no invalidation is in flight on an mm
 * (no thread has a range on it between the first step of its start dispatch
 * and the last of its end dispatch), every mirror of that mm has its
 * in-flight bookkeeping back to zero (MirrorKind.inFlight: KVM
 * mmu_notifier_count, HMM notifiers, ODP notifiers_count). A count left
 * behind makes every later fault retry or wait forever.
 */
import type { Invariant } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { KindTable } from './view/mirrorKinds.js';
import { inflightOn } from './view/ranges.js';
import { where } from './view/where.js';

export function mirrorQuiescent(kinds: KindTable): Invariant<MmState> {
  return {
    name: 'mirror-quiescent',
    description: 'with no invalidation in flight on mm, each mirror bookkeeping (count, notifiers) is back to zero',
    kind: 'invariant',
    check(s) {
      for (let m = 0; m < s.mirrors.length; m++) {
        const ms = s.mirrors[m]!;
        const n = kinds.get(ms.kind)?.inFlight?.(ms) ?? 0;
        if (n !== 0 && !inflightOn(s, ms.mm)) {
          return `${where(s, { mm: ms.mm, mirror: m })}${ms.kind} in-flight count is ${n} while no invalidation is in flight`;
        }
      }
      return undefined;
    },
  };
}
