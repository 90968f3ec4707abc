import { Readable } from 'node:stream';
import { type ClickHouseClient, type ClickHouseSettings, createClient, type Logger } from '@clickhouse/client';
import { ParallaxError } from '@parallax/core';
import { type ClickHouseNodeAddress, nodeLabel } from './store-url.ts';
import { tabSeparated } from './tab-separated.ts';

/** A node or shard cannot be reached, or answers in a way this store cannot work with. */
export class ClickHouseUnavailableError extends ParallaxError {
  constructor(
    message: string,
    /** `host:port` of the node or shard at fault. */
    readonly node: string,
  ) {
    super(message, 'unavailable');
    this.name = 'ClickHouseUnavailableError';
  }
}

/** The schema on a node is not the one this code was written for. */
export class ClickHouseSchemaError extends ParallaxError {
  constructor(
    message: string,
    readonly node: string,
  ) {
    super(message, 'unsupported');
    this.name = 'ClickHouseSchemaError';
  }
}

/** The client logs warnings with stack traces on its own; errors reach the caller as exceptions instead. */
class QuietLogger implements Logger {
  trace() {}
  debug() {}
  info() {}
  warn() {}
  error() {}
}

const SOCKET_ERRORS = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True when the request failed in transport (nothing or not all of it reached the server). */
export function isTransportError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && SOCKET_ERRORS.has(code)) return true;
  return /socket hang up|other side closed|Timeout error|ECONNREFUSED|ECONNRESET/i.test(error.message);
}

/** A stale keep-alive socket fails the first request that reuses it; only that one is retried. */
function isStaleSocket(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|other side closed/i.test(error.message);
}

export interface ClickHouseNodeOptions {
  username: string;
  password: string;
  requestTimeoutMs?: number;
}

/**
 * One server's HTTP interface. Queries go out as text with client-escaped literals and come back as
 * JSONEachRow; inserts are TabSeparated bodies. 64-bit integers arrive as strings, so callers convert.
 */
export class ClickHouseNode {
  readonly label: string;
  /** What this node is in the cluster, for messages: `shard 2 of cluster events`. */
  role = 'node';
  private readonly client: ClickHouseClient;

  constructor(
    readonly address: ClickHouseNodeAddress,
    options: ClickHouseNodeOptions,
  ) {
    this.label = nodeLabel(address);
    const host = address.host.includes(':') ? `[${address.host}]` : address.host;
    this.client = createClient({
      url: `http://${host}:${address.port}`,
      username: options.username,
      password: options.password,
      request_timeout: options.requestTimeoutMs ?? 300_000,
      max_open_connections: 8,
      // 18.16 closes idle sockets after 3 s; drop ours well before that.
      keep_alive: { enabled: true, idle_socket_ttl: 1500 },
      log: { LoggerClass: QuietLogger },
      clickhouse_settings: { max_query_size: String(64 * 1024 * 1024) },
    });
  }

  get name(): string {
    return this.role === 'node' ? this.label : `${this.label} (${this.role})`;
  }

  /** Runs a read and returns its rows; retried once when a stale keep-alive socket fails it. */
  async rows<T>(sql: string, settings: ClickHouseSettings = {}): Promise<T[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.client.query({ query: sql, format: 'JSONEachRow', clickhouse_settings: settings });
        return await result.json<T>();
      } catch (error) {
        if (attempt === 0 && isStaleSocket(error)) continue;
        throw this.describe(error);
      }
    }
  }

  /** Runs DDL or another statement without output. DDL here is idempotent, so it is retried like a read. */
  async command(sql: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.command({ query: sql });
        return;
      } catch (error) {
        if (attempt === 0 && isStaleSocket(error)) continue;
        throw this.describe(error);
      }
    }
  }

  /**
   * Inserts rows. Never retried here: a row of a collapsing table written twice would count twice,
   * so recovery is the caller's job (re-apply, which reads what is stored before writing).
   */
  async insert(table: string, rows: readonly object[], settings: ClickHouseSettings = {}): Promise<void> {
    const first = rows[0];
    if (!first) return;
    // TabSeparated, not JSONEachRow: the server parses it several times faster (no key per field).
    // Every row of one insert has the first row's keys.
    const columns = Object.keys(first) as [string, ...string[]];
    const body = tabSeparated(rows, columns);
    try {
      await this.client.insert({
        table,
        values: Readable.from([Buffer.from(body)], { objectMode: false }),
        format: 'TabSeparated',
        columns,
        clickhouse_settings: settings,
      });
    } catch (error) {
      throw this.describe(error);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** Turns a transport failure into an error naming this node; server errors keep their text. */
  private describe(error: unknown): Error {
    if (error instanceof ParallaxError) return error;
    const message = error instanceof Error ? error.message : String(error);
    if (isTransportError(error)) {
      return new ClickHouseUnavailableError(`ClickHouse ${this.name} is unreachable: ${message}`, this.label);
    }
    const wrapped = new Error(`ClickHouse ${this.name}: ${message.trim()}`, { cause: error });
    return wrapped;
  }
}
