import { CODES, type Diagnostic } from './Diagnostic.js';
import type { MissingSite } from './ConformReport.js';
import type { Generation } from './Generation.js';
import type { HunkScan } from './HunkScan.js';
import type { RangeInit } from './RangeInit.js';
import { headerGenerationOf } from './headerGenerationOf.js';
import { majorityGeneration } from './majorityGeneration.js';

export type Change = 'converted' | 'added' | 'unchanged';

export interface PatchCheck {
  readonly from: Generation | undefined;
  readonly to: Generation | undefined;
  readonly apiChanged: boolean;
  /** Every call in the patch's new images, with how the patch touched it. */
  readonly calls: readonly { readonly call: RangeInit; readonly change: Change }[];
  readonly diagnostics: Diagnostic[];
  readonly missing: MissingSite[];
}

const isCall = (r: RangeInit): boolean => r.kind === 'call';

/**
 * What a patch does to the API: the generation before and after (the
 * header's declarations, else the removed and added calls), each removed
 * call paired in order with an added call of its hunk (an unpaired one is
 * left behind), and any call of another generation in the new images is a
 * missing site.
 */
export function checkPatch(scans: readonly HunkScan[], headerFile: string): PatchCheck {
  const header = scans.filter((s) => s.file === headerFile);
  const from = headerGenerationOf(header.flatMap((s) => s.old)) ?? majorityGeneration(scans.flatMap((s) => s.removed.filter(isCall)));
  const to = headerGenerationOf(header.flatMap((s) => s.new)) ?? majorityGeneration(scans.flatMap((s) => s.added.filter(isCall)));
  const apiChanged = from !== undefined && to !== undefined && from !== to;
  const diagnostics: Diagnostic[] = [];
  const missing: MissingSite[] = [];
  const calls: { call: RangeInit; change: Change }[] = [];
  for (const s of scans) {
    const removed = s.removed.filter(isCall);
    // a call whose first line is context was edited in place (e.g. arguments inserted)
    const inPlace = (c: RangeInit): boolean => s.hunk.lines.some((l) => l.op === ' ' && l.newLine === c.line);
    const added = s.added.filter((c) => isCall(c) && !inPlace(c));
    const edited = s.added.filter((c) => isCall(c) && inPlace(c));
    removed.forEach((r, k) => {
      if (k < added.length) return;
      const where = r.function ? `${r.function}()` : 'this hunk';
      diagnostics.push({
        file: r.file,
        line: r.line,
        severity: 'error',
        code: CODES.unreplacedCall,
        message: `call removed from ${where} (old line ${r.line}) is not replaced by a call of the new form`,
      });
      missing.push({ file: r.file, line: r.line, function: r.function ?? null, catalogId: null, reason: 'removed and not replaced' });
    });
    for (const c of s.new.filter(isCall)) {
      const k = added.indexOf(c);
      const change: Change = edited.includes(c) ? 'converted' : k < 0 ? 'unchanged' : k < removed.length ? 'converted' : 'added';
      calls.push({ call: c, change });
    }
  }
  if (apiChanged) {
    for (const { call } of calls) {
      if (call.generation === to || call.truncated) continue;
      const where = call.function ? ` in ${call.function}()` : '';
      diagnostics.push({
        file: call.file,
        line: call.line,
        severity: 'error',
        code: CODES.missingSite,
        message: `missing site${where}: mmu_notifier_range_init still has the ${call.generation} form (${call.args.length} arguments); the patch moves the API from ${from} to ${to}`,
      });
      missing.push({ file: call.file, line: call.line, function: call.function ?? null, catalogId: null, reason: `still the ${call.generation} form` });
    }
  }
  return { from, to, apiChanged, calls, diagnostics, missing };
}
