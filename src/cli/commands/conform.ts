import { readFileSync, statSync } from 'node:fs';
import type { Register } from './Register.js';
import { UsageError } from '../UsageError.js';
import { runConform } from '../../conform/runConform.js';
import { applyBaseline } from '../../conform/applyBaseline.js';
import { readBaseline } from '../../conform/readBaseline.js';
import { ConformInputError } from '../../conform/ConformInputError.js';
import { MAX_PATCH_BYTES } from '../../conform/readPatch.js';
import type { KnownSite } from '../../conform/KnownSite.js';
import { CONFORM_FORMATS, isConformFormat, renderConformReport } from '../../report/ConformFormat.js';
import { writeAtomic } from '../../util/writeAtomic.js';
import { checkOutputPaths } from '../checkOutputPaths.js';
import { LateWrites } from '../LateWrites.js';
import { catalogSites, modelVerifier } from '../conformCatalog.js';
import { readCatalogFile } from '../readCatalogFile.js';
import { positiveNumber } from '../positiveNumber.js';
import { conformExitCode } from '../conformExitCode.js';

interface Flags {
  tree?: string;
  patch?: string;
  format: string;
  output?: string;
  catalog?: string;
  model: boolean;
  maxSeconds: number;
  baseline?: string;
}

function readPatchFile(path: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new UsageError(`${path}: not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (size > MAX_PATCH_BYTES) throw new UsageError(`${path}: too large for a patch (${size} bytes, limit ${MAX_PATCH_BYTES})`);
  return readFileSync(path);
}

/** `mnc conform`: find every mmu_notifier_range_init site in a tree or patch and gate on the catalog and the model. */
export const registerConform: Register = (program, setExit) => {
  program
    .command('conform')
    .description('find every mmu_notifier_range_init site in a kernel tree or patch; gate on the API change, the catalog and the model')
    .option('--tree <dir>', 'a kernel source tree')
    .option('--patch <file>', 'a unified diff or mail message (applied to --tree in memory when both are given)')
    .option('--format <fmt>', `report format: ${CONFORM_FORMATS.join(', ')}`, 'text')
    .option('--output <file>', 'write the report here (atomically) instead of stdout')
    .option('--catalog <file>', "a JSON array of known sites ({id, file, function, event, vma}) instead of the model's catalog")
    .option('--no-model', "do not run the sites' scenarios with the events and vmas found")
    .option('--baseline <file>', 'a previous report (--format json or sarif): its errors are accepted (notes), only new ones fail')
    .option(
      '--max-seconds <n>',
      'budget per scenario of the model check (a site whose check it cuts off fails the gate; exit 3 when nothing else does)',
      positiveNumber,
      60,
    )
    .action(async (flags: Flags) => {
      if (!isConformFormat(flags.format)) throw new UsageError(`--format ${flags.format}: expected one of ${CONFORM_FORMATS.join(', ')}`);
      if (!flags.tree && !flags.patch) throw new UsageError('conform: give --tree DIR, --patch FILE, or both');
      if (flags.output !== undefined) checkOutputPaths([{ flag: '--output', path: flags.output }], [flags.patch, flags.catalog]);
      const custom = flags.catalog !== undefined;
      const catalog: KnownSite[] = custom ? readCatalogFile(flags.catalog!) : catalogSites();
      const patch = flags.patch ? { name: flags.patch, bytes: readPatchFile(flags.patch) } : undefined;
      try {
        const baseline = flags.baseline !== undefined ? readBaseline(flags.baseline) : undefined;
        const found = await runConform({
          ...(flags.tree ? { tree: flags.tree } : {}),
          ...(patch ? { patch } : {}),
          catalog,
          ...(flags.model && !custom ? { verify: modelVerifier(flags.maxSeconds) } : {}),
        });
        const report = baseline ? applyBaseline(found, baseline) : found;
        const text = renderConformReport(report, flags.format, program.version() ?? '0.1.0');
        const late = new LateWrites();
        // A report that cannot be written goes to stdout instead: the gate's verdict is not lost.
        if (flags.output === undefined || !late.write(flags.output, () => writeAtomic(flags.output!, text))) process.stdout.write(text);
        setExit(late.finish(conformExitCode(report)));
      } catch (e) {
        if (e instanceof ConformInputError) throw new UsageError(e.message);
        throw e;
      }
    });
};
