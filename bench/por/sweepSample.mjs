// States with and without --por over a sample of a sweep scope (bench/RESULTS.md, "Session 6: --por on the sweep's configurations"):
//   npm run build && node bench/por/sweepSample.mjs SCOPE EVERY [MAX_SECONDS] [por|sleep|sleep-check]
// Every EVERY-th configuration of SCOPE, explored with the sweep's properties, plain and reduced, in one process: reduced with
// --por (default), with --por --sleep-sets (sleep), or with both and the debug checks (sleep-check: a failed check is a model
// error, so a differing verdict).
// A configuration where either run hits MAX_SECONDS (default 120) is counted apart: a cut run counts what it reached, not the space.
// The build beside this file (dist/), imported statically so that `npm run layers` checks it: of src/cli, the public API only.
import { performance } from 'node:perf_hooks';
import * as api from '../../dist/src/cli/api.js';
import { buildMmModel } from '../../dist/model/MmModel.js';
import { contractProperties } from '../../dist/properties/mmProperties.js';
import { reachSite } from '../../dist/properties/reachSite.js';
import { bfs } from '../../dist/src/engine/bfs.js';

const { resolveScenario, CATALOG } = api;
// Old builds only (RESULTS measures some): one from before sweepPlan joined the public API has it in its own module alone.
const { sweepPlan } = api.sweepPlan ? api : await import(new URL('../../dist/src/cli/sweepSpace.js', import.meta.url).href);

const [scope = 'small', everyArg = '25', secondsArg = '120', mode = 'por'] = process.argv.slice(2);
const reduced = { por: { por: true }, sleep: { por: true, sleepSets: true }, 'sleep-check': { por: true, sleepSets: true, porCheck: true } }[mode];
if (!reduced) throw new Error(`sweepSample: unknown mode ${mode} (por, sleep or sleep-check)`);
const every = Number(everyArg);
const maxSeconds = Number(secondsArg);
const plan = sweepPlan({ scope, sites: [], events: 'seed', shard: null, maxSeconds });
const sum = { sampled: 0, cut: 0, states: [0, 0], transitions: [0, 0], ms: [0, 0], verdictsDiffering: 0 };
const byThreads = {};
for (let i = 0; i < plan.items.length; i += every) {
  const job = plan.items[i].job;
  const { scenario, registry } = resolveScenario(job.scenario, CATALOG, { profile: 'seed' });
  const runs = [{}, reduced].map((o) => {
    const t0 = performance.now();
    const r = bfs(buildMmModel(scenario, { registry }), [...contractProperties(), reachSite(job.site)], { maxSeconds, ...o });
    return { r, ms: performance.now() - t0 };
  });
  if (runs.some((x) => x.r.status === 'incomplete')) {
    sum.cut++;
    continue;
  }
  const verdict = (r) =>
    `${r.status} ${r.violations
      .map((v) => v.property)
      .sort()
      .join(',')}`;
  if (verdict(runs[0].r) !== verdict(runs[1].r)) {
    sum.verdictsDiffering++;
    process.stdout.write(`verdicts differ: ${plan.items[i].id}: ${verdict(runs[0].r)} | ${verdict(runs[1].r)}\n`);
  }
  sum.sampled++;
  const t = (byThreads[scenario.threads.length] ??= { configs: 0, states: [0, 0] });
  t.configs++;
  runs.forEach((x, k) => {
    sum.states[k] += x.r.stats.distinctStates;
    sum.transitions[k] += x.r.stats.transitions;
    sum.ms[k] += Math.round(x.ms);
    t.states[k] += x.r.stats.distinctStates;
  });
}
process.stdout.write(JSON.stringify({ scope, mode, configurations: plan.items.length, every, maxSeconds, ...sum, byThreads }) + '\n');
