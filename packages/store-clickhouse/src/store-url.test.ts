import { InvalidInputError } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { parseStoreUrl, redactStoreUrl } from './store-url.ts';

describe('clickhouse:// store URLs', () => {
  it('parses a cluster of nodes', () => {
    expect(parseStoreUrl('clickhouse://10.0.0.1:8123,ch-2.example:18124/parallax?cluster=events')).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 8123 },
        { host: 'ch-2.example', port: 18124 },
      ],
      database: 'parallax',
      cluster: 'events',
      username: 'default',
      password: '',
    });
  });

  it('defaults the port, reads credentials and IPv6 hosts', () => {
    expect(parseStoreUrl('clickhouse://analyst:s%40cret@[::1]/gdelt')).toEqual({
      nodes: [{ host: '::1', port: 8123 }],
      database: 'gdelt',
      cluster: null,
      username: 'analyst',
      password: 's@cret',
    });
  });

  it.each([
    ['postgres://h/db', /not a clickhouse:\/\/ URL/],
    ['clickhouse:///db', /no host/],
    ['clickhouse://h:0/db', /port "0" of h is not 1–65535/],
    ['clickhouse://h:99999/db', /not 1–65535/],
    ['clickhouse://h:80a/db', /port "80a"/],
    ['clickhouse://h', /no database/],
    ['clickhouse://h/my-db', /database "my-db" must be letters/],
    ['clickhouse://h/db?cluster=a;DROP', /cluster "a;DROP" must be letters/],
    ['clickhouse://h/db?shards=2', /unknown parameter "shards"/],
    ['clickhouse://h/db?cluster=a&cluster=b', /cluster is given twice/],
    ['clickhouse://a:1,b:2/db', /2 hosts but no \?cluster=/],
    ['clickhouse://a:1,a:1/db?cluster=c', /a:1 is listed twice/],
    ['clickhouse://bad_host!/db', /host "bad_host!" is not valid/],
    ['clickhouse://h/%zz', /not valid percent-encoding/],
  ])('rejects %s clearly', (url, message) => {
    expect(() => parseStoreUrl(url)).toThrow(InvalidInputError);
    expect(() => parseStoreUrl(url)).toThrow(message);
  });

  it('never echoes a password in an error or a location', () => {
    expect(redactStoreUrl('clickhouse://u:hunter2@h:1/db')).toBe('clickhouse://u:***@h:1/db');
    expect(() => parseStoreUrl('clickhouse://u:hunter2@h:1/db?x=1')).toThrow(/clickhouse:\/\/u:\*\*\*@h:1/);
    try {
      parseStoreUrl('clickhouse://u:hunter2@h:1/db?x=1');
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });
});
