// What a free state backend would leave: the exploration with every successor (and its key)
// computed beforehand, so that a round costs only the engine, the actions, the properties and a
// lookup. real / floor bounds what any state representation (packed or not) can gain while the
// step logic, the actions and the properties stay as they are.
//   node bench/core/floor.mjs DIST MODE ROUNDS SUBJECT
// MODE: real (the model as it is), floor (successors and keys from a cache filled by one real
// exploration first), engine (floor without the properties), bare (engine with each state's
// actions cached too: the explorer alone). SUBJECT: a site scenario id or a
// scenario .json. Prints the best round's seconds as JSON. Wall time here reads states that the
// cache kept alive all along (more cache misses than fresh successors), so `floor` over-states
// what is left: count instructions instead (bench/RESULTS.md, Session 15: valgrind, ROUNDS
// against 1). Plain JS like measure.mjs.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [dist, mode, roundsArg, name] = process.argv.slice(2);
if (!['real', 'floor', 'engine', 'bare'].includes(mode) || !(Number(roundsArg) >= 1) || !name) {
  console.error('usage: node bench/core/floor.mjs DIST real|floor|engine|bare ROUNDS SUBJECT');
  process.exit(2);
}
const rounds = Number(roundsArg);
const imp = (p) => import(pathToFileURL(resolve(dist, p)).href);
const { siteChecks } = await imp('src/cli/api.js');
const { bfs } = await imp('src/engine/bfs.js');
const { loadScenarioFile } = await imp('model/scenario/loadScenarioFile.js');
const { buildMmModel } = await imp('model/MmModel.js');
const { mmProperties } = await imp('properties/mmProperties.js');

let build;
if (name.endsWith('.json')) {
  const { scenario } = await loadScenarioFile(resolve(name));
  build = () => ({ model: buildMmModel(scenario), properties: mmProperties(scenario) });
} else {
  const c = siteChecks({ profile: 'seed', scenario: name });
  if (c.length !== 1) throw new Error(`no site scenario ${name}`);
  build = () => c[0].build();
}

/** `model` with its successors (and their keys, kept on them) from `cache`: state -> action -> successor. */
function cached(model, cache, fill, acts) {
  return {
    ...model,
    actions(s, out) {
      if (acts === undefined) return model.actions(s, out);
      let a = acts.get(s);
      if (a === undefined) {
        if (!fill) throw new Error('floor: actions the filling run did not compute');
        model.actions(s, (a = []));
        acts.set(s, a);
      }
      for (let i = 0; i < a.length; i++) out.push(a[i]);
    },
    nextState(s, a) {
      let m = cache.get(s);
      if (m === undefined) cache.set(s, (m = new Map()));
      let n = m.get(a);
      if (n === undefined) {
        if (!fill) throw new Error('floor: a successor the filling run did not compute');
        n = model.nextState(s, a);
        model.key(n);
        m.set(a, n);
      }
      return n;
    },
  };
}

const first = build();
const cache = new WeakMap();
const acts = mode === 'bare' ? new WeakMap() : undefined;
if (mode !== 'real') bfs(cached(first.model, cache, true, acts), first.properties, {});
let best = Infinity;
let r;
for (let i = 0; i < rounds; i++) {
  const b = build(); // fresh properties (memos, reached guards)
  const model = mode === 'real' ? b.model : cached(first.model, cache, false, acts);
  const t0 = process.hrtime.bigint();
  r = bfs(model, mode === 'engine' || mode === 'bare' ? [] : b.properties, {});
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}
process.stdout.write(
  JSON.stringify({ subject: name.replace(/.*\//, ''), mode, states: r.stats.distinctStates, transitions: r.stats.transitions, seconds: best }) + '\n',
);
