import type { Register } from './Register.js';
import { operations } from '../../../model/scenario/operations.js';

/** `mnc ops [--json]`: every operation a scenario can name, generated from the program registry. */
export const registerOps: Register = (program) => {
  program
    .command('ops')
    .description('list every operation a scenario thread can run (op), its arguments and types, and the kernel function it models')
    .option('--json', "print a JSON array (with each operation's step labels, for replaceStep)")
    .action((flags: { json?: boolean }) => {
      const ops = operations();
      if (flags.json) {
        process.stdout.write(JSON.stringify(ops, null, 2) + '\n');
        return;
      }
      const out: string[] = [];
      let group = '';
      for (const o of ops) {
        if (o.group !== group) out.push(`${out.length > 0 ? '\n' : ''}## ${(group = o.group)}`);
        const args = o.args.map((a) => `${a.name}${a.required ? '' : '?'}: ${a.type}`).join(', ');
        out.push(`${o.name} {${args}}`);
        out.push(`    models ${o.models}${o.sites.length > 0 ? `; sites ${o.sites.map((s) => `#${s}`).join(' ')}` : ''}`);
      }
      out.push('', '`name?` defaults; "vma:NAME" and "mirror:NAME" resolve to ids; pages are addresses in pages. Step labels: mnc ops --json.');
      process.stdout.write(out.join('\n') + '\n');
    });
};
