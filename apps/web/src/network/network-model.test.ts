import type { ActorEdge, ActorId } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { conflictShare, edgeColor, edgeWeight, networkView, seedPositions, topActors } from './network-model.ts';

const edge = (source: string, target: string, over: Partial<ActorEdge> = {}): ActorEdge => ({
  source: source as ActorId,
  target: target as ActorId,
  count: 1,
  goldsteinSum: 0,
  quadCounts: [0, 0, 0, 0],
  ...over,
});
const node = (id: string, degree: number) => ({ id, name: id.toUpperCase(), code: null, kind: 'state', degree });

describe('network view model', () => {
  it('colours pairs by their share of conflict events', () => {
    expect(conflictShare(edge('a', 'b', { quadCounts: [3, 1, 0, 0] }))).toBe(0);
    expect(conflictShare(edge('a', 'b', { quadCounts: [1, 0, 0, 3] }))).toBe(0.75);
    expect(conflictShare(edge('a', 'b', { goldsteinSum: -7 }))).toBe(1);
    expect(conflictShare(edge('a', 'b'))).toBeNull();
    expect(edgeColor(0)).toBe('#2171b5');
    expect(edgeColor(1)).toBe('#c6282b');
    expect(edgeColor(0.5)).toBe('#9a9fa6');
    expect(edgeColor(null)).toBe('#9a9fa6');
  });

  it('weighs edges by count or by Goldstein magnitude', () => {
    const e = edge('a', 'b', { count: 4, goldsteinSum: -30 });
    expect(edgeWeight(e, 'count')).toBe(4);
    expect(edgeWeight(e, 'goldstein')).toBe(30);
    const view = networkView(
      { nodes: [node('a', 5), node('b', 5), node('c', 1)], edges: [e, edge('a', 'c', { count: 1, goldsteinSum: 8 })] },
      'goldstein',
    );
    const [heavy, light] = view.edges;
    expect(heavy?.size).toBeGreaterThan(light?.size ?? Number.POSITIVE_INFINITY);
    expect(heavy?.goldstein).toBe(-7.5);
    expect(view.nodes.find((n) => n.id === 'a')?.size).toBeGreaterThan(view.nodes.find((n) => n.id === 'c')?.size ?? 0);
  });

  it('keeps known nodes where they were and puts new ones next to a neighbour', () => {
    const previous = new Map([['a', { x: 100, y: -40 }]]);
    const pos = seedPositions([node('a', 3), node('b', 1), node('z', 1)], [edge('a', 'b')], previous);
    expect(pos.get('a')).toEqual({ x: 100, y: -40 });
    const b = pos.get('b');
    expect(Math.hypot((b?.x ?? 0) - 100, (b?.y ?? 0) + 40)).toBeCloseTo(8);
    expect(pos.get('z')).toBeDefined();
    // Deterministic: the same input lands in the same place.
    expect(seedPositions([node('z', 1)], [], new Map()).get('z')).toEqual(
      seedPositions([node('z', 1)], [], new Map()).get('z'),
    );
  });

  it('spreads thousands of unconnected nodes without stacking them', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => node(`n${i}`, 1));
    const pos = seedPositions(nodes, [], new Map());
    const keys = new Set([...pos.values()].map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(keys.size).toBeGreaterThan(4900);
  });

  it('lists the busiest actors first', () => {
    expect(topActors({ nodes: [node('a', 1), node('b', 9), node('c', 4)], edges: [] }, 2).map((n) => n.id)).toEqual([
      'b',
      'c',
    ]);
  });
});
