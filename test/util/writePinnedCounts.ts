/**
 * `npm run -s pin`: regenerates test/fixtures/pinned-counts.json (see pinnedCounts.ts);
 * `npx tsx test/util/writePinnedCounts.ts --por`: test/fixtures/pinned-por-counts.json, the same
 * subjects explored with the partial-order reduction (test/model/por/porDifferential.ts);
 * `npx tsx test/util/writePinnedCounts.ts --sleep`: test/fixtures/pinned-sleep-counts.json, with
 * the sleep sets too (test/model/por/sleepDifferential*.test.ts).
 */
import { writeFileSync, renameSync } from 'node:fs';
import { pinSubjects, type Pin } from './pinnedCounts.js';

export const PIN_FILE = 'test/fixtures/pinned-counts.json';
export const POR_PIN_FILE = 'test/fixtures/pinned-por-counts.json';
export const SLEEP_PIN_FILE = 'test/fixtures/pinned-sleep-counts.json';

const por = process.argv.includes('--por');
const sleep = process.argv.includes('--sleep');
const file = sleep ? SLEEP_PIN_FILE : por ? POR_PIN_FILE : PIN_FILE;
const pins: Record<string, Pin> = {};
for (const s of await pinSubjects(sleep ? { por: true, sleepSets: true } : por ? { por: true } : {})) pins[s.name] = s.run();
const tmp = `${file}.${process.pid}.tmp`;
writeFileSync(tmp, JSON.stringify(pins, null, 1) + '\n');
renameSync(tmp, file);
process.stdout.write(`${Object.keys(pins).length} subjects pinned in ${file}\n`);
