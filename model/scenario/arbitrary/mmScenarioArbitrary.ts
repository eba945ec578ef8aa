import type fc from 'fast-check';
import type { Scenario } from '../Scenario.js';
import { DEFAULT_BOUNDS, type MmDrawBounds } from './MmDraw.js';
import { mmDrawArbitrary } from './mmDrawArbitrary.js';
import { scenarioOfDraw } from './scenarioOfDraw.js';

/**
 * The fast-check arbitrary of mm scenarios within `bounds`: 1..mms mms with
 * 1..vmas vmas each (anywhere, address 0 included; anonymous, private or
 * shared file, hugetlbfs; any protection), initial mappings (4 KiB and huge),
 * 0..mirrors mirrors of every kind with their subscriber order, one site
 * operation with arguments that fit the layout, and 0..access CPU or device
 * access threads. Shrinks (through the raw draw) to fewer threads, fewer
 * vmas, mirrors and mappings, and smaller layouts.
 */
export function mmScenarioArbitrary(bounds: MmDrawBounds = DEFAULT_BOUNDS): fc.Arbitrary<Scenario> {
  return mmDrawArbitrary(bounds).map((d) => scenarioOfDraw(d, bounds));
}
