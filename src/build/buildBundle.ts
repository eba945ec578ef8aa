/** `npm run build`, after tsc: the bundled executable dist/bundle/mnc.mjs (see bundle.ts). Run from dist/src/build/. */
import { fileURLToPath } from 'node:url';
import { bundleCli } from './bundle.js';

const dist = fileURLToPath(new URL('../../', import.meta.url));
const b = await bundleCli(dist);
process.stdout.write(`bundle: ${Object.keys(b.entries).join(', ')} in ${b.dir}\n`);
