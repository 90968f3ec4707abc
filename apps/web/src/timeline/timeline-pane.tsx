import type { TimelineBucket } from '@parallax/core';
import { useMemo } from 'react';
import { QUAD_COLORS, QUAD_LABELS } from '../labels.ts';

export interface TimelinePaneProps {
  buckets: TimelineBucket[] | null;
  interval: 'day' | 'week' | 'month';
  onSelectRange(from: string, to: string): void;
}

const KEYS = ['4', '3', '2', '1', 'none'];
const HEIGHT = 150;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function bucketEnd(date: string, interval: TimelinePaneProps['interval']): string {
  if (interval === 'day') return date;
  if (interval === 'week') return addDays(date, 6);
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/** Events over time, stacked by quad class; clicking a bar narrows every pane to that period. */
export function TimelinePane({ buckets, interval, onSelectRange }: TimelinePaneProps) {
  const layout = useMemo(() => {
    if (!buckets?.length) return null;
    const first = Date.parse(`${buckets[0]?.date}T00:00:00Z`);
    const lastBucket = buckets[buckets.length - 1];
    const last =
      Date.parse(`${lastBucket ? bucketEnd(lastBucket.date, interval) : buckets[0]?.date}T00:00:00Z`) + 86_400_000;
    const max = Math.max(...buckets.map((b) => b.total));
    return { first, last, max };
  }, [buckets, interval]);

  if (!buckets) return <div className="timeline empty">Loading timeline…</div>;
  if (!layout) return <div className="timeline empty">No dated events match the filters.</div>;
  const width = 1000;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (ms: number) => PAD.left + ((ms - layout.first) / (layout.last - layout.first)) * plotW;
  const y = (n: number) => PAD.top + plotH - (n / layout.max) * plotH;
  // Date labels at most every ~110 units of the 1000-wide plot, so they never overlap.
  const ticks: TimelineBucket[] = [];
  for (const b of buckets) {
    const at = x(Date.parse(`${b.date}T00:00:00Z`));
    const prev = ticks.at(-1);
    if (at > width - PAD.right - 40) continue;
    if (!prev || at - x(Date.parse(`${prev.date}T00:00:00Z`)) > 110) ticks.push(b);
  }

  return (
    <figure className="timeline" aria-label="Events over time">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Events per ${interval}`}
      >
        <line x1={PAD.left} x2={width - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} className="axis" />
        <text x={PAD.left - 4} y={PAD.top + 8} className="tick" textAnchor="end">
          {layout.max}
        </text>
        {buckets.map((b) => {
          const start = Date.parse(`${b.date}T00:00:00Z`);
          const end = Date.parse(`${bucketEnd(b.date, interval)}T00:00:00Z`) + 86_400_000;
          const x0 = x(start);
          const w = Math.max(1.5, x(end) - x0 - 1);
          let acc = 0;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; role, tabIndex and Enter make the bar operable.
            <g
              key={b.date}
              className="bar"
              data-testid="timeline-bar"
              onClick={() => onSelectRange(b.date, bucketEnd(b.date, interval))}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onSelectRange(b.date, bucketEnd(b.date, interval));
              }}
              tabIndex={0}
              role="button"
              aria-label={`${b.date}: ${b.total} events`}
            >
              <title>{`${b.date}${interval === 'day' ? '' : ` (${interval})`}: ${b.total} events`}</title>
              {KEYS.map((k) => {
                const n = b.counts[k] ?? 0;
                if (!n) return null;
                const top = y(acc + n);
                const h = y(acc) - top;
                acc += n;
                return <rect key={k} x={x0} y={top} width={w} height={Math.max(h, 0.5)} fill={QUAD_COLORS[k]} />;
              })}
            </g>
          );
        })}
        {ticks.map((b) => (
          <text
            key={b.date}
            x={x(Date.parse(`${b.date}T00:00:00Z`))}
            y={HEIGHT - 6}
            className="tick"
            textAnchor="start"
          >
            {b.date}
          </text>
        ))}
      </svg>
      <figcaption className="legend">
        {KEYS.slice(0, 4).map((k) => (
          <span key={k}>
            <i style={{ background: QUAD_COLORS[k] }} /> {QUAD_LABELS[k]}
          </span>
        ))}
        <span className="hint">per {interval} · click a bar to narrow the period</span>
      </figcaption>
    </figure>
  );
}
