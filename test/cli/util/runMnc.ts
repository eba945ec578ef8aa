import { vi } from 'vitest';
import { main } from '../../../src/cli/main.js';

export interface MncRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `mnc ARGS` in-process (main() from src/cli/main.ts): exit code, stdout and stderr. */
export async function runMnc(...args: string[]): Promise<MncRun> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
