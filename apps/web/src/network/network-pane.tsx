import Graph from 'graphology';
import type { Attributes } from 'graphology-types';
import { useEffect, useMemo, useRef, useState } from 'react';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import { formatCount } from '../labels.ts';
import type { LayoutProgress, LayoutRequest } from './layout-worker.ts';
import { type EdgeWeighting, KIND_COLORS, type NetworkData, networkView, topActors } from './network-model.ts';

export interface NetworkPaneProps {
  data: NetworkData | null;
  loading: boolean;
  weighting: EdgeWeighting;
  edgeLimit: number;
  edgeLimits: readonly number[];
  selectedActors: string[];
  onToggleActor(id: string): void;
  onWeighting(w: EdgeWeighting): void;
  onEdgeLimit(n: number): void;
}

declare global {
  interface Window {
    /** Nodes and edges the network last drew, and when; browser tests and the benchmark read it. */
    __network?: { nodes: number; edges: number; renderedAt: number; builtAt: number; layoutDone: boolean };
  }
}

type NodeAttrs = { x: number; y: number; size: number; color: string; label: string; degree: number; kind: string };
type EdgeAttrs = { size: number; color: string; count: number; goldstein: number };
/** Neighbourhood highlighting: the hovered node, its neighbours and their edges are "active". */
type Renderer = Sigma<
  NodeAttrs,
  EdgeAttrs,
  Attributes,
  { isActive: boolean },
  { isActive: boolean },
  { hasActive: boolean }
>;

const FADED = 'rgba(140,146,155,0.18)';
/** From this many actors on, the layout is applied once, when it has settled (see the data effect). */
const LARGE_GRAPH = 1500;

/**
 * The actor network: actors as nodes (size by events), source→target pairs as edges (blue
 * cooperation, red conflict; thickness by count or Goldstein magnitude), drawn with WebGL by sigma
 * and laid out by ForceAtlas2 in a web worker so the page stays responsive at thousands of nodes.
 */
export function NetworkPane(props: NetworkPaneProps) {
  const { data, weighting } = props;
  const container = useRef<HTMLDivElement>(null);
  const sigma = useRef<Renderer | null>(null);
  const graph = useRef(new Graph<NodeAttrs, EdgeAttrs>({ type: 'directed', multi: false }));
  const layout = useRef<Worker | null>(null);
  const positions = useRef(new Map<string, { x: number; y: number }>());
  const built = useRef(false);
  const handlers = useRef(props);
  handlers.current = props;
  const [hovered, setHovered] = useState<{ id: string; x: number; y: number } | null>(null);
  const [settling, setSettling] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
    const renderer: Renderer = new Sigma(graph.current, container.current, {
      customNodeState: { isActive: false },
      customEdgeState: { isActive: false },
      customGraphState: { hasActive: false },
      settings: {
        hideEdgesOnMove: true,
        // Picking (which node is under the pointer) renders the scene a second time; a coarser
        // picking buffer costs little precision and much time without a GPU.
        pickingDownSizingRatio: 4,
        labelRenderedSizeThreshold: 7,
        labelDensity: 0.6,
        // Sizes are pixels: sigma 4 otherwise reads them in layout units, where ForceAtlas2's spread
        // makes every node a speck.
        itemSizesReference: 'screen',
      },
      styles: {
        nodes: [
          DEFAULT_STYLES.nodes,
          { labelColor: dark ? '#e4e8ec' : '#1d232b', labelSize: 12 },
          {
            when: (_a, state, graphState) => graphState.hasActive && !state.isActive && !state.isHovered,
            // biome-ignore lint/suspicious/noThenProperty: sigma's conditional style syntax, never awaited.
            then: { color: FADED, label: '' },
          },
          // biome-ignore lint/suspicious/noThenProperty: sigma's conditional style syntax, never awaited.
          { whenState: 'isActive', then: { labelVisibility: 'visible', depth: 'topNodes' } },
        ],
        edges: [
          DEFAULT_STYLES.edges,
          {
            when: (_a, state, graphState) => graphState.hasActive && !state.isActive,
            // biome-ignore lint/suspicious/noThenProperty: sigma's conditional style syntax, never awaited.
            then: { color: FADED },
          },
        ],
      },
    });
    renderer.on('enterNode', ({ node, event }) => {
      const g = graph.current;
      renderer.setGraphState({ hasActive: true });
      renderer.setNodesState([node, ...g.neighbors(node)], { isActive: true });
      renderer.setEdgesState(g.edges(node), { isActive: true });
      setHovered({ id: node, x: event.x, y: event.y });
    });
    renderer.on('leaveNode', () => {
      const g = graph.current;
      renderer.setGraphState({ hasActive: false });
      renderer.setNodesState(g.nodes(), { isActive: false });
      renderer.setEdgesState(g.edges(), { isActive: false });
      setHovered(null);
    });
    renderer.on('clickNode', ({ node }) => handlers.current.onToggleActor(node));
    renderer.on('afterRender', () => {
      const now = performance.now();
      window.__network = {
        nodes: graph.current.order,
        edges: graph.current.size,
        renderedAt: now,
        // The first frame drawn after the graph was rebuilt from new data.
        builtAt: built.current ? now : (window.__network?.builtAt ?? 0),
        layoutDone: layout.current === null,
      };
      built.current = false;
    });
    sigma.current = renderer;
    return () => {
      layout.current?.terminate();
      layout.current = null;
      renderer.kill();
      sigma.current = null;
    };
  }, []);

  useEffect(() => {
    const renderer = sigma.current;
    if (!renderer || !data) return;
    layout.current?.terminate();
    layout.current = null;
    const g = graph.current;
    // Keep where nodes settled, so the next filter moves the picture as little as possible.
    g.forEachNode((id, a) => {
      positions.current.set(id, { x: a.x, y: a.y });
    });
    const view = networkView(data, weighting, positions.current);
    const newcomers = view.nodes.filter((n) => !positions.current.has(n.id)).length;
    const draw = () => {
      // Sigma redraws on graph events, once per frame: no explicit refresh, which would draw twice.
      g.clear();
      for (const n of view.nodes) g.addNode(n.id, n);
      for (const e of view.edges)
        if (g.hasNode(e.source) && g.hasNode(e.target) && !g.hasEdge(e.source, e.target))
          g.addEdge(e.source, e.target, { size: e.size, color: e.color, count: e.count, goldstein: e.goldstein });
      built.current = true;
    };
    if (view.nodes.length < 2 || newcomers === 0) {
      draw();
      setSettling(false);
      return undefined;
    }
    const ids = view.nodes.map((n) => n.id);
    const index = new Map(ids.map((id, i) => [id, i]));
    const xy = new Float32Array(ids.length * 2);
    view.nodes.forEach((n, i) => {
      xy[2 * i] = n.x;
      xy[2 * i + 1] = n.y;
    });
    const edges = new Uint32Array(view.edges.length * 2);
    const weights = new Float32Array(view.edges.length);
    view.edges.forEach((e, k) => {
      edges[2 * k] = index.get(e.source) ?? 0;
      edges[2 * k + 1] = index.get(e.target) ?? 0;
      weights[k] = e.size;
    });
    // Without a GPU every redraw of thousands of nodes is expensive: a large graph is drawn at its
    // seeded positions and redrawn once when the layout has settled; a small one moves as it settles.
    const progress = view.nodes.length < LARGE_GRAPH;
    draw();
    const budgetMs = Math.min(3000, 400 + 2000 * (newcomers / view.nodes.length) + view.nodes.length * 0.3);
    const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
    layout.current = worker;
    setSettling(true);
    worker.onmessage = (m: MessageEvent<LayoutProgress>) => {
      const { xy: out, done } = m.data;
      const at = (id: string) => {
        const i = index.get(id) ?? 0;
        return { x: out[2 * i] ?? 0, y: out[2 * i + 1] ?? 0 };
      };
      g.updateEachNodeAttributes((id, a) => ({ ...a, ...at(id) }));
      if (done) {
        worker.terminate();
        if (layout.current === worker) layout.current = null;
        setSettling(false);
        renderer.scheduleRender();
      }
    };
    const request: LayoutRequest = { ids, xy, edges, weights, budgetMs, progress };
    worker.postMessage(request, [xy.buffer, edges.buffer, weights.buffer]);
    return () => {
      worker.terminate();
    };
  }, [data, weighting]);

  const top = useMemo(() => (data ? topActors(data, 12) : []), [data]);
  const hoveredNode = hovered && graph.current.hasNode(hovered.id) ? graph.current.getNodeAttributes(hovered.id) : null;

  return (
    <section className="network" aria-labelledby="network-title">
      <div className="pane-head">
        <h2 id="network-title">Actor network</h2>
        <fieldset className="segmented">
          <legend className="sr-only">Edge weight</legend>
          <button type="button" aria-pressed={weighting === 'count'} onClick={() => props.onWeighting('count')}>
            By count
          </button>
          <button type="button" aria-pressed={weighting === 'goldstein'} onClick={() => props.onWeighting('goldstein')}>
            By Goldstein
          </button>
        </fieldset>
        <label className="inline">
          Heaviest
          <select value={props.edgeLimit} onChange={(e) => props.onEdgeLimit(Number(e.target.value))}>
            {props.edgeLimits.map((n) => (
              <option key={n} value={n}>
                {formatCount(n)}
              </option>
            ))}
          </select>
          pairs
        </label>
        <span className="hint" data-testid="network-count">
          {data ? `${formatCount(data.nodes.length)} actors · ${formatCount(data.edges.length)} pairs` : 'loading…'}
          {settling ? ' · settling…' : ''}
        </span>
      </div>
      <div className="network-body">
        <div
          className={`network-canvas${props.loading ? ' loading' : ''}`}
          ref={container}
          data-testid="network"
          data-nodes={data?.nodes.length ?? 0}
          role="img"
          aria-label={`Actor network: ${data?.nodes.length ?? 0} actors, ${data?.edges.length ?? 0} pairs. The list beside it is keyboard accessible.`}
        />
        {hoveredNode && hovered && (
          <div className="network-tip" style={{ left: hovered.x + 12, top: hovered.y + 12 }}>
            <strong>{hoveredNode.label}</strong>
            <br />
            {hoveredNode.kind} · {formatCount(hoveredNode.degree)} events · click to filter
          </div>
        )}
        <aside className="network-side" aria-label="Busiest actors">
          <h3>Busiest actors</h3>
          <ol>
            {top.map((n) => (
              <li key={n.id}>
                <button
                  type="button"
                  aria-pressed={props.selectedActors.includes(n.id)}
                  onClick={() => props.onToggleActor(n.id)}
                  title={`Filter to events involving ${n.name}`}
                >
                  <i style={{ background: KIND_COLORS[n.kind] ?? KIND_COLORS.other }} />
                  <span>{n.name}</span>
                  <small>{formatCount(n.degree)}</small>
                </button>
              </li>
            ))}
          </ol>
          <p className="legend-note">
            <span className="swatch coop" /> cooperation <span className="swatch conflict" /> conflict
            <br />
            Nodes sized by events; edges are source → target pairs.
          </p>
        </aside>
      </div>
    </section>
  );
}
