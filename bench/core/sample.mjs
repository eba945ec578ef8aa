// One sample of a build (measure.mjs, paired.mjs): `explore` (one exploration: [milliseconds, result]) again and
// again until `ms` milliseconds are filled, at least once; [their mean milliseconds, the last result]. With `ms` at
// least the old build's exploration time, a sample of either build lasts about as long and meets the machine's slow
// phases alike (bench/RESULTS.md, Session 23). Plain JS like measure.mjs.
/** One exploration of `subject` (loadBuild's) by `bfs` with `options`: [milliseconds, result]. */
export function timedExplore(bfs, subject, options = {}) {
  const { model, properties } = subject.build();
  const t0 = process.hrtime.bigint();
  const r = bfs(model, properties, options);
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

export function sample(explore, ms) {
  let total = 0;
  let n = 0;
  let r;
  do {
    const [t, x] = explore();
    total += t;
    n++;
    r = x;
  } while (total < ms);
  return [total / n, r];
}

/** SAMPLE_MS as milliseconds (0: one exploration a sample), or 'auto' where `auto` is allowed; exits 2 on anything else. */
export function sampleMsOption(script, auto) {
  const v = process.env.SAMPLE_MS;
  if (v === 'auto' && auto) return 'auto';
  const ms = Number(v ?? 0);
  if (!(ms >= 0)) {
    console.error(`${script}: SAMPLE_MS must be a number of milliseconds${auto ? ' or auto' : ''} (got ${v})`);
    process.exit(2);
  }
  return ms;
}
