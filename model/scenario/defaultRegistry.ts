/** The registry of every built-in program: core, mirror kinds, sites (plus a scenario module's own). */
import { CORE_PROGRAMS } from './corePrograms.js';
import type { Program } from '../mm/step/Program.js';
import { ProgramRegistry } from '../mm/step/ProgramRegistry.js';
import { MIRROR_KINDS } from '../mirrors/mirrorKinds.js';
import { SITE_PROGRAMS } from '../sites/index.js';

export function defaultRegistry(extra: readonly Program[] = []): ProgramRegistry {
  const r = new ProgramRegistry(CORE_PROGRAMS);
  for (const k of MIRROR_KINDS) for (const p of k.programs) r.add(p);
  for (const p of SITE_PROGRAMS) r.add(p);
  for (const p of extra) r.add(p);
  return r;
}
