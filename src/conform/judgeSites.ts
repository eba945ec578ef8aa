import { checkEventVma } from './checkEventVma.js';
import type { MissingSite, SiteReport, SiteStatus } from './ConformReport.js';
import { CODES, type Diagnostic } from './Diagnostic.js';
import type { KnownSite, SiteVerifier } from './KnownSite.js';
import { matchCatalog } from './matchCatalog.js';
import { verdictDiagnostic } from './verdictDiagnostic.js';
import type { Scanned } from './Scanned.js';

export interface Judged {
  readonly sites: SiteReport[];
  readonly missing: MissingSite[];
  readonly stale: MissingSite[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Judges every found call: its event and vma, its catalog entry (none:
 * unmodelled), and the model's verdict on its event and vma; catalog
 * entries not found are stale (a tree) or missing (a patch that changes the API).
 */
export async function judgeSites(
  scanned: Scanned,
  catalog: readonly KnownSite[] | undefined,
  verify: SiteVerifier | undefined,
  mode: 'tree' | 'patch',
): Promise<Judged> {
  const diagnostics = [...scanned.diagnostics];
  const missing = [...scanned.missing];
  const stale: MissingSite[] = [];
  const calls = [...scanned.calls].sort((a, b) => a.call.file.localeCompare(b.call.file) || a.call.line - b.call.line);
  const match = catalog
    ? matchCatalog(
        calls.map((c) => c.call),
        catalog,
      )
    : undefined;
  if (!catalog) diagnostics.push({ severity: 'note', code: CODES.noCatalog, message: 'no site catalog given: unmodelled and stale checks skipped' });
  const verdicts = new Map<string, string | null>();
  const known = new Map<string, readonly string[]>();
  const unchecked = new Set<string>();
  for (const { call } of calls) {
    const site = match?.matched.get(call);
    diagnostics.push(...checkEventVma(call, scanned.enumerators, site?.vmaInScope ?? []));
    if (call.truncated)
      diagnostics.push({
        file: call.file,
        line: call.line,
        severity: 'warning',
        code: CODES.truncatedCall,
        message: 'call cut off by the end of the visible text: its arguments are not all known',
      });
    const isMissing = missing.some((m) => m.file === call.file && m.line === call.line);
    if (site && verify && call.named.event !== undefined && call.named.vma !== undefined && !isMissing) {
      const v = await verify(site, call.named.event, call.named.vma);
      const key = `${call.file}:${call.line}`;
      if (v.status === 'fail') verdicts.set(key, v.counterexample ?? null);
      else if (v.status === 'known') known.set(key, v.findings);
      else if (v.status === 'unfinished' || v.status === 'error') unchecked.add(key);
      const d = verdictDiagnostic(call, site, v);
      if (d) diagnostics.push(d);
    }
  }
  for (const call of match?.unmatchedCalls ?? []) {
    const where = call.function ? ` in ${call.function}()` : '';
    diagnostics.push({
      file: call.file,
      line: call.line,
      severity: 'error',
      code: CODES.unmodelledSite,
      message: `unmodelled site${where}: the model's catalog does not know it`,
    });
  }
  for (const s of match?.unmatchedSites ?? []) {
    const entry = { file: s.file, line: null, function: s.function, catalogId: s.id, reason: '' };
    if (mode === 'patch' && scanned.apiChanged) {
      missing.push({ ...entry, reason: `catalog site not converted by the patch (${scanned.from} to ${scanned.to})` });
      diagnostics.push({
        file: s.file,
        severity: 'error',
        code: CODES.missingSite,
        message: `missing site ${s.id} in ${s.function}(): the patch moves the API from ${scanned.from} to ${scanned.to} but does not convert this catalog site`,
      });
    } else if (mode === 'tree') {
      stale.push({ ...entry, reason: 'catalog site not found in the tree' });
      diagnostics.push({
        file: s.file,
        severity: 'warning',
        code: CODES.staleSite,
        message: `stale catalog site ${s.id}: no mmu_notifier_range_init call in ${s.function}()`,
      });
    }
  }
  for (const b of scanned.bare) {
    diagnostics.push({
      file: b.file,
      line: b.line,
      severity: 'warning',
      code: CODES.bareRange,
      message: `range built without mmu_notifier_range_init${b.function ? ` in ${b.function}()` : ''}: ${b.how}`,
    });
  }
  const sites = calls.map(({ call, change }): SiteReport => {
    const here = diagnostics.filter((d) => d.file === call.file && d.line === call.line);
    const site = match?.matched.get(call);
    const status: SiteStatus = missing.some((m) => m.file === call.file && m.line === call.line)
      ? 'missing'
      : match && !site
        ? 'unmodelled'
        : verdicts.has(`${call.file}:${call.line}`)
          ? 'violation'
          : here.some((d) => d.severity === 'error' && d.code !== CODES.modelSkipped)
            ? 'invalid'
            : unchecked.has(`${call.file}:${call.line}`)
              ? 'unchecked'
              : known.has(`${call.file}:${call.line}`)
                ? 'known'
                : 'ok';
    const n = call.named;
    return {
      file: call.file,
      line: call.line,
      function: call.function ?? null,
      callee: call.callee,
      generation: call.generation,
      event: n.event ?? null,
      flags: n.flags ?? null,
      vma: n.vma ?? null,
      mm: n.mm ?? null,
      start: n.start ?? null,
      end: n.end ?? null,
      vmaInScope: [...new Set([...call.vmaInScope, ...(site?.vmaInScope ?? [])])],
      conditions: call.conditions,
      catalogId: site?.id ?? null,
      change,
      status,
      messages: here.map((d) => `${d.severity}: ${d.message}`),
      counterexample: verdicts.get(`${call.file}:${call.line}`) ?? null,
      known: known.get(`${call.file}:${call.line}`) ?? [],
    };
  });
  return { sites, missing, stale, diagnostics };
}
