import type { EventProfile } from '../../model/sites/catalog.js';
import { UsageError } from './UsageError.js';

/** `--events`: the event profile, seed (the patch) or v5.2 (the merged events); anything else is a usage error naming it. */
export function eventProfile(v: string): EventProfile {
  if (v !== 'seed' && v !== 'v5.2') throw new UsageError(`--events ${v}: expected seed or v5.2`);
  return v;
}
