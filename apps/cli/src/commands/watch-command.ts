import { InvalidInputError } from '@parallax/core';
import { feedConfig, GDELT_LAST_UPDATE, watchOnce, watchState } from '@parallax/runtime';
import type { Command } from 'commander';
import { globals, printJson, withWorkbench } from '../command-context.ts';
import { textTable } from '../text-table.ts';

export function registerFeeds(program: Command): void {
  const feeds = program.command('feeds').description("the workspace's watched feeds (polled by `parallax watch`)");
  feeds
    .command('add <urls...>')
    .description('watch RSS, Atom or JSON feeds')
    .action(async (urls: string[], _opts: unknown, cmd: Command) => {
      await withWorkbench(cmd, 'write', async (wb) => {
        const config = feedConfig(wb.dir);
        for (const url of urls) {
          if (!/^https?:\/\/\S+$/i.test(url))
            throw new InvalidInputError(`${url}: a watched feed must be an http(s) URL`);
          if (!config.value.feeds.some((f) => f.url === url)) config.value.feeds.push({ url, added: wb.clock.now() });
        }
        config.save();
        console.log(`${config.value.feeds.length} feeds watched`);
      });
    });
  feeds
    .command('remove <urls...>')
    .description('stop watching feeds')
    .action(async (urls: string[], _opts: unknown, cmd: Command) => {
      await withWorkbench(cmd, 'write', async (wb) => {
        const config = feedConfig(wb.dir);
        const before = config.value.feeds.length;
        config.value.feeds = config.value.feeds.filter((f) => !urls.includes(f.url));
        if (config.value.feeds.length === before) throw new InvalidInputError(`${urls.join(', ')}: not a watched feed`);
        config.save();
        console.log(`${config.value.feeds.length} feeds watched`);
      });
    });
  feeds
    .command('gdelt <on|off>')
    .description("follow GDELT's 15-minute lastupdate.txt in `parallax watch`")
    .option('--list <url>', 'the list to follow', GDELT_LAST_UPDATE)
    .option('--mentions', 'import mentions files too')
    .action(async (state: string, opts: { list: string; mentions?: boolean }, cmd: Command) => {
      if (state !== 'on' && state !== 'off')
        throw new InvalidInputError(`feeds gdelt: expected 'on' or 'off', got '${state}'`);
      await withWorkbench(cmd, 'write', async (wb) => {
        const config = feedConfig(wb.dir);
        config.value.gdelt =
          state === 'on' ? { enabled: true, list: opts.list, mentions: opts.mentions ?? false } : null;
        config.save();
        console.log(state === 'on' ? `following ${opts.list}` : 'not following GDELT');
      });
    });
  feeds
    .command('list')
    .description('watched feeds with their last poll')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'read', async (wb) => {
        const config = feedConfig(wb.dir).value;
        const state = watchState(wb.dir).value;
        const rows = config.feeds.map((f) => ({
          url: f.url,
          added: f.added,
          lastPolled: state.feeds[f.url]?.lastPolled ?? null,
          seen: state.feeds[f.url]?.seen.length ?? 0,
          lastError: state.feeds[f.url]?.lastError ?? null,
        }));
        if (opts.json) return printJson({ feeds: rows, gdelt: config.gdelt, gdeltState: state.gdelt });
        console.log(
          textTable(
            ['feed', 'last polled', 'items seen', 'last error'],
            rows.map((r) => [r.url, r.lastPolled ?? '–', String(r.seen), r.lastError ?? '']),
          ),
        );
        if (config.gdelt)
          console.log(`GDELT: following ${config.gdelt.list} (last file ${state.gdelt.lastStamp ?? 'none yet'})`);
      });
    });
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description("poll the workspace's feeds (and GDELT, when followed) on an interval, ingesting only new items")
    .option('--interval <seconds>', 'seconds between rounds (default 900)', '900')
    .option('--once', 'run one round and exit')
    .option('--allow-private', 'allow fetching from private, loopback and link-local addresses')
    .option('--json', 'print each round as a JSON line')
    .action(
      async (opts: { interval: string; once?: boolean; allowPrivate?: boolean; json?: boolean }, cmd: Command) => {
        const interval = Number(opts.interval);
        if (!Number.isFinite(interval) || interval < 10) {
          throw new InvalidInputError(`--interval: expected at least 10 seconds, got '${opts.interval}'`);
        }
        let stopping = false;
        let wake: (() => void) | null = null;
        const stop = () => {
          stopping = true;
          wake?.();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        void globals(cmd);
        while (!stopping) {
          await withWorkbench(cmd, 'write', async (wb) => {
            const round = await watchOnce(wb, { allowPrivate: opts.allowPrivate });
            if (opts.json) process.stdout.write(`${JSON.stringify({ at: wb.clock.now(), ...round })}\n`);
            else {
              for (const f of round.feeds) {
                if ('error' in f) console.error(`${f.feed}: ${f.error}`);
                else
                  console.log(
                    `${f.feed}: ${f.notModified ? 'not modified' : `${f.inserted} new (${f.syndicated} copies), ${f.alreadySeen} seen before, ${f.failed} failed`}`,
                  );
              }
              if (round.gdelt) console.log(`GDELT: ${round.gdelt.inserted} new rows from ${round.gdelt.files} file(s)`);
            }
          });
          if (opts.once) break;
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, interval * 1000).unref();
          });
        }
      },
    );
}
