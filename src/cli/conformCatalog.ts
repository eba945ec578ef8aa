/**
 * Wires `mnc conform` to the model: the catalog as plain `KnownSite`s, and a
 * verifier that runs a site's scenarios with the event and vma found in the
 * source (the engine's src/conform never imports the model).
 */
import { CATALOG, EVENTS, siteById, type EventProfile, type MmuNotifyEvent } from '../../model/sites/catalog.js';
import type { KnownSite, SiteVerifier } from '../conform/KnownSite.js';
import { bfs } from '../engine/bfs.js';
import { matchesExpected } from './matchesExpected.js';
import type { SiteOverride } from './parseOverride.js';
import { siteChecks } from './siteChecks.js';
import { stripVTControlCharacters } from 'node:util';
import { formatViolation } from '../report/formatResult.js';
import { readableTrace } from '../report/TraceStep.js';

export function catalogSites(): KnownSite[] {
  return CATALOG.map((s) => ({ id: String(s.id), file: s.file, function: s.function, event: s.event, vma: s.vma, vmaInScope: s.vmasInScope }));
}

/**
 * Runs every scenario of the site: with the profile whose event and vma are
 * the ones found (its expectations stand, findings included), else with an
 * override (then every scenario must be `ok`). A scenario that disagrees
 * fails the site with its counterexample.
 */
export function modelVerifier(maxSeconds: number): SiteVerifier {
  return async (known, event, vma) => {
    const s = siteById(Number(known.id));
    if (!s) return { status: 'skipped', reason: `no catalog site ${known.id}` };
    if (!(EVENTS as readonly string[]).includes(event)) return { status: 'skipped', reason: `the model has no event ${event}` };
    const e = event as MmuNotifyEvent;
    let profile: EventProfile = 'seed';
    let overrides: SiteOverride[] = [];
    if (vma === s.vma && e === s.v52Event) profile = 'v5.2';
    else if (vma !== s.vma || e !== s.event) overrides = [{ site: s.id, event: e, vma }];
    const checks = siteChecks({ profile, sites: [s.id], overrides });
    if (checks.length === 0) return { status: 'skipped', reason: `no scenario checks site ${s.id} yet` };
    for (const c of checks) {
      const built = c.build();
      const r = bfs(built.model, built.properties, { maxSeconds });
      if (r.status === 'model-error') return { status: 'skipped', reason: `scenario ${c.scenario.name}: ${r.message}` };
      if (r.status === 'incomplete') return { status: 'skipped', reason: `scenario ${c.scenario.name} incomplete (${r.reason})` };
      if (!matchesExpected(c.expected, c.expectedProperty, r)) {
        const v = r.violations[0];
        const why = v ? `${v.property}: ${v.message} (counterexample of ${v.trace.path.length} steps; replay with mnc check --site ${s.id} --scenario ${c.scenario.name} --override ${s.id}:event=${e},vma=${vma} --traces)` : `expected ${c.expected}, got ${r.status}`;
        const counterexample = v ? stripVTControlCharacters(formatViolation(v, v.trace.path.length ? readableTrace(built.model, v.trace) : undefined)) : undefined;
        return { status: 'fail', message: `scenario ${c.scenario.name}: ${why}`, ...(counterexample ? { counterexample } : {}) };
      }
    }
    return { status: 'pass' };
  };
}
