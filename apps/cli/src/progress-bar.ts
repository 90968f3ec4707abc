import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr (stdout stays clean for --json). Off a terminal it prints plain lines at
 * intervals, so CI logs show progress without escape codes.
 */
export function progressBar(label: string, total: number): { update(done: number): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {percentage}% | {rate}/s | eta {eta_formatted}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { rate: '0' });
  return {
    update(done: number) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(done, { rate: Math.round(done / seconds).toLocaleString('en-US') });
    },
    stop() {
      bar.stop();
    },
  };
}
