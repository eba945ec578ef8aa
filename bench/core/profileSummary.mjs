#!/usr/bin/env node
// Summarise a V8 .cpuprofile (from `node --cpu-prof`): total sampled time, the
// functions with most self time, and self time per file. Usage:
//   node bench/core/profileSummary.mjs FILE.cpuprofile [TOP]
import { readFileSync } from 'node:fs';

process.stdout.on('error', () => process.exit(0)); // a reader that stops early (head) is not an error
const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profileSummary.mjs FILE.cpuprofile [TOP]\n');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const deltas = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fnSelf = new Map();
const fileSelf = new Map();
for (const [id, us] of self) {
  const cf = byId.get(id).callFrame;
  const where = cf.url ? cf.url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/') : '(native)';
  const fn = `${cf.functionName || '(anon)'} ${where}:${cf.lineNumber + 1}`;
  fnSelf.set(fn, (fnSelf.get(fn) ?? 0) + us);
  fileSelf.set(where, (fileSelf.get(where) ?? 0) + us);
}
const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5) + '%';
const show = (title, m) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(us)} ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}\n`);
};
process.stdout.write(`sampled ${(total / 1e6).toFixed(2)} s\n`);
show('self time by function', fnSelf);
show('self time by file', fileSelf);

// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const [id, us] of self) {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const cf = byId.get(at).callFrame;
    const where = cf.url ? cf.url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/') : '(native)';
    const fn = `${cf.functionName || '(anon)'} ${where}:${cf.lineNumber + 1}`;
    if (seen.has(fn)) continue;
    seen.add(fn);
    incl.set(fn, (incl.get(fn) ?? 0) + us);
  }
}
show('inclusive time by function', incl);
