/** Bad scenario input: one line naming the file and the field. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { ScenarioError } from '../../model/scenario/ScenarioError.js';

const dir = mkdtempSync(join(tmpdir(), 'mnc-scn-'));
const base = {
  name: 't',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0 }] }],
  threads: [{ name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0, write: false } }],
};

async function errorOf(name: string, content: string): Promise<string> {
  const p = join(dir, name);
  writeFileSync(p, content);
  try {
    await loadScenarioFile(p);
    return 'loaded';
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    const m = (e as Error).message;
    expect(m.includes('\n')).toBe(false);
    expect(m.startsWith(p)).toBe(true);
    return m.slice(p.length + 2);
  }
}
const json = (o: unknown) => JSON.stringify(o);

describe('loadScenarioFile', () => {
  it('loads a valid file', async () => {
    expect(await errorOf('ok.json', json(base))).toBe('loaded');
  });
  it('invalid JSON', async () => {
    expect(await errorOf('bad.json', '{ "name": ')).toMatch(/^invalid JSON/);
  });
  it('missing file', async () => {
    await expect(loadScenarioFile(join(dir, 'none.json'))).rejects.toThrow(/none\.json: cannot read/);
  });
  it('unknown field', async () => {
    expect(await errorOf('f.json', json({ ...base, colour: 1 }))).toBe(
      'colour: unknown field (known: name, description, expect, expectProperty, geometry, frames, swap, gatherBatch, files, mms, mirrors, threads, profiles, profile, sites, reach)',
    );
    expect(await errorOf('f2.json', json({ ...base, thread: [] }))).toMatch(/^thread: unknown field \(did you mean threads\?\)/);
    expect(await errorOf('f3.json', json({ ...base, mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw', shard: true }] }] }))).toMatch(
      /^mms\[0\]\.vmas\[0\]\.shard: unknown field \(did you mean shared/,
    );
  });
  it('wrong type', async () => {
    expect(await errorOf('t.json', json({ ...base, frames: 'two' }))).toBe('frames: must be an integer');
  });
  it('unknown operation', async () => {
    expect(await errorOf('op.json', json({ ...base, threads: [{ name: 'x', op: 'frobnicate' }] }))).toBe(
      "threads[0].op: unknown operation frobnicate (see 'mnc ops')",
    );
    expect(await errorOf('op2.json', json({ ...base, threads: [{ name: 'x', op: 'madvise_dontned' }] }))).toMatch(
      /^threads\[0\]\.op: unknown operation madvise_dontned \(did you mean madvise_dontneed/,
    );
  });
  it('unknown mirror kind', async () => {
    expect(await errorOf('k.json', json({ ...base, mirrors: [{ name: 'm', kind: 'tpu', mm: 0 }] }))).toBe('mirrors[0].kind: unknown mirror kind tpu');
  });
  it('overlapping vmas', async () => {
    const mms = [
      {
        vmas: [
          { start: 0, end: 2, prot: 'rw' },
          { start: 1, end: 3, prot: 'r' },
        ],
      },
    ];
    expect(await errorOf('o.json', json({ ...base, mms }))).toBe('mms[0].vmas[1]: overlaps vma 0');
  });
  it('a mapping outside every vma', async () => {
    const mms = [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 3 }] }];
    expect(await errorOf('m.json', json({ ...base, mms }))).toBe('mms[0].mappings[0].addr: page 3 is in no vma of mm 0');
  });
  it('an unknown vma name in thread args', async () => {
    const threads = [{ name: 'z', op: 'zap_page_range', args: { vma: 'vma:nope', start: 0, size: 1 } }];
    expect(await errorOf('v.json', json({ ...base, threads }))).toBe('threads[0].args.vma: no vma named nope');
  });
  it('a bad event in a site override', async () => {
    expect(await errorOf('e.json', json({ ...base, sites: { '17': { event: 'MMU_NOTIFY_EXPLODE', vma: 'vma' } } }))).toMatch(
      /^sites\.17\.event: must be one of/,
    );
  });
  it('a wrong extension', async () => {
    expect(await errorOf('x.yaml', 'name: x')).toMatch(/ends in \.json/);
  });
});

describe('operation arguments', () => {
  it('a missing required argument is named', async () => {
    const threads = [{ name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0 } }];
    expect(await errorOf('a.json', json({ ...base, threads }))).toBe('threads[0].args.write: required by cpu_access (takes mm, addr, write)');
  });
});

describe('per-profile expectations', () => {
  it('profiles.v5.2 takes an expect and an optional property; anything else is refused', async () => {
    const base = JSON.parse(JSON.stringify((await import('../../model/sites/scenarios/clearRefsVsKvmWrite.js')).scenario));
    const { validateScenario } = await import('../../model/scenario/validateScenario.js');
    expect(validateScenario({ ...base, profiles: { 'v5.2': { expect: 'violation', expectProperty: 'mirror-coherence' } } }).profiles).toEqual({
      'v5.2': { expect: 'violation', expectProperty: 'mirror-coherence' },
    });
    expect(() => validateScenario({ ...base, profiles: { 'v5.2': { expect: 'maybe' } } })).toThrow(
      /profiles.v5.2.expect: must be one of 'ok', 'violation', 'deadlock'/,
    );
    expect(() => validateScenario({ ...base, profiles: { v6: { expect: 'ok' } } })).toThrow(/profiles.v6: unknown field/);
  });
});

describe('review D6 and D13: bad input is a one-line error, never exit 70 or a silent ok', () => {
  const cases: [string, unknown, RegExp][] = [
    ['sites: null', { ...base, sites: null }, /^sites: must be an object of site ids/],
    ['threads[0].sites: null', { ...base, threads: [{ ...base.threads[0], sites: null }] }, /^threads\[0\]\.sites: must be an object of site ids/],
    ['a missing field', { ...base, frames: undefined }, /^frames: required/],
    ['an unknown site id', { ...base, sites: { '999': { event: 'MMU_NOTIFY_CLEAR' } } }, /^sites\.999: no site 999 in the catalog/],
    [
      'a negative start',
      { ...base, threads: [{ name: 'd', op: 'madvise_dontneed', args: { mm: 0, start: -3, end: 1 } }] },
      /^threads\[0\]\.args\.start: must be a page address: an integer in 0\.\.4/,
    ],
    [
      'a huge end',
      { ...base, threads: [{ name: 'd', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 1e12 } }] },
      /^threads\[0\]\.args\.end: must be a page address/,
    ],
    [
      'an mm out of range',
      { ...base, threads: [{ name: 'c', op: 'cpu_access', args: { mm: 7, addr: 0, write: false } }] },
      /^threads\[0\]\.args\.mm: must be an mm index: an integer in 0\.\.0/,
    ],
    [
      'an mm of the wrong type',
      { ...base, threads: [{ name: 'c', op: 'cpu_access', args: { mm: '0', addr: 0, write: false } }] },
      /^threads\[0\]\.args\.mm: must be an mm index/,
    ],
    [
      'a device address out of range',
      { ...base, mirrors: [{ name: 'k', kind: 'kvm', mm: 0 }], threads: [{ name: 'g', op: 'device_access', args: { m: 0, addr: 1e9, write: false } }] },
      /^threads\[0\]\.args\.addr: must be a page address/,
    ],
    [
      'an argument the operation does not take',
      { ...base, threads: [{ name: 'c', op: 'cpu_access', args: { mm: 0, adr: 0, addr: 0, write: false } }] },
      /^threads\[0\]\.args\.adr: cpu_access takes no argument adr \(did you mean addr\?\)/,
    ],
    ['duplicate thread names', { ...base, threads: [base.threads[0], base.threads[0]] }, /^threads\[1\]\.name: duplicate thread name cpu/],
    ['no threads', { ...base, threads: [] }, /^threads: must name at least one thread \(a scenario without threads checks nothing\)$/],
  ];
  for (const [what, sc, re] of cases) {
    it(what, async () => {
      expect(await errorOf(`d-${what.replace(/\W+/g, '-')}.json`, json(sc))).toMatch(re);
    });
  }
  it('a module whose programs are not programs', async () => {
    expect(await errorOf('notprogs.mjs', `export const scenario = ${json(base)}; export const programs = [42, null];`)).toBe(
      'programs[0]: must be a program (name, locals, steps)',
    );
  });
});

describe('the schema', () => {
  it('accepts reach, a deadlock expectation, $schema and partial site specs with range bounds', async () => {
    const sc = { ...base, $schema: '../scenario.schema.json', expect: 'deadlock', reach: ['reach-all-done'], sites: { '28': { start: 'vma->vm_start' } } };
    expect(await errorOf('s.json', json(sc))).toBe('loaded');
  });
});
