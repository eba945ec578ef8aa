import type { ProgramRegistry } from '../mm/step/ProgramRegistry.js';
import { argKind, THREAD_OPTIONS } from './argKinds.js';
import { bad } from './bad.js';
import { didYouMean } from './closestNames.js';
import { programArgs } from './programArgs.js';
import type { Scenario } from './Scenario.js';

/**
 * Semantic checks of the threads before any state is built: unique names,
 * known operations (with the closest names), arguments the operation takes,
 * and each argument in range for this scenario (mm, vma, mirror, page,
 * frame, file indices). A ScenarioError names the field.
 */
export function checkThreadArgs(sc: Scenario, reg: ProgramRegistry): void {
  const seen = new Set<string>();
  sc.threads.forEach((t, i) => {
    const f = `threads[${i}]`;
    if (seen.has(t.name)) bad(`${f}.name`, `duplicate thread name ${t.name}`);
    seen.add(t.name);
    if (!reg.has(t.op)) bad(`${f}.op`, `unknown operation ${t.op}${didYouMean(t.op, reg.names())} (see 'mnc ops')`);
    const args = programArgs(reg.get(t.op));
    const names = [...args.map((a) => a.name), ...Object.keys(THREAD_OPTIONS)];
    for (const [k, v] of Object.entries(t.args ?? {})) {
      if (!names.includes(k)) bad(`${f}.args.${k}`, `${t.op} takes no argument ${k}${didYouMean(k, names)} (takes ${names.join(', ') || 'none'})`);
      const why = argKind(k).check(v, sc);
      if (why !== undefined) bad(`${f}.args.${k}`, why);
    }
  });
}
