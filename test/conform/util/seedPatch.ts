import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real seed patch, as the mail archive has it (context lines without their leading space); origin in test/fixtures/README.md. */
export const SEED_PATCH_PATH = fileURLToPath(new URL('../../fixtures/mmu-notifier-event-vma-v4-2of9.patch.txt', import.meta.url));

export function seedPatchText(): string {
  return readFileSync(SEED_PATCH_PATH, 'utf8');
}

/** The seed patch with `edit` applied to its text (a deliberately broken variant). */
export function seedPatchWith(edit: (text: string) => string): { name: string; bytes: Uint8Array } {
  return { name: 'seed-variant.patch', bytes: Buffer.from(edit(seedPatchText()), 'utf8') };
}
