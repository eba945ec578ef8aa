/**
 * The contract for a scenario: every property of properties/README.md,
 * plus the reachability guards the scenario needs (given, the scenario's
 * optional `reach` list, or inferred: always a started range, and the
 * mirror race when a device access runs beside a thread that is not a
 * bare access).
 */
import type { Property } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import type { Scenario } from '../model/scenario/Scenario.js';
import { MIRROR_KINDS } from '../model/mirrors/mirrorKinds.js';
import { changeCovered } from './changeCovered.js';
import { cpuTlbNoStaleFrame } from './cpuTlbNoStaleFrame.js';
import { deviceAccess } from './deviceAccess.js';
import { eventPromise } from './eventPromise.js';
import { faultProgress } from './faultProgress.js';
import { lockReleaseByHolder } from './lockReleaseByHolder.js';
import { mirrorCoherence } from './mirrorCoherence.js';
import { mirrorQuiescent } from './mirrorQuiescent.js';
import { mkcleanObserved } from './mkcleanObserved.js';
import { noSleepUnderSpinlock } from './noSleepUnderSpinlock.js';
import { noStaleFrame } from './noStaleFrame.js';
import { nonblockFailureNoEnd } from './nonblockFailureNoEnd.js';
import { pteUnderPtl } from './pteUnderPtl.js';
import { rangePairing } from './rangePairing.js';
import { rangeVma } from './rangeVma.js';
import { REACH_GUARDS } from './reachGuards.js';
import { threadEndsClosed } from './threadEndsClosed.js';
import { tlbMirrorCoherence } from './tlbMirrorCoherence.js';
import { vmaUnderMmapSem } from './vmaUnderMmapSem.js';
import { walkHoldsMmUsers } from './walkHoldsMmUsers.js';
import { kindTable } from './view/mirrorKinds.js';
import { groupMoverSteps } from './view/moverGroup.js';

export type MmProperty = Property<MmState, MmAction>;

const ACCESS_OPS = new Set(['cpu_access', 'device_access']);

/**
 * The guards a scenario needs when it names none. A started range always:
 * a scenario in which no range ever starts (no thread runs a site, not even
 * an access thread's COW or THP fault, #3, #4, #9, #19) checks no
 * invalidation, so it fails as vacuous (`unreachable`) instead of passing;
 * one that means to check the contract alone says `reach: []`.
 */
export function inferredGuards(scenario: Scenario): string[] {
  const ops = scenario.threads.map((t) => t.op);
  const invalidates = ops.some((op) => !ACCESS_OPS.has(op));
  return ['reach-range-started', ...(invalidates && ops.includes('device_access') ? ['reach-mirror-race'] : [])];
}

/** Every safety property (no reachability guards); the mover steps as one group (view/moverGroup.ts: the engine calls it once per transition). */
export function contractProperties(): MmProperty[] {
  const kinds = kindTable(MIRROR_KINDS);
  return groupMoverSteps([
    noStaleFrame(),
    cpuTlbNoStaleFrame(),
    mirrorCoherence(kinds),
    tlbMirrorCoherence(kinds),
    deviceAccess(kinds),
    rangePairing(),
    nonblockFailureNoEnd(),
    threadEndsClosed(),
    mirrorQuiescent(kinds),
    changeCovered(),
    mkcleanObserved(kinds),
    eventPromise(),
    rangeVma(),
    pteUnderPtl(),
    vmaUnderMmapSem(),
    walkHoldsMmUsers(),
    noSleepUnderSpinlock(),
    lockReleaseByHolder(),
    faultProgress(),
  ]);
}

/** The guards a scenario names in an optional `reach` field, else the inferred ones. */
export function scenarioGuards(scenario: Scenario): readonly string[] {
  const own = (scenario as { readonly reach?: unknown }).reach;
  return Array.isArray(own) && own.every((g) => typeof g === 'string') ? own : inferredGuards(scenario);
}

/** The properties for `scenario`; `reach` names guards (default: the scenario's own, else inferred). Unknown guard names throw. */
export function mmProperties(scenario: Scenario, reach: readonly string[] = scenarioGuards(scenario)): MmProperty[] {
  const guards = reach.map((name) => {
    const g = REACH_GUARDS[name];
    if (!g) throw new Error(`unknown reachability guard '${name}' (known: ${Object.keys(REACH_GUARDS).join(', ')})`);
    return g;
  });
  return [...contractProperties(), ...guards];
}
