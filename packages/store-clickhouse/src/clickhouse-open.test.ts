import { createServer } from 'node:net';
import { InvalidInputError } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { ClickHouseUnavailableError, openClickHouseStore } from './index.ts';

async function closedPort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

describe('opening a ClickHouse store', () => {
  it('names the node when nothing answers', async () => {
    const port = await closedPort();
    const open = openClickHouseStore({ url: `clickhouse://127.0.0.1:${port}/parallax` });
    await expect(open).rejects.toBeInstanceOf(ClickHouseUnavailableError);
    await expect(openClickHouseStore({ url: `clickhouse://127.0.0.1:${port}/parallax` })).rejects.toThrow(
      `ClickHouse 127.0.0.1:${port} is unreachable`,
    );
  });

  it('rejects a bad URL before connecting', async () => {
    await expect(openClickHouseStore({ url: 'clickhouse://127.0.0.1:1/parallax?cluster=' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});
