// One-level copies of records of many shapes: a spread against literalCopier (model/mm/step/literalCopier.ts).
//   node bench/core/copyMicro.mjs [DIST]   (DIST: a built tree, default dist)
// 40 shapes of 4 to 9 keys, copied in turn 2e6 times; each way timed twice, nanoseconds per copy.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = process.argv[2] ?? 'dist';
const { literalCopier } = await import(pathToFileURL(resolve(dist, 'model/mm/step/literalCopier.js')).href);
const shapes = [];
for (let s = 0; s < 40; s++) {
  const keys = Array.from({ length: 4 + (s % 6) }, (_, i) => `k${s}_${i}`);
  const o = {};
  keys.forEach((k, i) => (o[k] = i));
  shapes.push({ o, copy: literalCopier(keys) });
}
let sink = 0;
function spread(n) {
  for (let i = 0; i < n; i++) {
    const x = shapes[i % 40];
    const c = { ...x.o };
    sink += c.k0_0 === -1 ? 1 : 0;
  }
}
function literal(n) {
  for (let i = 0; i < n; i++) {
    const x = shapes[i % 40];
    const c = x.copy(x.o);
    sink += c.k0_0 === -1 ? 1 : 0;
  }
}
for (const f of [spread, literal, spread, literal]) {
  const t = performance.now();
  f(2e6);
  console.log(`${f.name} ${(((performance.now() - t) / 2e6) * 1e6).toFixed(1)} ns`);
}
if (sink !== 0) console.log(sink);
