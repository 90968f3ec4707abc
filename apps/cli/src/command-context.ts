import { type EventFilterWithRefs, resolveEventFilter } from '@parallax/app';
import { describeZodError, eventFilterQuerySchema, toEventFilter } from '@parallax/contract';
import { type EventFilter, InvalidInputError } from '@parallax/core';
import { openWorkbench, resolveWorkspaceDir, type Workbench } from '@parallax/runtime';
import type { Command } from 'commander';

export interface GlobalOptions {
  workspace?: string;
  debug?: boolean;
}

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/** Opens the workspace named by --workspace / PARALLAX_WORKSPACE; writing commands create it. */
export async function openFor(cmd: Command, mode: 'read' | 'write'): Promise<Workbench> {
  return openWorkbench({ dir: resolveWorkspaceDir(globals(cmd).workspace), create: mode === 'write' });
}

/** Runs `fn` with an open workbench and always closes it. */
export async function withWorkbench<T>(
  cmd: Command,
  mode: 'read' | 'write',
  fn: (wb: Workbench) => Promise<T>,
): Promise<T> {
  const wb = await openFor(cmd, mode);
  try {
    return await fn(wb);
  } finally {
    await wb.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const FILTER_OPTIONS: Record<string, string> = {
  from: 'from',
  to: 'to',
  actor: 'actor',
  type: 'type',
  cameo: 'cameo',
  quad: 'quad',
  minCredibility: 'min-credibility',
  status: 'status',
  country: 'country',
  admin1: 'admin1',
  bbox: 'bbox',
  document: 'document',
};

/** Declares the event filter options shared by `events` and other event-reading commands. */
export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--from <date>', 'events overlapping this day or later (YYYY-MM-DD)')
    .option('--to <date>', 'events overlapping this day or earlier (YYYY-MM-DD)')
    .option('--actor <refs>', 'actor ids, CAMEO codes or names, comma-separated (any role)')
    .option('--type <types>', 'PLOVER event types, comma-separated (e.g. MOBILIZE,ASSAULT)')
    .option('--cameo <roots>', 'CAMEO root codes, comma-separated (e.g. 19,20)')
    .option('--quad <classes>', 'quad classes 1–4, comma-separated')
    .option('--min-credibility <grade>', 'keep events graded this well or better (1 best … 6 keeps all)')
    .option('--status <statuses>', 'reported, corroborated, confirmed, disputed, denied (comma-separated)')
    .option('--country <codes>', 'ISO 3166-1 alpha-3 of the event place, comma-separated')
    .option('--admin1 <codes>', 'ISO 3166-2 of the event place, comma-separated (e.g. RU-KRS)')
    .option('--bbox <w,s,e,n>', 'bounding box in degrees')
    .option('--document <id>', 'only events with a claim from this document');
}

/** Validates filter options with the same schema the HTTP API uses; errors name the option. */
export async function filterFromOptions(wb: Workbench, opts: Record<string, unknown>): Promise<EventFilter> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(FILTER_OPTIONS)) if (opts[key] !== undefined) raw[key] = opts[key];
  const parsed = eventFilterQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const message = describeZodError(parsed.error).replace(
      /(^|; )(\w+):/g,
      (_, sep: string, key: string) => `${sep}--${FILTER_OPTIONS[key] ?? key}:`,
    );
    throw new InvalidInputError(message);
  }
  return resolveEventFilter(wb.store, toEventFilter(parsed.data) as EventFilterWithRefs);
}

/** A positive whole number option (`--limit`), with the option named in the error. */
export function positiveInt(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new InvalidInputError(`${name}: expected a whole number from 1 to ${max}, got '${value}'`);
    return n;
  };
}

/**
 * A command group that takes `--json` itself (`events`, `sources`, `documents`) receives its
 * subcommands' `--json` from commander, so subcommands ask both.
 */
export function wantsJson(opts: { json?: boolean }, cmd: Command): boolean {
  return Boolean(opts.json ?? cmd.parent?.opts().json);
}
