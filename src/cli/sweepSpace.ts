/**
 * From the options of `mnc sweep` to its items: the scope and bounds, the
 * generated configurations, the shard, and the plain-data jobs.
 */
import { generateSweep } from '../../model/sweep/generateSweep.js';
import { SCOPES, SCOPE_NAMES, type ScopeName, type SweepBounds } from '../../model/sweep/SweepScope.js';
import { MIRROR_KINDS } from '../../model/mirrors/mirrorKinds.js';
import type { EventProfile } from '../../model/sites/catalog.js';
import { shardOf, type Shard } from '../sweep/shardOf.js';
import type { SweepItem } from '../sweep/SweepItem.js';
import type { SweepJob } from './SweepJob.js';
import { UsageError } from './UsageError.js';
import { sweepModeFields } from '../sweep/sweepMode.js';
import { eventProfile } from './eventProfile.js';

export interface SweepOptions {
  readonly scope: string;
  readonly sites: readonly number[];
  readonly mirror?: string;
  /** Only configurations of this layout (by name, as in the ids). */
  readonly layout?: string;
  readonly events: string;
  readonly shard: Shard | null;
  readonly maxSeconds: number;
  /** Each configuration under partial-order reduction, checked on every state (`--por-check`). */
  readonly porCheck?: boolean;
  /** With porCheck: sleep sets on top (`--sleep-sets`). */
  readonly sleepSets?: boolean;
  /** Every property's violation per configuration, not only the first (`--all-violations`). */
  readonly allViolations?: boolean;
  readonly maxVmas?: number;
  readonly maxMirrors?: number;
  readonly maxThreads?: number;
}

export interface SweepPlan {
  readonly scope: string;
  readonly events: EventProfile;
  readonly items: SweepItem<SweepJob>[];
  readonly skipped: Record<string, number>;
  /** The filters as reported (`site=24 mirror=kvm`), '' for the whole scope. */
  readonly filter: string;
}

/** The bounds of a scope with explicit bounds on top, and the scope's name as reported (`custom(...)` when overridden). */
export function boundsOf(o: SweepOptions): { bounds: SweepBounds; name: string } {
  if (!SCOPE_NAMES.includes(o.scope as ScopeName)) throw new UsageError(`--scope ${o.scope}: expected ${SCOPE_NAMES.join(', ')}`);
  const base = SCOPES[o.scope as ScopeName];
  const over: string[] = [];
  const b = { ...base };
  if (o.maxVmas !== undefined) {
    (b as { maxVmas: number }).maxVmas = o.maxVmas;
    over.push(`max-vmas=${o.maxVmas}`);
  }
  if (o.maxMirrors !== undefined) {
    (b as { maxMirrors: number }).maxMirrors = o.maxMirrors;
    over.push(`max-mirrors=${o.maxMirrors}`);
  }
  if (o.maxThreads !== undefined) {
    (b as { maxThreads: number }).maxThreads = o.maxThreads;
    over.push(`max-threads=${o.maxThreads}`);
  }
  return { bounds: b, name: over.length ? `custom(${o.scope},${over.join(',')})` : o.scope };
}

export function sweepPlan(o: SweepOptions): SweepPlan {
  const events = eventProfile(o.events);
  if (o.mirror !== undefined && !MIRROR_KINDS.some((k) => k.kind === o.mirror)) {
    throw new UsageError(`--mirror ${o.mirror}: no such mirror kind (kinds: ${MIRROR_KINDS.map((k) => k.kind).join(', ')})`);
  }
  const { bounds, name } = boundsOf(o);
  const space = generateSweep(bounds, {
    events,
    ...(o.sites.length ? { sites: o.sites } : {}),
    ...(o.mirror !== undefined ? { mirror: o.mirror } : {}),
    ...(o.layout !== undefined ? { layout: o.layout } : {}),
  });
  const items = space.configs
    .filter((c) => o.shard === null || shardOf(c.id, o.shard.count) === o.shard.index)
    .map((c): SweepItem<SweepJob> => ({
      id: c.id,
      site: String(c.site),
      path: c.path,
      config: { layout: c.layout, subscribers: [...c.subscribers], threads: [...c.threads] },
      job: { site: c.site, scenario: c.scenario, events, maxSeconds: o.maxSeconds, ...sweepModeFields(o) },
    }));
  const filter = [
    ...o.sites.map((s) => `site=${s}`),
    ...(o.mirror !== undefined ? [`mirror=${o.mirror}`] : []),
    ...(o.layout !== undefined ? [`layout=${o.layout}`] : []),
  ].join(' ');
  return { scope: name, events, items, skipped: { ...space.skipped }, filter };
}
