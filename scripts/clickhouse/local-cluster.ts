// Starts and stops throwaway ClickHouse clusters on 127.0.0.1 for tests and benchmarks: one
// clickhouse-server process per node, each with its own ports, config and data under one directory,
// no systemd and no ZooKeeper. Every node lists every cluster, so DDL can run on each node directly.
//
//   node --import tsx scripts/clickhouse/local-cluster.ts start <dir> [nodes]   prints shell assignments
//   node --import tsx scripts/clickhouse/local-cluster.ts stop <dir>            stops by the PID files
//
// Clusters defined on every node: `parallax_1shard` (node 1) up to `parallax_<n>shards` (nodes 1..n).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const CLICKHOUSE_BINARY = process.env.CLICKHOUSE_SERVER_BIN ?? '/usr/sbin/clickhouse-server';

export interface LocalNode {
  /** 1-based. */
  index: number;
  dir: string;
  httpPort: number;
  tcpPort: number;
}

export interface LocalCluster {
  dir: string;
  nodes: LocalNode[];
  /** `clickhouse://` store URL over the first `shards` nodes. */
  storeUrl(database: string, shards?: number): string;
  pid(node: LocalNode): number | null;
  startNode(node: LocalNode): Promise<void>;
  stopNode(node: LocalNode): Promise<void>;
  stop(): Promise<void>;
}

export function clusterName(shards: number): string {
  return shards === 1 ? 'parallax_1shard' : `parallax_${shards}shards`;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function nodeConfig(node: LocalNode, all: LocalNode[]): string {
  const clusters = all
    .map((_, i) => {
      const shards = all
        .slice(0, i + 1)
        .map(
          (n) =>
            `<shard><internal_replication>false</internal_replication><replica><host>127.0.0.1</host><port>${n.tcpPort}</port></replica></shard>`,
        )
        .join('\n        ');
      return `<${clusterName(i + 1)}>\n        ${shards}\n      </${clusterName(i + 1)}>`;
    })
    .join('\n      ');
  const d = node.dir;
  return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>${d}/log/server.log</log>
    <errorlog>${d}/log/server.err.log</errorlog>
    <size>50M</size>
    <count>2</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${node.httpPort}</http_port>
  <tcp_port>${node.tcpPort}</tcp_port>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>100</max_concurrent_queries>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <mark_cache_size>268435456</mark_cache_size>
  <path>${d}/data/</path>
  <tmp_path>${d}/tmp/</tmp_path>
  <user_files_path>${d}/user_files/</user_files_path>
  <format_schema_path>${d}/format_schemas/</format_schema_path>
  <users_config>${d}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <umask>022</umask>
  <mlock_executable>false</mlock_executable>
  <!-- 18.16 ships without a query log; the benchmark reads rows read per shard from it. -->
  <query_log>
    <database>system</database>
    <table>query_log</table>
    <flush_interval_milliseconds>1000</flush_interval_milliseconds>
  </query_log>
  <remote_servers>
      ${clusters}
  </remote_servers>
  <macros><shard>${node.index}</shard><replica>n${node.index}</replica></macros>
  <max_session_timeout>3600</max_session_timeout>
  <default_session_timeout>60</default_session_timeout>
  <max_table_size_to_drop>0</max_table_size_to_drop>
</yandex>
`;
}

const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>8000000000</max_memory_usage>
      <use_uncompressed_cache>0</use_uncompressed_cache>
      <load_balancing>random</load_balancing>
      <log_queries>1</log_queries>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

const pidFile = (node: LocalNode) => join(node.dir, 'server.pid');

function readPid(node: LocalNode): number | null {
  if (!existsSync(pidFile(node))) return null;
  const pid = Number(readFileSync(pidFile(node), 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ping(node: LocalNode): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${node.httpPort}/ping`, { signal: AbortSignal.timeout(1000) });
    return (await res.text()).trim() === 'Ok.';
  } catch {
    return false;
  }
}

function lastLogLines(node: LocalNode): string {
  const lines: string[] = [];
  for (const f of ['log/server.err.log', 'log/stderr.log']) {
    const p = join(node.dir, f);
    if (existsSync(p)) lines.push(...readFileSync(p, 'utf8').trim().split('\n').slice(-8));
  }
  return lines.join('\n');
}

async function launch(node: LocalNode, timeoutMs: number): Promise<void> {
  if (!existsSync(CLICKHOUSE_BINARY)) {
    throw new Error(
      `${CLICKHOUSE_BINARY} not found: install Debian's clickhouse-server (apt-get install -y clickhouse-server clickhouse-client)`,
    );
  }
  const out = openSync(join(node.dir, 'log', 'stderr.log'), 'a');
  // cwd = node dir: 18.16 writes its *-preprocessed.xml beside the config file.
  const child = spawn(CLICKHOUSE_BINARY, [`--config-file=${join(node.dir, 'config.xml')}`], {
    cwd: node.dir,
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  if (!child.pid) throw new Error(`node ${node.index}: clickhouse-server did not start`);
  writeFileSync(pidFile(node), String(child.pid));
  const deadline = Date.now() + timeoutMs;
  while (!(await ping(node))) {
    if (!alive(child.pid)) {
      throw new Error(`node ${node.index} (127.0.0.1:${node.httpPort}) exited during startup:\n${lastLogLines(node)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `node ${node.index} (127.0.0.1:${node.httpPort}) did not answer /ping within ${timeoutMs / 1000} s:\n${lastLogLines(node)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function terminate(node: LocalNode): Promise<void> {
  const pid = readPid(node);
  if (pid === null) return;
  if (alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile(node), { force: true });
}

/** Starts `count` nodes under `dir` (created if missing); rejects with the node's log if one fails. */
export async function startLocalCluster(
  dir: string,
  count: number,
  options: { startTimeoutMs?: number } = {},
): Promise<LocalCluster> {
  const base = resolve(dir);
  const nodes: LocalNode[] = [];
  for (let i = 1; i <= count; i++) {
    nodes.push({ index: i, dir: join(base, `node${i}`), httpPort: await freePort(), tcpPort: await freePort() });
  }
  for (const node of nodes) {
    for (const sub of ['data', 'tmp', 'user_files', 'format_schemas', 'log']) {
      mkdirSync(join(node.dir, sub), { recursive: true });
    }
    writeFileSync(join(node.dir, 'config.xml'), nodeConfig(node, nodes));
    writeFileSync(join(node.dir, 'users.xml'), USERS_XML);
  }
  const timeout = options.startTimeoutMs ?? 60_000;
  const cluster: LocalCluster = {
    dir: base,
    nodes,
    storeUrl(database, shards = count) {
      const hosts = nodes
        .slice(0, shards)
        .map((n) => `127.0.0.1:${n.httpPort}`)
        .join(',');
      return `clickhouse://${hosts}/${database}?cluster=${clusterName(shards)}`;
    },
    pid: readPid,
    startNode: (node) => launch(node, timeout),
    stopNode: terminate,
    async stop() {
      await Promise.all(nodes.map(terminate));
    },
  };
  try {
    await Promise.all(nodes.map((n) => launch(n, timeout)));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

async function main(): Promise<void> {
  const [command, dir, count] = process.argv.slice(2);
  if (!dir || (command !== 'start' && command !== 'stop')) {
    console.error('usage: local-cluster.ts start <dir> [nodes] | stop <dir>');
    process.exit(2);
  }
  if (command === 'start') {
    const n = Number(count ?? 2);
    const cluster = await startLocalCluster(dir, n, {
      startTimeoutMs: Number(process.env.CLICKHOUSE_START_TIMEOUT_S ?? 60) * 1000,
    });
    // Shell assignments for `eval`: the test runner traps EXIT and kills these PIDs.
    console.log(`CLICKHOUSE_PIDS="${cluster.nodes.map((node) => cluster.pid(node)).join(' ')}"`);
    console.log(`CLICKHOUSE_HTTP="${cluster.nodes.map((node) => `127.0.0.1:${node.httpPort}`).join(',')}"`);
    for (let s = 1; s <= n; s++) console.log(`CLICKHOUSE_URL_${s}="${cluster.storeUrl('parallax', s)}"`);
  } else {
    const base = resolve(dir);
    for (let i = 1; existsSync(join(base, `node${i}`)); i++) {
      await terminate({ index: i, dir: join(base, `node${i}`), httpPort: 0, tcpPort: 0 });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(`local-cluster: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
