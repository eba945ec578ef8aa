/** `npm run schema` (from the repository root): writes model/scenario/scenario.schema.json from the one schema; test/model/scenarioSchema.test.ts fails when it is stale. */
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from './scenarioJsonSchema.js';

writeFileSync('model/scenario/scenario.schema.json', JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
