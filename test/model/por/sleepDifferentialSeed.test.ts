// The site scenarios under the seed events, with --por and sleep sets, and without (porDifferential.ts).
import { describe } from 'vitest';
import { porDifferential } from './porDifferential.js';

describe('por with sleep sets keeps every verdict: site scenarios, seed events', async () => {
  await porDifferential((n) => n.startsWith('site/seed/'), true);
});
