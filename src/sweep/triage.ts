import type { KnownSignature } from './KnownSignature.js';
import type { Consequences } from '../triage/KnownFinding.js';
import type { SweepRecord, SweepTraceStep, SweepViolation } from './SweepRecord.js';

/** The role of a thread in a trace shape: its name without numbering (`dev0` -> `dev`). */
const role = (thread: string): string => thread.replace(/_?\d+$/, '');

/**
 * The shape of a trace: the threads that moved, consecutive moves of one
 * thread collapsed, and the label of the last step (where it went wrong).
 */
export function traceShape(trace: readonly SweepTraceStep[] | undefined): string {
  if (!trace || trace.length === 0) return '-';
  const roles: string[] = [];
  for (const s of trace) if (roles[roles.length - 1] !== role(s.thread)) roles.push(role(s.thread));
  return `${roles.join('>')}@${trace[trace.length - 1]!.label}`;
}

/** The triage signature of a violation: site | property | mirror kinds (sorted) | trace shape. */
export function signatureOf(r: Pick<SweepRecord, 'site' | 'property' | 'config' | 'trace'>): string {
  const kinds = [...new Set(r.config.subscribers)].sort().join('+');
  return `${r.site}|${r.property ?? '-'}|${kinds}|${traceShape(r.trace)}`;
}

/** Whether a configuration fits a known finding's pattern (all but what the violation says: its property and message). */
function fits(k: KnownSignature, r: SweepRecord): boolean {
  return (
    (!k.sites || k.sites.includes(r.site)) &&
    (!k.paths || k.paths.includes(r.path)) &&
    (!k.kinds || k.kinds.some((x) => r.config.subscribers.includes(x))) &&
    (k.minSubscribers === undefined || r.config.subscribers.length >= k.minSubscribers) &&
    (!k.layouts || k.layouts.some((l) => r.config.layout.includes(l))) &&
    (!k.threads || k.threads.some((t) => r.config.threads.some((x) => x.includes(t)))) &&
    (!k.repeatedThread || r.config.threads.filter((x) => x.includes(k.repeatedThread!.text)).length >= k.repeatedThread.count) &&
    (!k.racers || r.config.threads.slice(1).some((x) => k.racers!.some((t) => x.includes(t))))
  );
}

/** Whether a known finding's pattern matches a violation record. */
export function matches(k: KnownSignature, r: SweepRecord, events: 'seed' | 'v5.2'): boolean {
  return (
    r.property !== null &&
    k.properties.includes(r.property) &&
    (!k.events || k.events.includes(events)) &&
    (!k.messages || k.messages.some((m) => r.message?.includes(m) === true)) &&
    fits(k, r)
  );
}

/**
 * A finished record with its signature and, when the signature is a known
 * one, the finding id; each of its other violations (`also`, under
 * `--all-violations`) likewise, as the same configuration with that
 * violation's property, message and trace, and else, when its property is
 * the stated consequence of a finding the configuration shows, as that
 * finding's (`consequence`). A new cause of that same property in that
 * configuration would be masked: each property reports its shortest
 * violation only, as without the flag the configuration its first.
 */
export function triage(r: SweepRecord, known: readonly KnownSignature[], events: 'seed' | 'v5.2'): SweepRecord {
  if (r.status !== 'violation' && r.status !== 'deadlock') return { ...r, signature: null, known: null };
  const k = known.find((x) => matches(x, r, events));
  const direct = r.also?.map((v): SweepViolation => {
    const as: SweepRecord = { ...r, property: v.property, message: v.message, trace: v.trace };
    const { consequence: _c, ...plain } = v;
    return { ...plain, signature: signatureOf(as), known: known.find((x) => matches(x, as, events))?.id ?? null };
  });
  // what no signature names may be the stated consequence of a finding the configuration shows (its first, or another)
  const shown = new Set([k?.id, ...(direct ?? []).map((v) => v.known)].filter((id): id is string => typeof id === 'string'));
  const also = direct?.map((v): SweepViolation => {
    if (v.known !== null) return v;
    const caused = (c: Consequences | undefined): boolean =>
      c !== undefined && c.properties.includes(v.property) && (!c.mirrors || c.mirrors.some((m) => r.config.subscribers.includes(m)));
    const cause = known.find((x) => shown.has(x.id) && caused(x.consequences));
    return cause ? { ...v, known: cause.id, consequence: true } : v;
  });
  return { ...r, signature: signatureOf(r), known: k?.id ?? null, ...(also ? { also } : {}) };
}

/** The record's violations, its first and then the others (`also`), each with its property, message, trace and triage. */
export function violationsOf(r: SweepRecord): SweepViolation[] {
  if (r.status !== 'violation' && r.status !== 'deadlock') return [];
  const first: SweepViolation = {
    property: r.property ?? r.status,
    known: r.known,
    signature: r.signature,
    message: r.message ?? '',
    ...(r.trace ? { trace: r.trace } : {}),
  };
  return [first, ...(r.also ?? [])];
}

/** The record's violations that no known finding names. */
export function newViolations(r: SweepRecord): SweepViolation[] {
  return violationsOf(r).filter((v) => v.known === null);
}

/** A violation or deadlock with a new violation: its first, or one past it (`--all-violations`). */
export function hasNewViolation(r: SweepRecord): boolean {
  return newViolations(r).length > 0;
}

/** The known findings a record shows: its first violation's, and those past it (`--all-violations`). */
export function knownIdsOf(r: SweepRecord): string[] {
  return [...new Set(violationsOf(r).flatMap((v) => (v.known === null ? [] : [v.known])))];
}

/** Known findings of the event profile some swept configuration fits (what a whole, unfiltered sweep must reach). */
export function knownInScope(known: readonly KnownSignature[], records: readonly SweepRecord[], events: 'seed' | 'v5.2'): string[] {
  const ids = known.filter((k) => (!k.events || k.events.includes(events)) && records.some((r) => fits(k, r))).map((k) => k.id);
  return [...new Set(ids)];
}
