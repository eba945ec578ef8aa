import { readFileSync } from 'node:fs';
import { applyHunks } from './applyHunks.js';
import { checkHeaderVariants } from './checkHeaderVariants.js';
import { checkPatch, type Change, type PatchCheck } from './checkPatch.js';
import { ConformInputError } from './ConformInputError.js';
import type { ConformReport, Declaration, MissingSite } from './ConformReport.js';
import { CODES, type Diagnostic } from './Diagnostic.js';
import { KNOWN_EVENTS } from './KNOWN_EVENTS.js';
import type { KnownSite, SiteVerifier } from './KnownSite.js';
import { majorityGeneration } from './majorityGeneration.js';
import { readPatch } from './readPatch.js';
import { patchPath, scanPatch } from './scanPatch.js';
import { HEADER, scanTree } from './scanTree.js';
import { judgeSites } from './judgeSites.js';
import type { Scanned } from './Scanned.js';

export interface ConformOptions {
  readonly tree?: string;
  readonly patch?: { readonly name: string; readonly bytes: Uint8Array };
  /** The sites the model knows; without it the catalog checks are skipped (with a note). */
  readonly catalog?: readonly KnownSite[];
  readonly verify?: SiteVerifier;
  /** Worker threads for a tree's prefilter (default one per core). */
  readonly threads?: number;
}

function scanPatchOnly(pc: PatchCheck, scans: ReturnType<typeof scanPatch>, notes: Diagnostic[]): Scanned {
  const diagnostics = [...notes, ...pc.diagnostics];
  const headerNew = scans.filter((s) => s.file === HEADER).flatMap((s) => s.new);
  if (pc.apiChanged && pc.to) {
    if (headerNew.length === 0) {
      diagnostics.push({
        file: HEADER,
        severity: 'error',
        code: CODES.headerVariant,
        message: `the calls move from ${pc.from} to ${pc.to} but the patch does not update mmu_notifier_range_init in ${HEADER}`,
      });
    } else diagnostics.push(...checkHeaderVariants(headerNew, pc.to, HEADER, false));
  }
  return {
    calls: pc.calls,
    from: pc.from,
    to: pc.to,
    apiChanged: pc.apiChanged,
    enumerators: KNOWN_EVENTS,
    bare: scans.flatMap((s) => s.bare),
    declarations: scans.flatMap((s) => s.new.filter((r) => r.kind !== 'call')),
    diagnostics,
    missing: [...pc.missing],
    filesScanned: new Set(scans.map((s) => s.file)).size,
    bytesScanned: 0,
  };
}

async function scanWithTree(
  opts: ConformOptions,
  tree: string,
  pc: PatchCheck | undefined,
  patch: ReturnType<typeof readPatch>['patch'] | undefined,
  notes: Diagnostic[],
): Promise<Scanned> {
  const overrides = new Map<string, string>();
  for (const f of patch?.files ?? []) {
    const path = patchPath(f);
    let text = '';
    if (f.oldPath !== undefined && overrides.has(f.oldPath))
      text = overrides.get(f.oldPath)!; // a series: later patches apply on earlier ones
    else if (f.oldPath !== undefined) {
      try {
        text = readFileSync(`${tree}/${f.oldPath}`, 'utf8');
      } catch {
        throw new ConformInputError(`${tree}/${f.oldPath}: the patch changes it but the tree has no such file`);
      }
    }
    overrides.set(path, f.newPath === undefined ? '' : applyHunks(text, f.hunks, `${tree}/${path}`));
  }
  const scan = await scanTree(tree, overrides, opts.threads);
  const all = scan.inits.filter((r) => r.kind === 'call');
  const to = scan.headerGeneration ?? majorityGeneration(all);
  const changes = new Map<string, Change[]>();
  for (const c of pc?.calls ?? []) {
    const k = `${c.call.file}\0${c.call.function}`;
    changes.set(k, [...(changes.get(k) ?? []), c.change]);
  }
  const calls = all.map((call) => ({ call, change: pc ? (changes.get(`${call.file}\0${call.function}`)?.shift() ?? 'unchanged') : null }));
  const diagnostics = [...notes, ...scan.notes, ...(pc?.diagnostics.filter((d) => d.code === CODES.unreplacedCall) ?? [])];
  const missing: MissingSite[] = [...(pc?.missing.filter((m) => m.reason.startsWith('removed')) ?? [])];
  if (to) {
    diagnostics.push(
      ...checkHeaderVariants(
        scan.inits.filter((r) => r.file === HEADER),
        to,
        HEADER,
        true,
      ),
    );
    for (const call of all.filter((r) => r.generation !== to && !r.truncated)) {
      const where = call.function ? ` in ${call.function}()` : '';
      diagnostics.push({
        file: call.file,
        line: call.line,
        severity: 'error',
        code: CODES.missingSite,
        message: `missing site${where}: mmu_notifier_range_init has the ${call.generation} form (${call.args.length} arguments) but the header declares ${to}`,
      });
      missing.push({ file: call.file, line: call.line, function: call.function ?? null, catalogId: null, reason: `still the ${call.generation} form` });
    }
  }
  return {
    calls,
    from: pc?.from,
    to,
    apiChanged: pc?.apiChanged ?? false,
    enumerators: scan.enumerators ?? KNOWN_EVENTS,
    bare: scan.bare,
    declarations: scan.inits.filter((r) => r.kind !== 'call'),
    diagnostics,
    missing,
    filesScanned: scan.filesScanned,
    bytesScanned: scan.bytesScanned,
  };
}

/**
 * The conformance gate: scan a tree, a patch, or a tree with a patch applied
 * in memory; check the API change, the events and vmas, the catalog and the
 * model; return the report (never throws for findings, only for bad input).
 */
export async function runConform(opts: ConformOptions): Promise<ConformReport> {
  const t0 = performance.now();
  if (!opts.tree && !opts.patch) throw new ConformInputError('conform: give --tree DIR, --patch FILE, or both');
  const read = opts.patch ? readPatch(opts.patch.bytes, opts.patch.name) : undefined;
  const scans = read ? scanPatch(read.patch) : undefined;
  const pc = scans ? checkPatch(scans, HEADER) : undefined;
  const scanned = opts.tree ? await scanWithTree(opts, opts.tree, pc, read?.patch, read?.notes ?? []) : scanPatchOnly(pc!, scans!, read!.notes);
  const judged = await judgeSites(scanned, opts.catalog, opts.verify, opts.tree ? 'tree' : 'patch');
  const diagnostics = judged.diagnostics.sort(
    (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message),
  );
  return {
    mode: opts.tree && opts.patch ? 'tree+patch' : opts.tree ? 'tree' : 'patch',
    input: { tree: opts.tree ?? null, patch: opts.patch?.name ?? null },
    generation: { from: scanned.from ?? null, to: scanned.to ?? null },
    sites: judged.sites,
    declarations: scanned.declarations.map((r) => ({
      file: r.file,
      line: r.line,
      kind: r.kind as Declaration['kind'],
      callee: r.callee,
      generation: r.generation,
      parameters: r.args,
      conditions: r.conditions,
    })),
    missing: judged.missing,
    unmodelled: judged.sites.filter((s) => s.status === 'unmodelled'),
    stale: judged.stale,
    diagnostics,
    catalogSize: opts.catalog?.length ?? null,
    stats: { filesScanned: scanned.filesScanned, bytesScanned: scanned.bytesScanned, seconds: (performance.now() - t0) / 1000 },
    verdict: diagnostics.some((d) => d.severity === 'error') ? 'fail' : 'pass',
  };
}
