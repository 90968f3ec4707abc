import { InvalidInputError, ParallaxError } from '@parallax/core';
import { ClickHouseNode, ClickHouseSchemaError, ClickHouseUnavailableError } from './clickhouse-node.ts';
import { bootstrapStatements, MIGRATIONS, SCHEMA_TABLE, SCHEMA_VERSION } from './schema.ts';
import { sqlInteger, sqlString } from './sql-literal.ts';
import { type ClickHouseStoreUrl, redactStoreUrl } from './store-url.ts';

/** The oldest server this store is written for: Debian 12's package. */
export const MIN_SERVER_VERSION: [number, number] = [18, 16];

export interface Shard {
  number: number;
  /** `host:port` of each replica's native (TCP) interface, as `remote_servers` lists it. */
  replicas: string[];
  /** The URL's nodes that serve this shard. */
  nodes: ClickHouseNode[];
}

interface ClusterRow {
  shard_num: number | string;
  replica_num: number | string;
  host_name: string;
  host_address: string;
  port: number | string;
  is_local: number | string;
}

/**
 * The nodes of a store URL and what each one is in the cluster: checked once when the store opens
 * (server version, the cluster's shard list agreeing on every node, every shard reachable for DDL),
 * then used to name the shard at fault in every error.
 */
export class ClusterTopology {
  private constructor(
    readonly url: ClickHouseStoreUrl,
    readonly location: string,
    readonly nodes: ClickHouseNode[],
    readonly shards: Shard[],
    readonly serverVersion: string,
  ) {}

  get coordinator(): ClickHouseNode {
    return this.nodes[0] as ClickHouseNode;
  }

  static async connect(url: ClickHouseStoreUrl, rawUrl: string, requestTimeoutMs?: number): Promise<ClusterTopology> {
    const location = redactStoreUrl(rawUrl);
    const nodes = url.nodes.map(
      (address) => new ClickHouseNode(address, { username: url.username, password: url.password, requestTimeoutMs }),
    );
    try {
      const versions = await Promise.all(nodes.map((n) => serverVersion(n)));
      let shards: Shard[] = [];
      if (url.cluster) shards = await discoverShards(url.cluster, nodes, location);
      else if (nodes[0]) nodes[0].role = 'single node';
      return new ClusterTopology(url, location, nodes, shards, versions[0] ?? '');
    } catch (error) {
      await Promise.all(nodes.map((n) => n.close()));
      throw error;
    }
  }

  /** Creates or migrates the schema on every node, or (migrate = false) only checks it. */
  async ensureSchema(migrate: boolean): Promise<void> {
    await Promise.all(
      this.nodes.map(async (node) => {
        let version: number;
        if (migrate) {
          for (const sql of bootstrapStatements(this.url)) await node.command(sql);
          version = await this.schemaVersion(node);
        } else {
          const exists = await node.rows<{ n: string }>(
            `SELECT count() AS n FROM system.tables WHERE database = ${sqlString(this.url.database)} AND name = ${sqlString(SCHEMA_TABLE)}`,
          );
          version = Number(exists[0]?.n ?? 0) ? await this.schemaVersion(node) : 0;
        }
        if (version > SCHEMA_VERSION) {
          throw new ClickHouseSchemaError(
            `ClickHouse ${node.name}: database ${this.url.database} is at schema version ${version}, newer than this Parallax (${SCHEMA_VERSION}); upgrade Parallax before using this store`,
            node.label,
          );
        }
        if (version === SCHEMA_VERSION) return;
        if (!migrate) {
          throw new ClickHouseSchemaError(
            `ClickHouse ${node.name}: database ${this.url.database} is at schema version ${version}, this Parallax needs ${SCHEMA_VERSION}; open the store with migrations enabled to upgrade it`,
            node.label,
          );
        }
        for (const m of MIGRATIONS.filter((m) => m.version > version)) {
          for (const sql of m.statements(this.url)) await node.command(sql);
          await node.command(
            `INSERT INTO ${this.url.database}.${SCHEMA_TABLE} (version, description, applied_at) VALUES (${sqlInteger(m.version)}, ${sqlString(m.description)}, now())`,
          );
        }
      }),
    );
  }

  /**
   * Before a write: every node answers and is at this code's schema version. A shard that is down is
   * reported here, before any row is sent, so the common failure leaves nothing half-written.
   */
  async checkSchema(): Promise<void> {
    await Promise.all(
      this.nodes.map(async (node) => {
        let version: number;
        try {
          version = await this.schemaVersion(node);
        } catch (error) {
          if (error instanceof ParallaxError) throw error;
          throw new ClickHouseSchemaError(
            `ClickHouse ${node.name}: database ${this.url.database} has no Parallax schema (was the node replaced or its data removed?): ${(error as Error).message}`,
            node.label,
          );
        }
        if (version !== SCHEMA_VERSION) {
          throw new ClickHouseSchemaError(
            `ClickHouse ${node.name}: database ${this.url.database} is at schema version ${version}, this Parallax needs ${SCHEMA_VERSION}`,
            node.label,
          );
        }
      }),
    );
  }

  private async schemaVersion(node: ClickHouseNode): Promise<number> {
    const rows = await node.rows<{ v: number | string }>(
      `SELECT max(version) AS v FROM ${this.url.database}.${SCHEMA_TABLE}`,
    );
    return Number(rows[0]?.v ?? 0);
  }

  /**
   * A query through the coordinator fails with the native address of the shard that did not answer
   * (`Connection refused (10.0.0.2:9000)`); this names that shard and the URL node serving it.
   */
  translate(error: unknown): unknown {
    if (!(error instanceof Error) || error instanceof ParallaxError || !this.shards.length) return error;
    for (const m of error.message.matchAll(/\(([^\s()]+):(\d+)\)/g)) {
      const address = `${m[1]}:${m[2]}`;
      const shard = this.shards.find((s) => s.replicas.includes(address));
      if (!shard) continue;
      const via = shard.nodes.map((n) => ` (http ${n.label})`).join('');
      const reason = /Connection refused|timed out|Timeout|reset by peer|All connection tries failed/i.exec(
        error.message,
      )?.[0];
      return new ClickHouseUnavailableError(
        `ClickHouse cluster ${this.url.cluster}: shard ${shard.number} at ${address}${via} is unreachable${reason ? ` (${reason})` : ''}; queried through ${this.coordinator.label}`,
        address,
      );
    }
    return error;
  }

  async close(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.close()));
  }
}

async function serverVersion(node: ClickHouseNode): Promise<string> {
  const rows = await node.rows<{ v: string }>('SELECT version() AS v');
  const version = rows[0]?.v ?? '';
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [minMajor, minMinor] = MIN_SERVER_VERSION;
  if (major < minMajor || (major === minMajor && minor < minMinor)) {
    throw new ParallaxError(
      `ClickHouse ${node.label} runs ${version || 'an unknown version'}; Parallax needs ${minMajor}.${minMinor} or newer`,
      'unsupported',
    );
  }
  return version;
}

async function discoverShards(cluster: string, nodes: ClickHouseNode[], location: string): Promise<Shard[]> {
  const views = await Promise.all(
    nodes.map((n) =>
      n.rows<ClusterRow>(
        `SELECT shard_num, replica_num, host_name, host_address, port, is_local FROM system.clusters
         WHERE cluster = ${sqlString(cluster)} ORDER BY shard_num, replica_num`,
      ),
    ),
  );
  const describe = (rows: ClusterRow[]) =>
    rows.map((r) => `${r.shard_num}/${r.replica_num}=${r.host_address}:${r.port}`).join(' ');
  const reference = views[0] ?? [];
  const shards = new Map<number, Shard>();
  for (const r of reference) {
    const number = Number(r.shard_num);
    const shard = shards.get(number) ?? { number, replicas: [], nodes: [] };
    for (const host of new Set([r.host_address, r.host_name])) shard.replicas.push(`${host}:${Number(r.port)}`);
    shards.set(number, shard);
  }
  nodes.forEach((node, i) => {
    const rows = views[i] ?? [];
    if (!rows.length) {
      throw new InvalidInputError(
        `store URL ${location}: ClickHouse ${node.label} has no cluster ${cluster} in its remote_servers configuration`,
      );
    }
    if (describe(rows) !== describe(reference)) {
      throw new InvalidInputError(
        `store URL ${location}: ClickHouse ${node.label} defines cluster ${cluster} differently from ${nodes[0]?.label} (${describe(rows)} vs ${describe(reference)})`,
      );
    }
    const local = rows.find((r) => Number(r.is_local) === 1);
    if (local) {
      const shard = shards.get(Number(local.shard_num));
      shard?.nodes.push(node);
      node.role = `shard ${Number(local.shard_num)} of cluster ${cluster}`;
    } else {
      node.role = `coordinator of cluster ${cluster}`;
    }
  });
  for (const shard of shards.values()) {
    if (!shard.nodes.length) {
      throw new InvalidInputError(
        `store URL ${location}: shard ${shard.number} of cluster ${cluster} (${shard.replicas[0]}) is served by none of the listed hosts; list every node's HTTP address so the schema reaches each one`,
      );
    }
  }
  return [...shards.values()];
}
