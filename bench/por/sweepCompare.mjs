// A plain sweep and a `--por-check` sweep of the same scope, side by side (bench/RESULTS.md, "the sweep under --por-check"):
//   node bench/por/sweepCompare.mjs PLAIN_DIR PORCHECK_DIR
// Each DIR holds the sweep.json of `mnc sweep --out DIR`. Prints, per site and in total, the distinct states and
// transitions of both runs, the seconds the configurations took (summed over the workers), and every configuration whose
// status, violated property or known finding differs (there must be none).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [plainDir, checkDir] = process.argv.slice(2);
if (!plainDir || !checkDir) {
  process.stderr.write('usage: node bench/por/sweepCompare.mjs PLAIN_DIR PORCHECK_DIR\n');
  process.exit(2);
}
const read = (d) => JSON.parse(readFileSync(join(d, 'sweep.json'), 'utf8'));
const plain = read(plainDir);
const check = read(checkDir);
if (plain.summary.porCheck || !check.summary.porCheck) throw new Error('expected a plain sweep, then a --por-check sweep');
const byId = new Map(check.records.map((r) => [r.id, r]));
const sites = new Map();
const total = { n: 0, s: 0, sc: 0, t: 0, tc: 0, sec: 0, secc: 0 };
const differ = [];
for (const p of plain.records) {
  const c = byId.get(p.id);
  if (!c) throw new Error(`configuration ${p.id} is not in the --por-check sweep`);
  if (p.status !== c.status || p.property !== c.property || p.known !== c.known)
    differ.push(`${p.id}: ${p.status} ${p.property} ${p.known} / ${c.status} ${c.property} ${c.known}`);
  const row = sites.get(p.site) ?? { n: 0, s: 0, sc: 0, t: 0, tc: 0, sec: 0, secc: 0 };
  for (const acc of [row, total]) {
    acc.n++;
    acc.s += p.distinctStates;
    acc.sc += c.distinctStates;
    acc.t += p.transitions;
    acc.tc += c.transitions;
    acc.sec += p.seconds;
    acc.secc += c.seconds;
  }
  sites.set(p.site, row);
}
const x = (a, b) => `×${(a / b).toFixed(3)}`;
const line = (name, r) =>
  `| ${name} | ${r.n} | ${r.s} | ${r.sc} | ${x(r.s, r.sc)} | ${r.t} | ${r.tc} | ${x(r.t, r.tc)} | ${r.sec.toFixed(1)} | ${r.secc.toFixed(1)} | ${x(r.secc, r.sec)} |`;
const out = [
  '| site | configurations | states | states --por-check | ratio | transitions | transitions --por-check | ratio | s | s --por-check | cost |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
for (const [site, r] of [...sites].sort((a, b) => Number(a[0]) - Number(b[0]))) out.push(line(`#${site}`, r));
out.push(line('**total**', total));
out.push('', `status counts: plain ${JSON.stringify(plain.summary.counts)}, --por-check ${JSON.stringify(check.summary.counts)}`);
out.push(`configurations whose verdict differs: ${differ.length}`, ...differ);
process.stdout.write(out.join('\n') + '\n');
