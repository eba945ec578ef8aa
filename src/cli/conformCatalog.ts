/**
 * Wires `mnc conform` to the model: the catalog as plain `KnownSite`s, and a
 * verifier that runs a site's scenarios with the event and vma found in the
 * source (the engine's src/conform never imports the model).
 */
import { stripVTControlCharacters } from 'node:util';
import { isNotifierEvent } from '../../model/mm/NotifierEvent.js';
import { CATALOG, eventOf, siteById } from '../../model/sites/catalog.js';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';
import type { BudgetName, KnownSite, SiteVerdict, SiteVerifier } from '../conform/KnownSite.js';
import { bfs } from '../engine/bfs.js';
import { formatViolation } from '../report/formatResult.js';
import { readableTrace } from '../report/TraceStep.js';
import { matchesExpected } from './matchesExpected.js';
import type { SiteOverride } from './parseOverride.js';
import { siteChecks } from './siteChecks.js';
import { KNOWN_FINDINGS } from '../../model/findings/KNOWN_FINDINGS.js';
import { knownFindingOf } from '../triage/KnownFinding.js';

export function catalogSites(): KnownSite[] {
  return CATALOG.map((s) => ({ id: String(s.id), file: s.file, function: s.function, event: s.event, vma: s.vma, vmaInScope: s.vmasInScope }));
}

/**
 * Runs every scenario of the site. A scenario is written for an event and
 * vma at the site (pinned in its `sites`, else its profile's, `seed` by
 * default): when the event and vma found are those, it runs as `mnc check`
 * runs it and its expectation stands
 * (known findings included); otherwise it runs with the found event and vma
 * as an override, and its expectation still stands (a driver finding stays
 * expected; any other violation fails). A scenario that disagrees fails
 * the site with its counterexample, unless its violation is a known finding
 * (FINDINGS.md, e.g. F5 for PROTECTION_VMA at #10): then the other scenarios
 * still run, and only known findings make the site `known` (a note).
 */
/** `mnc conform`'s budget per scenario, as a cut-off check names it. */
export const CONFORM_BUDGET: BudgetName = { name: '--max-seconds', remedy: 'raise --max-seconds' };

export function modelVerifier(maxSeconds: number, budget: BudgetName = CONFORM_BUDGET): SiteVerifier {
  return async (site, event, vma): Promise<SiteVerdict> => {
    const s = siteById(Number(site.id));
    if (!s) return { status: 'skipped', reason: `no catalog site ${site.id}` };
    if (!isNotifierEvent(event)) return { status: 'skipped', reason: `the model has no event ${event}` };
    const e = event;
    const mine = SITE_SCENARIOS.filter((x) => x.site === s.id);
    if (mine.length === 0) return { status: 'skipped', reason: `no scenario checks site ${s.id} yet` };
    let known: { findings: string[]; message: string; counterexample?: string } | undefined;
    for (const x of mine) {
      const profile = x.scenario.profile ?? 'seed';
      const pinned = x.scenario.sites?.[String(s.id)] ?? { event: eventOf(s, profile), vma: s.vma };
      const overrides: SiteOverride[] = e === pinned.event && vma === pinned.vma ? [] : [{ site: s.id, event: e, vma }];
      // A scenario that pins this site's event/vma checks those values (e.g. a v5.2-event finding): it says nothing of others.
      if (overrides.length > 0 && x.scenario.sites?.[String(s.id)] !== undefined) continue;
      for (const c of siteChecks({ profile, sites: [s.id], scenario: x.scenario.name, overrides })) {
        let built: ReturnType<typeof c.build>;
        try {
          built = c.build();
        } catch (err) {
          // a scenario the model cannot build is the model's problem: reported, never a crash of the gate
          return { status: 'error', reason: `scenario ${c.scenario.name} cannot be built: ${err instanceof Error ? err.message : String(err)}` };
        }
        const r = bfs(built.model, built.properties, { maxSeconds });
        if (r.status === 'model-error') return { status: 'error', reason: `scenario ${c.scenario.name}: model error: ${r.message}` };
        if (r.status === 'incomplete') return { status: 'unfinished', scenario: c.scenario.name, maxSeconds, budget };
        if (matchesExpected(c.expected, c.expectedProperty, r)) continue;
        const v = r.violations[0];
        const replay = `mnc check --events ${profile} --site ${s.id} --scenario ${c.scenario.name}${overrides.length ? ` --override ${s.id}:event=${e},vma=${vma}` : ''} --traces`;
        const why = v
          ? `${v.property}: ${v.message} (counterexample of ${v.trace.path.length} steps; replay with ${replay})`
          : `expected ${c.expected}, got ${r.status} (${replay})`;
        const counterexample = v
          ? stripVTControlCharacters(formatViolation(v, v.trace.path.length ? readableTrace(built.model, v.trace) : undefined))
          : undefined;
        const findings = r.violations.map(
          (x) => knownFindingOf(KNOWN_FINDINGS, { sites: [String(s.id)], property: x.property, mirrors: c.mirrors, event: e })?.id,
        );
        if (v && findings.every((id) => id !== undefined)) {
          known ??= { findings: [], message: `scenario ${c.scenario.name}: ${why}`, ...(counterexample ? { counterexample } : {}) };
          for (const id of findings) if (!known.findings.includes(id)) known.findings.push(id);
          continue;
        }
        return { status: 'fail', message: `scenario ${c.scenario.name}: ${why}`, ...(counterexample ? { counterexample } : {}) };
      }
    }
    return known ? { status: 'known', ...known } : { status: 'pass' };
  };
}
