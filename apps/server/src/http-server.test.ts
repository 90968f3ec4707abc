import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDatasetFiles, ingestDocuments } from '@parallax/app';
import { openWorkbench, readDocumentFile, readGdeltExportFile, type Workbench } from '@parallax/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './http-server.ts';

let dir: string;
let workbench: Workbench;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-api-'));
  workbench = await openWorkbench({ dir: join(dir, 'ws'), create: true });
  const note = join(dir, 'note.md');
  writeFileSync(
    note,
    '---\ntitle: Ministry statement\npublisher: Example Ministry\nurl: https://ministry.example/s/1\n---\nThe ministry denied that soldiers crossed the river.\n',
  );
  await ingestDocuments(workbench, [readDocumentFile(note, workbench.clock)]);
  await importDatasetFiles(workbench, [
    readGdeltExportFile(
      `${workbench.reference.dir}gdelt/samples/20180326044500.export.CSV`,
      workbench.reference,
      workbench.clock,
    ),
  ]);
  app = await buildServer({ workbench });
});

afterAll(async () => {
  await app.close();
  await workbench.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
};

describe('HTTP API', () => {
  it('lists events with filters and keyset pages', async () => {
    const all = await get('/api/events?limit=10');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(10);
    expect(all.body.total).toBeGreaterThan(1000);
    expect(all.body.items[0]).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      credibility: expect.any(Number),
      status: 'reported',
    });
    const next = await get(`/api/events?limit=10&cursor=${encodeURIComponent(all.body.next)}`);
    expect(next.body.items[0].id).not.toBe(all.body.items[0].id);
    const russia = await get('/api/events?country=RUS&limit=1000');
    expect(russia.body.items.length).toBeGreaterThan(0);
    expect(russia.body.items.every((e: { place: { country: string } }) => e.place.country === 'RUS')).toBe(true);
    const byActor = await get('/api/events?actor=RUS&limit=1000');
    expect(byActor.body.total).toBeGreaterThan(0);
    expect(
      byActor.body.items.every((e: { actors: { code: string }[] }) => e.actors.some((a) => a.code.startsWith('RUS'))),
    ).toBe(true);
  });

  it('answers bad filters with 400 and a message naming the parameter', async () => {
    expect(await get('/api/events?from=2024-02-30')).toEqual({
      status: 400,
      body: { error: 'invalid-input', message: 'querystring: from: expected a calendar date YYYY-MM-DD' },
    });
    const unknown = await get('/api/events?colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/unknown parameter: colour/);
    expect((await get('/api/events?type=INVADE')).body.message).toMatch(/unknown PLOVER type 'INVADE'/);
    expect((await get('/api/events?actor=NOBODYXYZ')).body).toEqual({
      error: 'invalid-input',
      message: "actor: no actor matches 'NOBODYXYZ' (give an id, a CAMEO code or a name)",
    });
    expect((await get('/api/events?bbox=1,2,3')).status).toBe(400);
    expect((await get('/api/events?limit=0')).status).toBe(400);
  });

  it('returns an event with its claims and documents, and 404 for unknown ids', async () => {
    const list = await get('/api/events?limit=1');
    const detail = await get(`/api/events/${list.body.items[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.claims.length).toBe(detail.body.event.claimIds.length);
    expect(detail.body.documents[0]).not.toHaveProperty('text');
    expect(await get('/api/events/evt_00000000000000000000')).toMatchObject({
      status: 404,
      body: { error: 'not-found' },
    });
    expect((await get('/api/events/not-an-id')).status).toBe(400);
  });

  it('aggregates for the timeline, the map and the network', async () => {
    const timeline = await get('/api/timeline?interval=month&stack=quadClass');
    expect(timeline.body.buckets.length).toBeGreaterThan(0);
    const total = timeline.body.buckets.reduce((n: number, b: { total: number }) => n + b.total, 0);
    expect(total).toBe((await get('/api/events?limit=1')).body.total);
    const regions = await get('/api/map/regions?level=country');
    expect(regions.body.type).toBe('FeatureCollection');
    expect(regions.body.features[0].properties).toMatchObject({
      code: expect.stringMatching(/^[A-Z]{3}$/),
      count: expect.any(Number),
    });
    const disputed = await get('/api/map/disputed');
    expect(disputed.status).toBe(200);
    for (const f of disputed.body.features) {
      expect(f.properties.dejure).not.toBe(f.properties.administeredBy);
      expect(f.properties.code.slice(0, 2)).toBe(f.properties.dejure);
    }
    const points = await get('/api/map/events?limit=50');
    expect(points.body.features.length).toBe(50);
    const network = await get('/api/network?limit=25');
    expect(network.body.edges.length).toBe(25);
    const ids = new Set(network.body.nodes.map((n: { id: string }) => n.id));
    expect(
      network.body.edges.every((e: { source: string; target: string }) => ids.has(e.source) && ids.has(e.target)),
    ).toBe(true);
  });

  it('places events by hour and by report time on the timeline', async () => {
    const byReport = await get('/api/timeline?interval=day&basis=report');
    expect(byReport.status).toBe(200);
    expect(byReport.body).toMatchObject({ basis: 'report', interval: 'day', partial: false });
    const total = (await get('/api/events?limit=1')).body.total;
    expect(byReport.body.counted + byReport.body.undated).toBe(total);
    const hours = await get('/api/timeline?interval=hour&basis=report&country=RUS');
    expect(hours.body.buckets.every((b: { date: string }) => /T\d{2}:00Z$/.test(b.date))).toBe(true);
    expect((await get('/api/timeline?basis=rumour')).status).toBe(400);
  });

  it('summarises sources with document counts and lineage', async () => {
    const overview = await get('/api/sources/overview');
    expect(overview.status).toBe(200);
    const ministry = overview.body.sources.find((s: { domain: string }) => s.domain === 'ministry.example');
    expect(ministry).toMatchObject({ documents: 1, copies: 0 });
    expect(Array.isArray(overview.body.lineage)).toBe(true);
  });

  it('searches documents and serves their text', async () => {
    const hits = await get('/api/search?q=denied%20soldiers');
    expect(hits.body.items).toHaveLength(1);
    expect(hits.body.items[0].snippet).toMatch(/\[denied\]/);
    const doc = await get(`/api/documents/${hits.body.items[0].document.id}`);
    expect(doc.body.text).toBe('The ministry denied that soldiers crossed the river.');
  });

  it('grades sources on loopback and refuses writes from a wider bind without a token', async () => {
    const source = (await get('/api/sources')).body.find((s: { domain: string }) => s.domain === 'ministry.example');
    const graded = await app.inject({
      method: 'POST',
      url: `/api/sources/${source.id}/grade`,
      payload: { reliability: 'C', rationale: 'Official channel; interested party.' },
    });
    expect(graded.statusCode).toBe(200);
    expect(graded.json()).toMatchObject({ reliability: 'C' });
    const bad = await app.inject({
      method: 'POST',
      url: `/api/sources/${source.id}/grade`,
      payload: { reliability: 'Z', rationale: 'x' },
    });
    expect(bad.statusCode).toBe(400);

    const exposed = await buildServer({ workbench, host: '0.0.0.0' });
    const denied = await exposed.inject({
      method: 'POST',
      url: `/api/sources/${source.id}/grade`,
      payload: { reliability: 'B', rationale: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    await exposed.close();
    const guarded = await buildServer({ workbench, host: '0.0.0.0', token: 's3cret' });
    const noToken = await guarded.inject({
      method: 'POST',
      url: `/api/sources/${source.id}/grade`,
      payload: { reliability: 'B', rationale: 'x' },
    });
    expect(noToken.statusCode).toBe(401);
    const withToken = await guarded.inject({
      method: 'POST',
      url: `/api/sources/${source.id}/grade`,
      headers: { authorization: 'Bearer s3cret' },
      payload: { reliability: 'B', rationale: 'Checked against later reporting.' },
    });
    expect(withToken.statusCode).toBe(200);
    await guarded.close();
  });

  it('explains events, merges and splits them, and re-weighs on retraction and discrediting', async () => {
    const page = await get('/api/events?limit=2&country=USA');
    const [a, b] = page.body.items;
    const detail = await get(`/api/events/${a.id}`);
    expect(detail.body.joins[0]).toMatchObject({ via: null, because: expect.stringMatching(/^leads the event/) });
    expect(detail.body.event.origins[0]).toMatchObject({
      lineage: expect.any(String),
      reliability: expect.any(String),
    });

    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });
    const merged = await post('/api/events/merge', { eventIds: [a.id, b.id], reason: 'Same incident' });
    expect(merged.statusCode).toBe(200);
    const mergedBody = merged.json();
    expect(mergedBody.decision).toMatchObject({ kind: 'merge', reason: 'Same incident' });
    expect(mergedBody.eventIds).toHaveLength(1);
    const [mergedId] = mergedBody.eventIds;
    const mergedEvent = (await get(`/api/events/${mergedId}`)).body.event;
    expect(mergedEvent.claimIds.length).toBe(a.claimCount + b.claimCount);
    const split = await post(`/api/events/${mergedId}/split`, {
      claimIds: [mergedEvent.claimIds[0]],
      reason: 'Different incident after all',
    });
    expect(split.statusCode).toBe(200);
    expect((await get('/api/cluster-decisions')).body.map((d: { kind: string }) => d.kind)).toEqual(['merge', 'split']);
    const strangers = await post(`/api/events/${mergedId}/split`, {
      claimIds: ['clm_00000000000000000000'],
      reason: 'x',
    });
    expect(strangers.statusCode).toBe(400);

    const docs = (await get('/api/documents')).body.items;
    const retracted = await post(`/api/documents/${docs[0].id}/retract`, { reason: 'Withdrawn by publisher' });
    expect(retracted.statusCode).toBe(200);
    expect(retracted.json()).toMatchObject({
      document: { retracted: { reason: 'Withdrawn by publisher' } },
      events: { mode: expect.any(String) },
    });
    const source = (await get('/api/sources')).body.find((s: { domain: string }) => s.domain === 'ministry.example');
    const discredited = await post(`/api/sources/${source.id}/discredit`, { reason: 'Fabricated statements' });
    expect(discredited.statusCode).toBe(200);
    expect(discredited.json().source.discredited).toMatchObject({ reason: 'Fabricated statements' });
    expect((await post(`/api/sources/${source.id}/discredit`, { reason: '' })).statusCode).toBe(400);
  });

  it('publishes an OpenAPI document and an offline docs page', async () => {
    const spec = await get('/api/openapi.json');
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/events',
        '/api/events/{id}',
        '/api/timeline',
        '/api/map/regions',
        '/api/network',
        '/api/search',
        '/api/sources/overview',
      ]),
    );
    expect(spec.body.components.schemas).toHaveProperty('EventSummary');
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
    expect(docs.body).not.toMatch(/cdn\.|unpkg|jsdelivr/);
    expect((await get('/api/nothing')).body).toEqual({
      error: 'not-found',
      message: 'GET /api/nothing: no such endpoint',
    });
  });
});
