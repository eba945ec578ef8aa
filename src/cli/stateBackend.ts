/**
 * `mnc --state immer|cow`: the mm model's state backend (model/mm/step/runStep.ts
 * StateBackend), process-wide. Worker threads inherit it through MNC_STATE.
 */
import { setDefaultStateBackend } from '../../model/MmModel.js';
import { STATE_BACKENDS, type StateBackend } from '../../model/mm/step/runStep.js';
import { UsageError } from './UsageError.js';

export const DEFAULT_STATE_BACKEND: StateBackend = 'cow';

export function parseStateBackend(v: string): StateBackend {
  const b = STATE_BACKENDS.find((x) => x === v);
  if (!b) throw new UsageError(`--state ${v}: expected one of ${STATE_BACKENDS.join(', ')}`);
  return b;
}

/** Sets the backend for this process and the worker threads it starts. */
export function applyStateBackend(b: StateBackend): void {
  process.env['MNC_STATE'] = b;
  setDefaultStateBackend({ backend: b });
}

/** In a worker thread (or any entry point): the backend the parent chose, else the default. */
export function applyStateBackendFromEnv(): void {
  const v = process.env['MNC_STATE'];
  applyStateBackend(v === undefined ? DEFAULT_STATE_BACKEND : parseStateBackend(v));
}
