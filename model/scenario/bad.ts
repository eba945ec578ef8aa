import { ScenarioError } from './ScenarioError.js';

/** Throws a ScenarioError naming the field: `mms[0].vmas[1].end: must be ...`. */
export const bad = (field: string, msg: string): never => {
  throw new ScenarioError(`${field}: ${msg}`);
};
