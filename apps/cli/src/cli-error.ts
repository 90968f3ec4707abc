import { ParallaxError } from '@parallax/core';

/**
 * Prints an error as one line on stderr and sets a non-zero exit code. Input problems say what was
 * wrong with which input; anything unexpected says so, and the stack appears only with --debug.
 */
export function reportError(error: unknown, debug: boolean): void {
  const code = (error as { code?: string }).code;
  if (error instanceof ParallaxError) {
    console.error(`parallax: ${error.message}`);
    process.exitCode = error.code === 'not-found' ? 3 : 1;
  } else if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    console.error(`parallax: the workspace database is damaged (${(error as Error).message})`);
    process.exitCode = 1;
  } else if (code === 'SQLITE_BUSY') {
    console.error('parallax: the workspace is busy (another process is writing); try again');
    process.exitCode = 1;
  } else if (code === 'EADDRINUSE') {
    console.error(`parallax: ${(error as Error).message} (choose another port with --port)`);
    process.exitCode = 1;
  } else {
    console.error(
      `parallax: unexpected error: ${(error as Error)?.message ?? String(error)}${debug ? '' : ' (run with --debug for details)'}`,
    );
    process.exitCode = 70;
  }
  if (debug && error instanceof Error && error.stack) console.error(error.stack);
}
