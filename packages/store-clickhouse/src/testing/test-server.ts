/**
 * The ClickHouse a test run may use: `PARALLAX_TEST_CLICKHOUSE` holds a store URL (set by
 * `npm run test:clickhouse`, which starts a 2-shard cluster). Without it, server tests skip.
 */
export const CLICKHOUSE_TEST_URL = process.env.PARALLAX_TEST_CLICKHOUSE?.trim() || null;

export const SKIP_MESSAGE =
  'no ClickHouse configured: set PARALLAX_TEST_CLICKHOUSE=clickhouse://host:port[,host:port]/db?cluster=name, or run `npm run test:clickhouse`';

/** The same URL with another database. */
export function withDatabase(url: string, database: string): string {
  return url.replace(/^(clickhouse:\/\/[^/?#]+\/)[^?#]*/, `$1${database}`);
}

/** The URL's first node on its own, as a single server without a cluster. */
export function singleNodeUrl(url: string): string {
  const m = /^clickhouse:\/\/((?:[^@/]*@)?)([^,/]+)[^/]*\/([^?#]*)/.exec(url);
  if (!m) throw new Error(`not a clickhouse:// URL: ${url}`);
  return `clickhouse://${m[1]}${m[2]}/${m[3]}`;
}
