/**
 * Triage of a violation in a built mm scenario (a drawn one, `mnc random
 * --past-known`, `mnc nightly`): the sites its trace starts ranges for,
 * the mirror kinds subscribed and the property, matched against
 * FINDINGS.md's list. Returns the known finding's id, or undefined (new).
 */
import type { Violation } from '../engine/ExploreResult.js';
import { readableTrace } from '../report/TraceStep.js';
import { knownFindingOf, type Observed } from '../triage/KnownFinding.js';
import { KNOWN_FINDINGS } from '../../model/findings/KNOWN_FINDINGS.js';
import type { Built } from './ScenarioEntry.js';

/** Catalog sites whose ranges the trace initialises (`#16 mm0 [0,2) ...` in a range's value). */
export function reachedSites(built: Built, v: Violation): string[] {
  const sites = new Set<string>();
  const t = readableTrace(built.model, v.trace);
  for (const s of t.steps) {
    for (const [, after] of Object.values(s.changes)) {
      if (typeof after !== 'string') continue;
      for (const m of after.matchAll(/#(\d+) mm\d/g)) sites.add(m[1]!);
    }
  }
  for (const m of v.message.matchAll(/site=[^ ]*#(\d+)/g)) sites.add(m[1]!);
  return [...sites];
}

/** What triage needs of a violation in a built scenario. */
export function observedOf(built: Built, v: Violation): Observed {
  const scenario = built.scenario as { mirrors?: readonly { kind: string }[] } | undefined;
  const mirrors = [...new Set((scenario?.mirrors ?? []).map((m) => m.kind))];
  return { sites: reachedSites(built, v), property: v.kind === 'deadlock' ? 'deadlock' : v.property, mirrors };
}

export function triageViolation(built: Built, v: Violation): string | undefined {
  return knownFindingOf(KNOWN_FINDINGS, observedOf(built, v))?.id;
}
