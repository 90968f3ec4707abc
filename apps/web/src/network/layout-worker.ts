/// <reference lib="webworker" />
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

/** What the page sends: the graph to lay out, starting positions included, and a time budget. */
export interface LayoutRequest {
  ids: string[];
  /** x, y per node, in `ids` order. */
  xy: Float32Array;
  /** Source and target indices into `ids`, and a weight, per edge. */
  edges: Uint32Array;
  weights: Float32Array;
  budgetMs: number;
  /** Post intermediate positions about once a second (small graphs, drawn while they settle). */
  progress: boolean;
}

/** Positions in `ids` order; `done` on the last message. */
export interface LayoutProgress {
  xy: Float32Array;
  done: boolean;
  iterations: number;
}

/**
 * ForceAtlas2 off the main thread, posting positions at most about once a second (or only at the
 * end): the page redraws a 5,000-node graph once or a handful of times instead of once per
 * iteration, so it stays responsive while the layout settles.
 */
self.onmessage = (message: MessageEvent<LayoutRequest>) => {
  const { ids, xy, edges, weights, budgetMs, progress } = message.data;
  const graph = new Graph({ type: 'directed', multi: false });
  ids.forEach((id, i) => {
    graph.addNode(id, { x: xy[2 * i] ?? 0, y: xy[2 * i + 1] ?? 0, size: 1 });
  });
  for (let i = 0; i < weights.length; i++) {
    const s = ids[edges[2 * i] ?? 0];
    const t = ids[edges[2 * i + 1] ?? 0];
    if (s !== undefined && t !== undefined && s !== t && !graph.hasEdge(s, t))
      graph.addEdge(s, t, { weight: weights[i] ?? 1 });
  }
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: graph.order > 400,
    slowDown: 2 + Math.log10(Math.max(10, graph.order)),
  };
  const positions = () => {
    const out = new Float32Array(ids.length * 2);
    ids.forEach((id, i) => {
      out[2 * i] = graph.getNodeAttribute(id, 'x');
      out[2 * i + 1] = graph.getNodeAttribute(id, 'y');
    });
    return out;
  };
  const start = performance.now();
  let posted = start;
  let iterations = 0;
  while (performance.now() - start < budgetMs) {
    forceAtlas2.assign(graph, { iterations: 5, settings, getEdgeWeight: 'weight' });
    iterations += 5;
    if (progress && performance.now() - posted > 1000) {
      const xyOut = positions();
      (self as unknown as Worker).postMessage({ xy: xyOut, done: false, iterations } satisfies LayoutProgress, [
        xyOut.buffer,
      ]);
      posted = performance.now();
    }
  }
  const xyOut = positions();
  (self as unknown as Worker).postMessage({ xy: xyOut, done: true, iterations } satisfies LayoutProgress, [
    xyOut.buffer,
  ]);
};
