/** The `for` loop combinator: the steps it expands to, what each runs, and the gotos tsc rejects. */
import { describe, expect, it } from 'vitest';
import { DONE, defineProgram } from '../../../model/mm/step/defineProgram.js';
import { forLoop } from '../../../model/mm/step/forLoop.js';
import type { StepCtx } from '../../../model/mm/step/Program.js';

const locals = (a: { n: number }) => ({ n: a.n, i: -1, sum: 0 });

/** for (i = 0; i < n; i++) { if (i == 2) continue; sum += i; } return sum; */
const summing = defineProgram({
  name: 'summing',
  file: 'mm/loop.c',
  params: ['n'],
  locals,
  steps: ($) => [
    ...forLoop($, {
      init: {
        label: 'i = 0',
        run: (c) => {
          c.l.i = 0;
        },
      },
      head: 'skip_two',
      cond: (c) => c.l.i < c.l.n,
      exit: () => 'return',
      run: (c) => (c.l.i === 2 ? 'i++' : undefined),
      body: [
        $.local('sum += i', (c) => {
          c.l.sum += c.l.i;
          return undefined;
        }),
      ],
      next: {
        label: 'i++',
        at: 'mm/other.c:other',
        local: true,
        advance: (c) => {
          c.l.i += 1;
        },
      },
    }),
    $.local('return', (c) => {
      c.ret(c.l.sum);
      return DONE;
    }),
  ],
});

/** Runs the program's steps on its locals alone (its steps touch nothing else): the labels visited and the return value. */
function run(n: number): { labels: string[]; rv: unknown } {
  const l = summing.locals({ n });
  let rv: unknown;
  const c = { l, ret: (v: unknown) => (rv = v) } as unknown as StepCtx;
  const labels: string[] = [];
  let at = 0;
  for (let guard = 0; guard < 100; guard++) {
    const step = summing.steps[at]!;
    labels.push(step.label);
    const next = step.run(c);
    if (next === DONE) return { labels, rv };
    at = next === undefined ? at + 1 : summing.steps.findIndex((s) => s.label === next);
    expect(at).toBeGreaterThanOrEqual(0);
  }
  throw new Error('loop did not end');
}

describe('forLoop', () => {
  it('expands to init, head, body and next, in program order, with their at and local flags', () => {
    expect(summing.steps.map((s) => `${s.label}@${s.at}${s.local === true ? ' local' : ''}`)).toEqual([
      'i = 0@mm/loop.c:summing',
      'skip_two@mm/loop.c:summing',
      'sum += i@mm/loop.c:summing local',
      'i++@mm/other.c:other local',
      'return@mm/loop.c:summing local',
    ]);
  });

  it('tests the condition in the head step, continues at next and goes back to the head', () => {
    expect(run(4)).toEqual({
      labels: ['i = 0', 'skip_two', 'sum += i', 'i++', 'skip_two', 'sum += i', 'i++', 'skip_two', 'i++', 'skip_two', 'sum += i', 'i++', 'skip_two', 'return'],
      rv: 0 + 1 + 3,
    });
    // the condition fails at once: the head goes to exit in its own step
    expect(run(0)).toEqual({ labels: ['i = 0', 'skip_two', 'return'], rv: 0 });
  });

  it('goes where advance says when it returns a label (a break in the increment)', () => {
    const p = defineProgram({
      name: 'breaking',
      file: 'mm/loop.c',
      locals,
      steps: ($) => [
        ...forLoop($, {
          head: 'head',
          cond: () => true,
          exit: () => DONE,
          run: () => undefined,
          next: { label: 'next', advance: (c) => (c.l.i > 0 ? 'out' : undefined) },
        }),
        $.local('out', () => DONE),
      ],
    });
    const l = { n: 0, i: 1, sum: 0 };
    expect(p.steps[1]!.run({ l } as unknown as StepCtx)).toBe('out');
    l.i = 0;
    expect(p.steps[1]!.run({ l } as unknown as StepCtx)).toBe('head');
    expect(p.steps[1]!.local).toBeUndefined();
  });

  // Checked by tsc, which npm test runs over test/: each directive must meet a compile error.
  it('rejects at compile time a goto the program lacks, from the head, the exit, the body or the increment', () => {
    defineProgram({
      name: 'bad-run',
      file: 'mm/bad.c',
      locals,
      // @ts-expect-error the head's 'nowhere' is not a label of the program
      steps: ($) => [
        ...forLoop($, { head: 'head', cond: () => true, exit: () => DONE, run: () => 'nowhere', next: { label: 'next', advance: () => undefined } }),
      ],
    });
    defineProgram({
      name: 'bad-exit',
      file: 'mm/bad.c',
      locals,
      // @ts-expect-error the exit's 'nowhere' is not a label of the program
      steps: ($) => [
        ...forLoop($, { head: 'head', cond: () => true, exit: () => 'nowhere', run: () => undefined, next: { label: 'next', advance: () => undefined } }),
      ],
    });
    const nx = { label: 'next', advance: () => undefined } as const;
    defineProgram({
      name: 'bad-exit-falls-through',
      file: 'mm/bad.c',
      locals,
      // @ts-expect-error an exit that falls through would run the body after the loop ended
      steps: ($) => [...forLoop($, { head: 'head', cond: () => true, exit: () => undefined, run: () => undefined, next: nx })],
    });
    defineProgram({
      name: 'bad-advance',
      file: 'mm/bad.c',
      locals,
      // @ts-expect-error the increment's 'nowhere' is not a label of the program
      steps: ($) => [
        ...forLoop($, { head: 'head', cond: () => true, exit: () => DONE, run: () => undefined, next: { label: 'next', advance: () => 'nowhere' } }),
      ],
    });
    defineProgram({
      name: 'bad-body',
      file: 'mm/bad.c',
      locals,
      // @ts-expect-error a body step's 'nowher' is not a label of the program
      steps: ($) => [
        ...forLoop($, {
          head: 'head',
          cond: () => true,
          exit: () => DONE,
          run: () => undefined,
          body: [$.local('body', () => 'nowher')],
          next: { label: 'next', advance: () => undefined },
        }),
      ],
    });
  });
});
