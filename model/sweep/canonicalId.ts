import { createHash } from 'node:crypto';
import type { Scenario } from '../scenario/Scenario.js';

/**
 * The canonical id of a configuration: a hash of the scenario with the
 * names taken out (mirrors by kind and position, threads by operation) and
 * the access threads sorted, minimised over the permutations of mirrors of
 * the same kind. Two configurations equal up to renaming get one id.
 */
export function canonicalId(prefix: string, s: Scenario): string {
  const forms = mirrorPermutations(s).map((perm) => canonicalForm(s, perm));
  forms.sort();
  return `${prefix}-${createHash('sha256').update(forms[0]!).digest('hex').slice(0, 12)}`;
}

/** Mirror index maps that only swap mirrors of the same kind on the same mm (at most two mirrors here; any number works). */
function mirrorPermutations(s: Scenario): number[][] {
  const ms = s.mirrors ?? [];
  const out: number[][] = [ms.map((_, i) => i)];
  for (let i = 0; i < ms.length; i++) {
    for (let j = i + 1; j < ms.length; j++) {
      if (ms[i]!.kind === ms[j]!.kind && ms[i]!.mm === ms[j]!.mm) {
        const p = ms.map((_, k) => (k === i ? j : k === j ? i : k));
        out.push(p);
      }
    }
  }
  return out;
}

function canonicalForm(s: Scenario, perm: readonly number[]): string {
  const ms = s.mirrors ?? [];
  const rename = new Map(ms.map((m, i) => [m.name, `m${perm[i]}`]));
  const mirrors = ms.map((m, i) => ({ i: perm[i], kind: m.kind, mm: m.mm, entries: m.entries ?? [] })).sort((a, b) => a.i! - b.i!);
  const mms = s.mms.map((mm) => ({
    vmas: mm.vmas.map(({ name: _n, ...v }) => v),
    mappings: mm.mappings ?? [],
    notifiers: (mm.notifiers ?? []).map((n) => rename.get(n) ?? n),
  }));
  const threads = s.threads.map((t) => {
    const args = { ...(t.args ?? {}) };
    if (t.op === 'device_access' && typeof args['m'] === 'number') args['m'] = perm[args['m']]!;
    return JSON.stringify([t.op, Object.entries(args).sort(([a], [b]) => a.localeCompare(b)), t.sites ?? null]);
  });
  const [first, ...rest] = threads;
  return JSON.stringify({
    g: s.geometry,
    f: s.frames,
    files: s.files ?? [],
    mms,
    mirrors,
    threads: [first, ...rest.sort()],
    profile: s.profile ?? 'seed',
    sites: s.sites ?? null,
    // only when set: the ids of configurations without it stay what they were
    ...(s.gatherBatch !== undefined ? { gather: s.gatherBatch } : {}),
  });
}
