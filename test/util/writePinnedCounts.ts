/** `npm run -s pin`: regenerates test/fixtures/pinned-counts.json (see pinnedCounts.ts). */
import { writeFileSync, renameSync } from 'node:fs';
import { pinSubjects, type Pin } from './pinnedCounts.js';

export const PIN_FILE = 'test/fixtures/pinned-counts.json';

const pins: Record<string, Pin> = {};
for (const s of await pinSubjects()) pins[s.name] = s.run();
const tmp = `${PIN_FILE}.${process.pid}.tmp`;
writeFileSync(tmp, JSON.stringify(pins, null, 1) + '\n');
renameSync(tmp, PIN_FILE);
process.stdout.write(`${Object.keys(pins).length} subjects pinned in ${PIN_FILE}\n`);
