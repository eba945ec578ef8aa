/**
 * A mutant of a site's program for the "not vacuous" tests: every call it
 * makes to the notifier (range start/end, invalidate_range, change_pte) is
 * replaced by a jump to the call's return label (a non-blocking start
 * "succeeds"). The program's own steps are otherwise unchanged.
 */
import type { Program, StepCtx } from '../../../model/mm/step/Program.js';
import type { Scenario } from '../../../model/scenario/Scenario.js';
import { buildMmModel } from '../../../model/MmModel.js';
import { defaultRegistry } from '../../../model/scenario/defaultRegistry.js';
import { mmProperties } from '../../../properties/mmProperties.js';
import { bfs } from '../../../src/engine/bfs.js';

const NOTIFY = /^mmu_notifier_(invalidate_range_(start|start_nonblock|end|only_end)|invalidate_range|change_pte)$/;

export function withoutNotifier(p: Program): Program {
  return {
    ...p,
    steps: p.steps.map((s) => ({
      ...s,
      run: (c: StepCtx) =>
        s.run(
          new Proxy(c, {
            get(t, k) {
              if (k !== 'call') return Reflect.get(t, k, t) as unknown;
              // a typed call passes the callee program (defineProgram.ts), an untyped one its name
              return (prog: string | Program, args: Record<string, never>, ret: string): string => {
                const name = typeof prog === 'string' ? prog : prog.name;
                if (!NOTIFY.test(name)) return t.call(name, args, ret);
                if (name.endsWith('nonblock')) t.ret(0);
                return ret;
              };
            },
          }),
        ),
    })),
  };
}

/**
 * The verdict of `scenario` with the notifier calls of `progs` removed, with
 * no reachability guards: only a broken safety property counts.
 */
export function statusWithoutNotifier(scenario: Scenario, progs: readonly string[]): string {
  const reg = defaultRegistry();
  for (const p of progs) reg.replace(withoutNotifier(reg.get(p)));
  return bfs(buildMmModel(scenario, { registry: reg }), mmProperties(scenario, [])).status;
}
