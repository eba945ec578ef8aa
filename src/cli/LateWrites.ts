import { EXIT } from '../engine/ExploreResult.js';
import { removeAtomic } from '../util/removeAtomic.js';

/**
 * Output files written after the work (counterexamples, ITF traces,
 * checkpoints), or, when the run has nothing to write there, an earlier
 * run's file removed: a failure to write or remove one must not lose the
 * verdict and trace already computed. Each failure is kept as one line naming the user's path,
 * printed to stderr after the verdict; the exit code stays the verdict's
 * unless that was 0 (then 2: an output the user asked for is missing).
 */
export class LateWrites {
  private readonly failures: string[] = [];

  /** Runs `write`; a failure is recorded, not thrown. */
  write(path: string, write: () => void): boolean {
    try {
      write();
      return true;
    } catch (e) {
      this.fail(path, e);
      return false;
    }
  }

  /**
   * Removes a file an earlier run left at `path` (this run has nothing to
   * write there); a failure is recorded as a write's is: the stale file
   * would be taken for this run's.
   */
  remove(path: string): void {
    try {
      removeAtomic(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      this.failures.push(`mnc: ${path}: cannot remove the previous run's file (${typeof code === 'string' ? code : String(e)})`);
    }
  }

  /** Records a failed write of `path` (with what the run did instead, if anything). */
  fail(path: string, e: unknown, consequence = ''): void {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    this.failures.push(`mnc: ${path}: cannot write (${typeof code === 'string' ? code : e instanceof Error ? e.message : String(e)})${consequence}`);
  }

  get failed(): boolean {
    return this.failures.length > 0;
  }

  /** Prints the failures (after the verdict) and returns the exit code. */
  finish(verdictCode: number): number {
    for (const f of this.failures) process.stderr.write(f + '\n');
    return this.failed && verdictCode === EXIT.ok ? EXIT.usage : verdictCode;
  }
}
