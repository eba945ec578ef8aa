/**
 * Triage of a violation in a built mm scenario (a drawn one, `mnc random
 * --past-known`, `mnc nightly`): the sites its trace starts ranges for and
 * the events it passes there (the profile's, or an override's), the mirror
 * kinds subscribed and the property, matched against
 * FINDINGS.md's list. Returns the known finding's id, or undefined (new).
 */
import type { Violation } from '../engine/ExploreResult.js';
import { replay, type Replayed } from '../engine/replay.js';
import { NO_STALE_FRAME, STALE_ENTRY_ALSO_BREAKS } from '../../properties/noStaleFrame.js';
import { knownFindingOf, type Observed, type SiteEvent } from '../triage/KnownFinding.js';
import { KNOWN_FINDINGS } from '../../model/findings/KNOWN_FINDINGS.js';
import type { Built } from './ScenarioEntry.js';

/** The values the states a trace reaches describe themselves by (a range's reads `#16 mm0 [0,2) MMU_NOTIFY_UNMAP vma0 init`). */
function traceValues(built: Built, states: readonly unknown[]): string[] {
  const values: string[] = [];
  for (let i = 1; i < states.length; i++) {
    for (const x of Object.values(built.model.describeState(states[i]))) if (typeof x === 'string') values.push(x);
  }
  return values;
}

/** Catalog sites whose ranges the trace initialises (`#16 mm0 [0,2) ...` in a range's value), and those the message names. */
function reachedSites(values: readonly string[], message: string): string[] {
  const sites = new Set<string>();
  for (const after of values) for (const m of after.matchAll(/#(\d+) mm\d/g)) sites.add(m[1]!);
  for (const m of message.matchAll(/site=[^ ]*#(\d+)/g)) sites.add(m[1]!);
  return [...sites];
}

/** The events the trace's ranges were initialised with, by catalog site (`#1 mm0 [0,1) MMU_NOTIFY_SOFT_DIRTY ...`). */
function siteEvents(values: readonly string[]): SiteEvent[] {
  const seen = new Map<string, SiteEvent>();
  for (const after of values) {
    for (const m of after.matchAll(/#(\d+) mm\d+ \[[^)]*\) (MMU_NOTIFY_[A-Z_]+)/g)) seen.set(`${m[1]} ${m[2]}`, { site: m[1]!, event: m[2]! });
  }
  return [...seen.values()];
}

/**
 * What else the violation's last step breaks (the engine reports the first
 * in property order only): the other invariants of the state it enters, and
 * for a step property's violation the other step properties of that step (the
 * checker judges a step before the state it enters). A stale mirror entry
 * counts as its mirror's coherence violation too (STALE_ENTRY_ALSO_BREAKS).
 */
function alsoFailing(built: Built, v: Violation, r: Replayed<unknown, unknown>): string[] {
  if (v.kind !== 'invariant' && v.kind !== 'step') return [];
  // a mirror entry to a freed frame breaks its mirror's coherence too, which defers it to no-stale-frame
  const deferred = v.property === NO_STALE_FRAME ? [...STALE_ENTRY_ALSO_BREAKS] : [];
  const prev = r.states[r.states.length - 2];
  const action = r.actions[r.actions.length - 1];
  const failing: string[] = [];
  for (const p of built.properties) {
    if (p.name === v.property) continue;
    if (p.kind === 'invariant' && p.check(r.final) !== undefined) failing.push(p.name);
    if (v.kind === 'step' && p.kind === 'step' && prev !== undefined && p.check(prev, action, r.final) !== undefined) failing.push(p.name);
  }
  return [...new Set([...deferred, ...failing])];
}

/** What triage needs of a violation in a built scenario, but what else its last step breaks (`alsoFailing`). */
function observedAt(built: Built, v: Violation, r: Replayed<unknown, unknown>): Observed {
  const scenario = built.scenario as { mirrors?: readonly { kind: string }[] } | undefined;
  const mirrors = [...new Set((scenario?.mirrors ?? []).map((m) => m.kind))];
  const property = v.kind === 'deadlock' ? 'deadlock' : v.property;
  const values = traceValues(built, r.states);
  return { sites: reachedSites(values, v.message), property, mirrors, siteEvents: siteEvents(values) };
}

/** What triage needs of a violation in a built scenario (its trace replayed once). */
export function observedOf(built: Built, v: Violation): Observed {
  const r = replay(built.model, v.trace);
  return { ...observedAt(built, v, r), alsoFailing: alsoFailing(built, v, r) };
}

/** The known finding the violation is: by its own property, else (the properties of its last step judged only then) as a finding's consequence. */
export function triageViolation(built: Built, v: Violation): string | undefined {
  const r = replay(built.model, v.trace);
  const o = observedAt(built, v, r);
  return (knownFindingOf(KNOWN_FINDINGS, o) ?? knownFindingOf(KNOWN_FINDINGS, { ...o, alsoFailing: alsoFailing(built, v, r) }))?.id;
}
