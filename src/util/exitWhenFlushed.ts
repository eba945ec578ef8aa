/**
 * Ends the process with `code` once stdout and stderr have handed every
 * queued byte to the operating system. `process.exit()` alone throws away
 * what a pipe has not taken yet (anything past the 64 KiB pipe buffer when
 * the reader is slower than mnc), so piped JSON, SARIF or JUnit came out cut.
 * A reader that goes away early (`mnc ... | head`) is not an error: the exit
 * code stays the run's.
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  const streams = [process.stdout, process.stderr];
  let pending = streams.length;
  const done = (): void => {
    if (--pending === 0) process.exit(code);
  };
  for (const s of streams) {
    s.on('error', () => process.exit(code)); // EPIPE: the reader closed; nothing more can be delivered
    if (s.writableLength === 0 && !s.writableNeedDrain) done();
    else s.write('', () => done());
  }
}
