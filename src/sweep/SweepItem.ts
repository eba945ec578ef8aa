import type { SweepConfigDesc } from './SweepRecord.js';

/**
 * One configuration as the sweep runner sees it: its id, site, path and
 * description, and the plain data (`job`) a worker rebuilds its model
 * from. The runner knows nothing else of the model.
 */
export interface SweepItem<J> {
  readonly id: string;
  readonly site: string;
  readonly path: string;
  readonly config: SweepConfigDesc;
  readonly job: J;
}
