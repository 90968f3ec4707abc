import { InvalidInputError } from '@parallax/core';
import { isSqlIdentifier } from './sql-literal.ts';

/** One ClickHouse server's HTTP interface. */
export interface ClickHouseNodeAddress {
  host: string;
  port: number;
}

/** What a `clickhouse://` store URL names. */
export interface ClickHouseStoreUrl {
  /** Every node's HTTP address; the first one coordinates queries, all of them receive schema DDL. */
  nodes: ClickHouseNodeAddress[];
  database: string;
  /** `remote_servers` cluster the Distributed tables span; null for a single server. */
  cluster: string | null;
  username: string;
  password: string;
}

export const DEFAULT_HTTP_PORT = 8123;
const EXAMPLE = 'clickhouse://10.0.0.1:8123,10.0.0.2:8123/parallax?cluster=events';
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

export function nodeLabel(node: ClickHouseNodeAddress): string {
  return node.host.includes(':') ? `[${node.host}]:${node.port}` : `${node.host}:${node.port}`;
}

/**
 * Parses `clickhouse://[user[:password]@]host[:port][,host[:port]…]/database[?cluster=name]`.
 * Several hosts are listed because 18.16 without ZooKeeper cannot run `ON CLUSTER` DDL: the schema is
 * created on each node over its own HTTP port. Every problem is reported against the URL (with the
 * password masked), never as a stack trace.
 */
export function parseStoreUrl(input: string): ClickHouseStoreUrl {
  const shown = redactStoreUrl(input);
  const fail = (problem: string): never => {
    throw new InvalidInputError(`store URL ${shown}: ${problem} (expected e.g. ${EXAMPLE})`);
  };
  const m = /^clickhouse:\/\/(?:([^@/?#]*)@)?([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?$/.exec(input.trim());
  if (!m) return fail('not a clickhouse:// URL');
  const [, userinfo, hostList = '', path = '', query = ''] = m;

  let username = 'default';
  let password = '';
  if (userinfo !== undefined) {
    const cut = userinfo.indexOf(':');
    username = decode(cut < 0 ? userinfo : userinfo.slice(0, cut), fail);
    password = cut < 0 ? '' : decode(userinfo.slice(cut + 1), fail);
    if (!username) fail('the user name before @ is empty');
  }

  if (!hostList) fail('no host');
  const nodes: ClickHouseNodeAddress[] = [];
  for (const part of hostList.split(',')) {
    const hm = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+))(?::([^:]*))?$/.exec(part);
    const host = hm?.[1] ?? hm?.[2];
    if (!hm || !host || (hm[2] !== undefined && !HOST.test(host)))
      return fail(`host ${JSON.stringify(part)} is not valid`);
    let port = DEFAULT_HTTP_PORT;
    if (hm[3] !== undefined) {
      port = Number(hm[3]);
      if (!/^\d+$/.test(hm[3]) || port < 1 || port > 65535)
        fail(`port ${JSON.stringify(hm[3])} of ${host} is not 1–65535`);
    }
    const node = { host, port };
    if (nodes.some((n) => nodeLabel(n) === nodeLabel(node))) fail(`${nodeLabel(node)} is listed twice`);
    nodes.push(node);
  }

  const database = decode(path.replace(/\/+$/, ''), fail);
  if (!database) fail('no database: add /<database> after the hosts');
  if (!isSqlIdentifier(database)) fail(`database ${JSON.stringify(database)} must be letters, digits and _`);

  let cluster: string | null = null;
  for (const pair of query ? query.split('&') : []) {
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq), fail);
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1), fail);
    if (key !== 'cluster') fail(`unknown parameter ${JSON.stringify(key)} (known: cluster)`);
    if (cluster !== null) fail('cluster is given twice');
    if (!isSqlIdentifier(value)) fail(`cluster ${JSON.stringify(value)} must be letters, digits and _`);
    cluster = value;
  }
  if (nodes.length > 1 && cluster === null) {
    fail(`${nodes.length} hosts but no ?cluster=: name the remote_servers cluster they form`);
  }
  return { nodes, database, cluster, username, password };
}

/** The URL with any password replaced by `***`, for messages and `StoreInfo.location`. */
export function redactStoreUrl(input: string): string {
  return input.trim().replace(/^(clickhouse:\/\/[^:@/?#]*:)[^@/?#]*@/, '$1***@');
}

function decode(text: string, fail: (problem: string) => never): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fail(`${JSON.stringify(text)} is not valid percent-encoding`);
  }
}
