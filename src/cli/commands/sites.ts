import type { Register } from './Register.js';
import { CATALOG } from '../../../model/sites/catalog.js';

/** `mnc sites [--json]`: the built-in site catalog. */
export const registerSites: Register = (program) => {
  program
    .command('sites')
    .description('list the built-in catalog of mmu_notifier_range_init sites')
    .option('--json', 'print a JSON array')
    .action((flags: { json?: boolean }) => {
      if (flags.json) {
        process.stdout.write(JSON.stringify(CATALOG, null, 2) + '\n');
        return;
      }
      const rows = CATALOG.map(
        (s) =>
          `${String(s.id).padStart(2)}  ${`${s.file}:${s.function}`.padEnd(52)} ${s.event.replace('MMU_NOTIFY_', '').padEnd(8)} ${s.vma.padEnd(5)} v5.2 ${s.v52Event.replace('MMU_NOTIFY_', '')}`,
      );
      process.stdout.write(['id  site' + ' '.repeat(50) + 'event    vma   merged', ...rows].join('\n') + '\n');
    });
};
