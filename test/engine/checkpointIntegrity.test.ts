import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bfs } from '../../src/engine/bfs.js';
import { Checkpointer } from '../../src/engine/Checkpointer.js';
import type { Model } from '../../src/engine/Model.js';
import { ModelError } from '../../src/engine/Model.js';
import type { Property } from '../../src/engine/Property.js';
import { writeAtomic } from '../../src/util/writeAtomic.js';
import { independent } from './util/toyModels.js';

const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'mnc-ck-')), 'run.ckpt');
/** Violated one step from the start: thread 0 moved. */
const firstMoved: Property<readonly number[], number> = {
  kind: 'invariant',
  name: 'first-still',
  description: 'thread 0 never moves',
  check: (s) => (s[0]! > 0 ? 'thread 0 moved' : undefined),
};
/** Violated only deep in the space: every counter at 3. */
const notAllDone: Property<readonly number[], number> = {
  kind: 'invariant',
  name: 'not-all-done',
  description: 'never all at 3',
  check: (s) => (s.every((x) => x === 3) ? 'all at 3' : undefined),
};

describe('--all-violations across a checkpoint (review D2)', () => {
  const props = [firstMoved, notAllDone];
  const straight = bfs(independent(3, 3), props, { allViolations: true });

  for (const maxStates of [10, 30, 50]) {
    it(`a run stopped by --max-states ${maxStates} after its first violation resumes to every violation of a straight run, with the same traces`, () => {
      const file = tmpFile();
      const cp = new Checkpointer(file, 'independent(3,3)', writeAtomic, 1e9);
      const partial = bfs(independent(3, 3), props, { allViolations: true, checkpointer: cp, maxStates });
      expect(partial).toMatchObject({ status: 'incomplete' });
      expect(partial.violations.map((v) => v.property)).toContain('first-still');
      const snap = cp.load();
      if (typeof snap === 'string') throw new Error(snap);
      const resumed = bfs(independent(3, 3), props, { allViolations: true, resume: snap });
      expect(resumed.status).toBe('violation'); // was "ok" before: the violation found before the checkpoint was lost
      expect(resumed.violations).toEqual(straight.violations);
    });
  }

  it('violations found before a later model error are kept in the result', () => {
    const base = independent(2, 3);
    const broken: Model<readonly number[], number> = {
      ...base,
      nextState: (s, t) => {
        if (s[t] === 2 && s[1 - t] === 2) throw new ModelError('misuse');
        return base.nextState(s, t);
      },
    };
    const r = bfs(broken, [firstMoved], { allViolations: true });
    expect(r.status).toBe('model-error');
    expect(r.violations.map((v) => v.property)).toEqual(['first-still']);
  });
});

describe('checkpoint integrity (review D12, D14)', () => {
  const saved = (): string => {
    const file = tmpFile();
    bfs(independent(3, 3), [], { checkpointer: new Checkpointer(file, 'run', writeAtomic, 1e9), maxStates: 30 });
    return file;
  };

  it('one flipped byte anywhere (fingerprint table, frontier, header) is a one-line "damaged checkpoint"', () => {
    const file = saved();
    const good = readFileSync(file);
    expect(typeof new Checkpointer(file, 'run', writeAtomic).load()).toBe('object');
    const nl = good.indexOf(10);
    for (const at of [nl + 5, Math.floor((nl + good.length) / 2), good.length - 70, 20]) {
      const bad = Buffer.from(good);
      bad[at] = bad[at]! ^ 0x01;
      writeFileSync(file, bad);
      expect(new Checkpointer(file, 'run', writeAtomic).load()).toMatch(/^[^\n]*run\.ckpt: (damaged checkpoint|not an mnc checkpoint)[^\n]*$/);
    }
  });

  it('an edited header with a recomputed length is refused, not resumed to wrong counts', () => {
    const file = saved();
    const text = readFileSync(file, 'latin1').replace(/"transitions":\d+/, '"transitions":1');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    expect(new Checkpointer(file, 'run', writeAtomic).load()).toMatch(/damaged checkpoint/);
  });

  it('a truncated or empty checkpoint is one line', () => {
    const file = saved();
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    expect(new Checkpointer(file, 'run', writeAtomic).load()).toMatch(/run\.ckpt: (truncated|damaged|not an mnc)/);
    writeFileSync(file, '');
    expect(new Checkpointer(file, 'run', writeAtomic).load()).toMatch(/run\.ckpt: not an mnc checkpoint/);
  });

  it('a run ended by --max-depth leaves a checkpoint; a resume with a larger depth reaches the counts of a straight run', () => {
    const file = tmpFile();
    const cp = new Checkpointer(file, 'run', writeAtomic, 1e9);
    expect(bfs(independent(3, 3), [], { checkpointer: cp, maxDepth: 3 })).toMatchObject({ status: 'incomplete', reason: 'max-depth' });
    const snap = cp.load();
    if (typeof snap === 'string') throw new Error(snap); // was "cannot read checkpoint": none was written
    const resumed = bfs(independent(3, 3), [], { resume: snap });
    const straight = bfs(independent(3, 3), []);
    expect([resumed.status, resumed.stats.distinctStates, resumed.stats.transitions]).toEqual([
      'ok',
      straight.stats.distinctStates,
      straight.stats.transitions,
    ]);
  });
});
