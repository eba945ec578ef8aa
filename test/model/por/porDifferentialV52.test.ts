// The site scenarios under the v5.2 events, with and without --por (porDifferential.ts).
import { describe } from 'vitest';
import { porDifferential } from './porDifferential.js';

describe('por keeps every verdict: site scenarios, v5.2 events', async () => {
  await porDifferential((n) => n.startsWith('site/v5.2/'));
});
