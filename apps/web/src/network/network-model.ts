import type { ActorEdge } from '@parallax/core';

export interface NetworkNode {
  id: string;
  name: string;
  code: string | null;
  kind: string;
  degree: number;
}

export interface NetworkData {
  nodes: NetworkNode[];
  edges: ActorEdge[];
}

export type EdgeWeighting = 'count' | 'goldstein';

export interface NodeView {
  id: string;
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  kind: string;
  degree: number;
}

export interface EdgeView {
  source: string;
  target: string;
  size: number;
  color: string;
  count: number;
  /** Mean Goldstein score (−10 conflict … +10 cooperation). */
  goldstein: number;
  /** Share of the pair's coded events that are conflict (quad 3–4); null when none are coded. */
  conflictShare: number | null;
}

export const KIND_COLORS: Record<string, string> = {
  state: '#4c6e91',
  organisation: '#7a6aa8',
  igo: '#2f8f8a',
  person: '#b0785a',
  'armed-group': '#8d4b4b',
  sector: '#8c8f45',
  other: '#7d848c',
};

/** Conflict share of an edge from its quad counts; falls back to the Goldstein sign when uncoded. */
export function conflictShare(edge: Pick<ActorEdge, 'quadCounts' | 'goldsteinSum' | 'count'>): number | null {
  const [q1, q2, q3, q4] = edge.quadCounts;
  const coded = q1 + q2 + q3 + q4;
  if (coded > 0) return (q3 + q4) / coded;
  if (edge.count > 0 && edge.goldsteinSum !== 0) return edge.goldsteinSum < 0 ? 1 : 0;
  return null;
}

function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => Number.parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => Number.parseInt(b.slice(i, i + 2), 16));
  return `#${pa
    .map((v, i) => Math.round(v + ((pb[i] ?? v) - v) * t))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;
}

const COOPERATION = '#2171b5';
const NEUTRAL = '#9a9fa6';
const CONFLICT = '#c6282b';

/** Blue for cooperation, red for conflict, grey in between and for uncoded pairs. */
export function edgeColor(share: number | null): string {
  if (share === null) return NEUTRAL;
  return share < 0.5 ? mix(COOPERATION, NEUTRAL, share * 2) : mix(NEUTRAL, CONFLICT, (share - 0.5) * 2);
}

/** How heavy an edge is: its event count, or the magnitude of its summed Goldstein scores. */
export function edgeWeight(edge: Pick<ActorEdge, 'count' | 'goldsteinSum'>, weighting: EdgeWeighting): number {
  return weighting === 'count' ? edge.count : Math.abs(edge.goldsteinSum);
}

/** Square-root scaling, so one dominant pair does not make every other edge a hairline. */
export function scaled(value: number, max: number, min: number, top: number): number {
  if (max <= 0) return min;
  return min + (top - min) * Math.sqrt(Math.max(0, value) / max);
}

/** A deterministic 0–1 hash of a string, so new nodes land in the same place on every load. */
function hash01(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100_000) / 100_000;
}

/**
 * Starting positions: a node seen before keeps its place (the picture stays stable while the time
 * filter moves); a new node starts beside a placed neighbour, or on a spiral by degree, so the
 * force layout only has to settle, not untangle.
 */
export function seedPositions(
  nodes: NetworkNode[],
  edges: Pick<ActorEdge, 'source' | 'target'>[],
  previous: ReadonlyMap<string, { x: number; y: number }>,
): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const e of edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const byDegree = [...nodes].sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : 1));
  let spiral = 0;
  for (const n of byDegree) {
    const known = previous.get(n.id);
    if (known) {
      out.set(n.id, known);
      continue;
    }
    const anchor = (neighbours.get(n.id) ?? []).map((id) => out.get(id) ?? previous.get(id)).find(Boolean);
    const angle = hash01(n.id) * 2 * Math.PI;
    if (anchor) {
      out.set(n.id, { x: anchor.x + Math.cos(angle) * 8, y: anchor.y + Math.sin(angle) * 8 });
    } else {
      // Golden-angle spiral: even spacing for any count, heavy nodes at the centre.
      const r = 12 * Math.sqrt(spiral + 1);
      const a = spiral * 2.39996;
      spiral++;
      out.set(n.id, { x: r * Math.cos(a), y: r * Math.sin(a) });
    }
  }
  return out;
}

/** Nodes and edges as the renderer draws them: positions, sizes and colours decided here, testably. */
export function networkView(
  data: NetworkData,
  weighting: EdgeWeighting,
  previous: ReadonlyMap<string, { x: number; y: number }> = new Map(),
): { nodes: NodeView[]; edges: EdgeView[] } {
  const positions = seedPositions(data.nodes, data.edges, previous);
  const maxDegree = Math.max(1, ...data.nodes.map((n) => n.degree));
  const nodes = data.nodes.map((n) => {
    const p = positions.get(n.id) ?? { x: 0, y: 0 };
    return {
      id: n.id,
      label: n.code && n.code !== n.name ? `${n.name} (${n.code})` : n.name,
      x: p.x,
      y: p.y,
      size: scaled(n.degree, maxDegree, 2.5, 16),
      color: KIND_COLORS[n.kind] ?? (KIND_COLORS.other as string),
      kind: n.kind,
      degree: n.degree,
    };
  });
  const maxWeight = Math.max(0, ...data.edges.map((e) => edgeWeight(e, weighting)));
  const edges = data.edges.map((e) => {
    const share = conflictShare(e);
    return {
      source: e.source,
      target: e.target,
      size: scaled(edgeWeight(e, weighting), maxWeight, 0.4, 6),
      color: edgeColor(share),
      count: e.count,
      goldstein: e.count ? e.goldsteinSum / e.count : 0,
      conflictShare: share,
    };
  });
  return { nodes, edges };
}

/** The actors with most events in the current network, for the keyboard-reachable list beside the graph. */
export function topActors(data: NetworkData, n: number): NetworkNode[] {
  return [...data.nodes].sort((a, b) => b.degree - a.degree || a.name.localeCompare(b.name)).slice(0, n);
}
