// The site scenarios under the v5.2 events, with --por and sleep sets, and without (porDifferential.ts).
import { describe } from 'vitest';
import { porDifferential } from './porDifferential.js';

describe('por with sleep sets keeps every verdict: site scenarios, v5.2 events', async () => {
  await porDifferential((n) => n.startsWith('site/v5.2/'), true);
});
