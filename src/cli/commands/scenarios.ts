import type { Register } from './Register.js';
import { scenarioRegistry } from '../scenarios.js';
import { SITE_SCENARIOS } from '../../../model/sites/scenarios/index.js';

/** `mnc scenarios [--json]`: the built-in scenarios (`mnc explore`, `mnc random`) and the site scenarios (`mnc check`). */
export const registerScenarios: Register = (program) => {
  program
    .command('scenarios')
    .description('list the built-in scenarios (with parameters and variants) and the site scenarios of `mnc check`')
    .option('--json', 'print one JSON object {builtin, sites}')
    .action((flags: { json?: boolean }) => {
      const builtin = scenarioRegistry().map((e) => ({
        name: e.name,
        description: e.description,
        params: e.params.map((p) => ({ name: p.name, description: p.description, default: p.default, min: p.min, max: p.max })),
        variants: [...e.variants],
      }));
      const sites = SITE_SCENARIOS.map(({ site, scenario: s }) => ({
        name: s.name,
        site,
        mirrors: [...new Set((s.mirrors ?? []).map((m) => m.kind))],
        expect: s.expect,
        ...(s.expectProperty !== undefined ? { expectProperty: s.expectProperty } : {}),
        ...(s.description !== undefined ? { description: s.description } : {}),
      }));
      if (flags.json) {
        process.stdout.write(JSON.stringify({ builtin, sites }, null, 2) + '\n');
        return;
      }
      const out = ['built-in scenarios (mnc explore NAME, mnc random NAME):'];
      for (const b of builtin) {
        out.push(`  ${b.name}: ${b.description}`);
        for (const p of b.params) out.push(`    --set ${p.name}=${p.default}  (${p.min}..${p.max}) ${p.description}`);
        if (b.variants.length) out.push(`    --variant ${b.variants.join(' | ')}`);
      }
      out.push('site scenarios (mnc check [--scenario NAME]):');
      const w = Math.max(...sites.map((s) => s.name.length));
      for (const s of sites) {
        const expect = s.expect === 'violation' ? `violation${s.expectProperty ? ` (${s.expectProperty})` : ''}` : 'ok';
        out.push(`  #${String(s.site).padEnd(3)} ${s.name.padEnd(w)}  ${(s.mirrors.join('+') || '-').padEnd(8)} expect ${expect}`);
      }
      process.stdout.write(out.join('\n') + '\n');
    });
};
