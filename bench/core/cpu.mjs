// CPU seconds of one exhaustive exploration (bfs alone, after loading the scenario), and its distinct states:
//   node bench/core/cpu.mjs DIST [SCENARIO_FILE]
// DIST is a built tree (tsc output); the default scenario is bench/symmetry/two-mms-kvm-odp-4threads.json.
// process.cpuUsage counts V8's GC threads too. Run it alternately on two builds, one process per run
// (bench/RESULTS.md, session 5), and compare medians: single runs vary by up to 25 % on a shared machine.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [dist, file] = process.argv.slice(2);
const imp = (p) => import(pathToFileURL(resolve(dist, p)).href);
const { loadScenarioFile } = await imp('model/scenario/loadScenarioFile.js');
const { buildMmModel } = await imp('model/MmModel.js');
const { mmProperties } = await imp('properties/mmProperties.js');
const { bfs } = await imp('src/engine/bfs.js');
const { scenario } = await loadScenarioFile(resolve(file ?? 'bench/symmetry/two-mms-kvm-odp-4threads.json'));
const model = buildMmModel(scenario);
const c0 = process.cpuUsage();
const r = bfs(model, mmProperties(scenario), {});
const u = process.cpuUsage(c0);
process.stdout.write(`${r.stats.distinctStates} ${((u.user + u.system) / 1e6).toFixed(2)}\n`);
