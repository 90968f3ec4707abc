import cliProgress from 'cli-progress';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * A progress bar on stderr (stdout stays clean for --json). Off a terminal it prints plain lines at
 * intervals, so CI logs show progress without escape codes.
 */
export function progressBar(
  label: string,
  total: number,
): { update(done: number, detail?: string): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {percentage}% | {rate}/s | eta {eta_formatted}{detail}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { rate: '0', detail: '' });
  return {
    update(done: number, detail?: string) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(done, { rate: fmt(done / seconds), detail: detail ? ` | ${detail}` : '' });
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * A running count with its rate, for streams whose length is unknown until they end (rows of a
 * zipped file, items of a feed). Redraws at most five times a second on a terminal, every two
 * seconds elsewhere.
 */
export function progressCounter(
  label: string,
  unit: string,
): { update(done: number, detail?: string): void; stop(): void } {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let last = 0;
  let line = '';
  let drawn = '';
  const draw = (done: number, detail: string | undefined, force: boolean) => {
    const now = Date.now();
    if (!force && now - last < (tty ? 200 : 2000)) return;
    last = now;
    const key = `${done}|${detail}`;
    if (force && key === drawn) return;
    drawn = key;
    const seconds = Math.max((now - started) / 1000, 0.001);
    line = `${label}: ${fmt(done)} ${unit} | ${fmt(done / seconds)} ${unit}/s | ${seconds.toFixed(1)} s${detail ? ` | ${detail}` : ''}`;
    process.stderr.write(tty ? `\r\u001b[2K${line}` : `${line}\n`);
  };
  let lastDone = 0;
  let lastDetail: string | undefined;
  return {
    update(done: number, detail?: string) {
      lastDone = done;
      lastDetail = detail;
      draw(done, detail, false);
    },
    stop() {
      draw(lastDone, lastDetail, true);
      if (tty) process.stderr.write('\n');
    },
  };
}
