import {
  buildDocument,
  buildSource,
  type Document,
  type Event,
  type EventId,
  emptyFrame,
  type IsoDateTime,
  type OriginId,
  type Source,
} from '@parallax/core';
import type { BriefLibrary } from '../compose/compose-brief.ts';

// Documents and a brief written for this test; the publishers are fictional.
export const wire = buildSource({
  name: 'Harbour Wire',
  domain: 'harbourwire.example',
  kind: 'wire-agency',
  reliability: 'B',
  reliabilityRationale: 'accurate on shipping for years',
});
export const ministry = buildSource({
  name: 'Ministry of Ports',
  domain: 'ports.gov.example',
  kind: 'government',
  country: 'NLD',
});
export const paper = buildSource({
  name: 'Coastal Times',
  domain: 'coastal.example',
  kind: 'news-outlet',
  reliability: 'C',
});
const at = (d: string) => `${d}T09:00:00.000Z` as IsoDateTime;
const doc = (f: Partial<Document> & { title: string; text: string }): Document =>
  buildDocument({ retrieved: at('2025-03-05'), mediaType: 'text/markdown', language: 'en', ...f });
export const d1 = doc({
  title: 'Two harbours closed after storm damage: authorities assess the quays',
  text: 'The port authority closed two harbours.',
  author: 'Ana Lopes and Ben Ode',
  publisher: 'Harbour Wire',
  sourceId: wire.id,
  published: at('2025-03-01'),
  url: 'https://harbourwire.example/two-harbours-closed',
});
export const d2 = doc({
  title: 'Notice to mariners 12/2025',
  text: 'Harbour North reopens.',
  publisher: 'Ministry of Ports',
  sourceId: ministry.id,
  published: at('2025-03-02'),
  url: 'https://ports.gov.example/notices/12-2025',
});
export const d3 = doc({
  title: 'Insurers raise premiums on northern routes',
  text: 'Premiums rose.',
  author: 'Carla Riva',
  publisher: 'Coastal Times',
  sourceId: paper.id,
  published: at('2025-03-04'),
  url: 'https://coastal.example/premiums',
});
export const event: Event = {
  id: 'evt_00000000000000000001' as EventId,
  claimIds: [],
  frame: emptyFrame(),
  origins: [
    {
      id: 'org_1' as OriginId,
      kind: 'newsroom',
      label: 'Harbour Wire',
      actorId: null,
      sourceId: wire.id,
      documentIds: [d1.id],
      claimIds: [],
      interested: false,
      lineage: 'newsroom:harbour-wire',
      reliability: 'B',
    },
    {
      id: 'org_2' as OriginId,
      kind: 'newsroom',
      label: 'Ministry of Ports',
      actorId: null,
      sourceId: ministry.id,
      documentIds: [d2.id],
      claimIds: [],
      interested: true,
      lineage: 'newsroom:ministry-of-ports',
      reliability: 'C',
    },
  ],
  credibility: 2,
  rationale: 'two origins',
  status: 'corroborated',
  contradictions: [],
  firstReported: at('2025-03-01'),
};
export const library: BriefLibrary = {
  documents: new Map([d1, d2, d3].map((d) => [d.id, d])),
  sources: new Map<string, Source>([wire, ministry, paper].map((s) => [s.id, s])),
  events: new Map([[event.id, event]]),
};
export const BRIEF = `# Harbour closures

Two harbours closed on 1 March [@doc:${d1.id}]. One reopened a day later.[@doc:${d2.id}, para. 2]

Premiums are likely to stay high [@doc:${d3.id}; @doc:${d1.id}]. The closures were confirmed by several sources.[@event:${event.id}]
`;
