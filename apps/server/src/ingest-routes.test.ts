import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench, type Workbench } from '@parallax/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './http-server.ts';
import type { IngestJobs } from './ingest-jobs.ts';

const REPO = new URL('../../../', import.meta.url).pathname;
let dir: string;
let workbench: Workbench;
let app: FastifyInstance;
const jobs = () => (app as unknown as { ingestJobs: IngestJobs }).ingestJobs;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-ingest-api-'));
  workbench = await openWorkbench({ dir: join(dir, 'ws'), create: true });
  app = await buildServer({ workbench });
});
afterAll(async () => {
  await app.close();
  await workbench.close();
  rmSync(dir, { recursive: true, force: true });
});

async function finished(id: string) {
  await jobs().idle();
  const res = await app.inject({ method: 'GET', url: `/api/ingest/jobs/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('ingest API', () => {
  it('takes an uploaded page as a job and reports its progress and summary', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/ingest/uploads?name=story.html',
      headers: { 'content-type': 'application/octet-stream' },
      payload: readFileSync(`${REPO}packages/ingest/test/fixtures/wire-story.html`),
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ id: expect.stringMatching(/^job_/), kind: 'upload', inputs: ['story.html'] });
    const job = await finished(res.json().id);
    expect(job).toMatchObject({
      state: 'done',
      progress: { done: 1, total: 1, unit: 'documents' },
      summary: { inserted: 1, duplicates: 0, failed: 0 },
    });
    const list = await app.inject({ method: 'GET', url: '/api/ingest/jobs' });
    expect(list.json()[0].id).toBe(job.id);
  });

  it('reports bad uploads and refused URLs per input, and imports an uploaded GDELT export', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/ingest/uploads?name=photo.txt',
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
    });
    const badJob = await finished(bad.json().id);
    expect(badJob.failures).toEqual([
      { input: 'photo.txt', reason: expect.stringMatching(/^photo\.txt: looks like a binary file/) },
    ]);
    const urls = await app.inject({
      method: 'POST',
      url: '/api/ingest/urls',
      payload: { urls: ['http://127.0.0.1:9/admin'] },
    });
    expect(urls.statusCode).toBe(202);
    const urlJob = await finished(urls.json().id);
    expect(urlJob.failures[0]).toMatchObject({
      input: 'http://127.0.0.1:9/admin',
      reason: expect.stringMatching(/refused/),
    });
    const gdelt = await app.inject({
      method: 'POST',
      url: '/api/ingest/uploads?name=20180326044500.export.CSV&kind=gdelt-events',
      payload: readFileSync(`${REPO}data/gdelt/samples/20180326044500.export.CSV`),
      headers: { 'content-type': 'text/tab-separated-values' },
    });
    const gdeltJob = await finished(gdelt.json().id);
    expect(gdeltJob).toMatchObject({
      state: 'done',
      progress: { done: 1540, unit: 'rows' },
      summary: { inserted: 1540 },
    });
  });

  it('validates requests and documents the endpoints', async () => {
    const noUrls = await app.inject({
      method: 'POST',
      url: '/api/ingest/urls',
      payload: { urls: ['file:///etc/passwd'] },
    });
    expect(noUrls.statusCode).toBe(400);
    expect(noUrls.json()).toMatchObject({ error: 'invalid-input', message: expect.stringMatching(/http\(s\) URL/) });
    const badName = await app.inject({
      method: 'POST',
      url: '/api/ingest/uploads?name=../x.md',
      payload: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(badName.statusCode).toBe(400);
    const empty = await app.inject({
      method: 'POST',
      url: '/api/ingest/uploads?name=x.md',
      payload: '',
      headers: { 'content-type': 'text/plain' },
    });
    expect(empty.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/ingest/jobs/job_0000000000000000' })).statusCode).toBe(404);
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/ingest/uploads',
      '/api/ingest/urls',
      '/api/ingest/feeds',
      '/api/ingest/jobs',
      '/api/ingest/jobs/{id}',
    ]) {
      expect(spec.paths[path], path).toBeDefined();
    }
    const wide = await buildServer({ workbench, host: '0.0.0.0' });
    const refused = await wide.inject({
      method: 'POST',
      url: '/api/ingest/urls',
      payload: { urls: ['https://example.test/'] },
    });
    expect(refused.statusCode).toBe(403);
    await wide.close();
  });
});
