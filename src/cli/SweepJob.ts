import type { Scenario } from '../../model/scenario/Scenario.js';
import type { EventProfile } from '../../model/sites/catalog.js';

/** One sweep configuration as plain data a worker thread rebuilds the model from. */
export interface SweepJob {
  readonly site: number;
  readonly scenario: Scenario;
  readonly events: EventProfile;
  /** Budget of the exploration (seconds). */
  readonly maxSeconds: number;
  /** Explore under partial-order reduction and check it on every state (`mnc sweep --por-check`). */
  readonly porCheck?: boolean;
  /** With porCheck: sleep sets on top of the ample sets, checked too (`mnc sweep --sleep-sets`). */
  readonly sleepSets?: boolean;
  /** Explore to the end and report every property's violation (`mnc sweep --all-violations`). */
  readonly allViolations?: boolean;
  /** Note which steps of the model's programs the exploration runs (`mnc sweep --coverage`): the record's `steps`. */
  readonly coverage?: boolean;
}
