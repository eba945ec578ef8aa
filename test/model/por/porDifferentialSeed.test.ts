// The site scenarios under the seed events, with and without --por (porDifferential.ts).
import { describe } from 'vitest';
import { porDifferential } from './porDifferential.js';

describe('por keeps every verdict: site scenarios, seed events', async () => {
  await porDifferential((n) => n.startsWith('site/seed/'));
});
