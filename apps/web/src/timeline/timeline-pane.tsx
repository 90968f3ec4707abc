import type { TimelineBucket } from '@parallax/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatCount, stackColor, stackLabel } from '../labels.ts';
import {
  axisTicks,
  brushToDates,
  bucketDateMs,
  bucketDates,
  bucketEndMs,
  daysIn,
  displayResolution,
  type Resolution,
  rebucket,
  stackKeys,
  timeDomain,
} from './timeline-model.ts';

export interface TimelineData {
  interval: 'hour' | 'day' | 'week' | 'month';
  basis: 'event' | 'report';
  buckets: TimelineBucket[];
  dayOnly: TimelineBucket[];
  undated: number;
  counted: number;
  partial: boolean;
}

export interface TimelinePaneProps {
  data: TimelineData | null;
  loading: boolean;
  from: string | null;
  to: string | null;
  stack: 'quadClass' | 'plover';
  basis: 'event' | 'report';
  onSelectRange(from: string, to: string): void;
  onClearRange(): void;
  onStack(stack: 'quadClass' | 'plover'): void;
  onBasis(basis: 'event' | 'report'): void;
}

const HEIGHT = 132;
const PAD = { left: 40, right: 10, top: 8, bottom: 20 };
const DAY_ONLY_ROW = 12;

/**
 * Events over time: per day (per hour when zoomed to three days or less), stacked by quad class or
 * PLOVER type, by event time or by first report. Drag across the plot to narrow every pane to those
 * days; click a bar for its bucket.
 */
export function TimelinePane(props: TimelinePaneProps) {
  const { data, from, to, stack, basis } = props;
  const figure = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(900);
  const [brush, setBrush] = useState<{ x0: number; x1: number } | null>(null);
  const [hover, setHover] = useState<{ x: number; bucket: TimelineBucket; resolution: Resolution } | null>(null);

  useEffect(() => {
    const el = figure.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(300, el.clientWidth - 16)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const view = useMemo(() => {
    if (!data) return null;
    const hourly = data.interval === 'hour';
    const extentDays =
      from && to
        ? daysIn(from, to)
        : data.buckets.length
          ? daysIn(data.buckets[0]?.date ?? '', data.buckets.at(-1)?.date ?? '')
          : 1;
    const resolution: Resolution = hourly ? 'hour' : displayResolution(extentDays);
    const buckets = rebucket(data.buckets, resolution);
    // By report time the bars can fall outside the (event-time) filter: draw where the reports are.
    const byEvent = data.basis === 'event';
    const domain = timeDomain(
      hourly ? [...buckets, ...data.dayOnly] : buckets,
      resolution,
      byEvent ? from : null,
      byEvent ? to : null,
    );
    const max = Math.max(1, ...buckets.map((b) => b.total));
    const dayOnlyMax = Math.max(1, ...data.dayOnly.map((b) => b.total));
    return { resolution, buckets, domain, max, dayOnlyMax, hourly };
  }, [data, from, to]);

  const plotW = width - PAD.left - PAD.right;
  const hasDayOnly = Boolean(view?.hourly && data?.dayOnly.length);
  const plotH = HEIGHT - PAD.top - PAD.bottom - (hasDayOnly ? DAY_ONLY_ROW + 4 : 0);
  const keys = stackKeys(stack);
  const present = new Set(view?.buckets.flatMap((b) => Object.keys(b.counts)) ?? []);

  const xOf = (ms: number) => (view?.domain ? ((ms - view.domain[0]) / (view.domain[1] - view.domain[0])) * plotW : 0);
  const yOf = (n: number) => plotH - (n / (view?.max ?? 1)) * plotH;

  const localX = (clientX: number) => {
    const svg = figure.current?.querySelector('svg');
    const rect = svg?.getBoundingClientRect();
    return rect ? clientX - rect.left - PAD.left : 0;
  };

  const finishBrush = (x1: number) => {
    if (!brush || !view?.domain) return;
    const moved = Math.abs(x1 - brush.x0) > 4;
    setBrush(null);
    if (moved) {
      const [f, t] = brushToDates(view.domain, brush.x0, x1, plotW);
      props.onSelectRange(f, t);
      return;
    }
    // A click: the bucket under the pointer, if any.
    const at = view.domain[0] + (brush.x0 / plotW) * (view.domain[1] - view.domain[0]);
    const hit = view.buckets.find((b) => {
      const start = bucketDateMs(b.date);
      return at >= start && at < bucketEndMs(start, view.resolution);
    });
    if (hit) props.onSelectRange(...bucketDates(hit.date, view.resolution));
  };

  const header = (
    <div className="pane-head">
      <h2 id="timeline-title">Timeline</h2>
      <fieldset className="segmented">
        <legend className="sr-only">Stack bars by</legend>
        <button type="button" aria-pressed={stack === 'quadClass'} onClick={() => props.onStack('quadClass')}>
          Quad class
        </button>
        <button type="button" aria-pressed={stack === 'plover'} onClick={() => props.onStack('plover')}>
          PLOVER type
        </button>
      </fieldset>
      <fieldset className="segmented">
        <legend className="sr-only">Place events by</legend>
        <button type="button" aria-pressed={basis === 'event'} onClick={() => props.onBasis('event')}>
          Event time
        </button>
        <button type="button" aria-pressed={basis === 'report'} onClick={() => props.onBasis('report')}>
          Report time
        </button>
      </fieldset>
      {(from || to) && (
        <button type="button" className="link" onClick={props.onClearRange}>
          Show all dates
        </button>
      )}
      <span className="hint">
        {view ? `per ${view.resolution}` : ''}
        {data?.partial ? ` · newest ${formatCount(data.counted + data.undated)} events only` : ''}
        {data?.undated
          ? ` · ${formatCount(data.undated)} without a ${basis === 'report' ? 'report date' : 'date'}`
          : ''}
        {' · drag to narrow'}
      </span>
    </div>
  );

  if (!view?.domain)
    return (
      <figure className="timeline" ref={figure} aria-labelledby="timeline-title" data-testid="timeline">
        {header}
        <p className="empty">{props.loading || !data ? 'Loading timeline…' : 'No dated events match the filters.'}</p>
      </figure>
    );

  const ticks = axisTicks(view.domain, plotW);
  const { resolution } = view;

  return (
    <figure
      className={`timeline${props.loading ? ' loading' : ''}`}
      ref={figure}
      aria-labelledby="timeline-title"
      data-testid="timeline"
    >
      {header}
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`Events per ${resolution}, stacked by ${stack === 'quadClass' ? 'quad class' : 'PLOVER type'}`}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
          const x = localX(e.clientX);
          setBrush({ x0: x, x1: x });
        }}
        onPointerMove={(e) => {
          if (brush) setBrush({ ...brush, x1: localX(e.clientX) });
        }}
        onPointerUp={(e) => finishBrush(localX(e.clientX))}
        onPointerLeave={() => setHover(null)}
      >
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          <line x1={0} x2={plotW} y1={plotH} y2={plotH} className="axis" />
          <text x={-6} y={8} className="tick" textAnchor="end">
            {formatCount(view.max)}
          </text>
          <text x={-6} y={plotH} className="tick" textAnchor="end">
            0
          </text>
          {view.buckets.map((b) => {
            const start = bucketDateMs(b.date);
            const x0 = xOf(start);
            const w = Math.max(1, xOf(bucketEndMs(start, resolution)) - x0 - (plotW / view.buckets.length > 4 ? 1 : 0));
            let acc = 0;
            const [bf, bt] = bucketDates(b.date, resolution);
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; role, tabIndex and Enter make the bar operable.
              <g
                key={b.date}
                className="bar"
                data-testid="timeline-bar"
                data-date={b.date}
                tabIndex={0}
                role="button"
                aria-label={`${b.date}: ${b.total} events; narrow to ${bf === bt ? bf : `${bf} – ${bt}`}`}
                onPointerEnter={() => setHover({ x: x0 + w / 2, bucket: b, resolution })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    props.onSelectRange(bf, bt);
                  }
                }}
                onFocus={() => setHover({ x: x0 + w / 2, bucket: b, resolution })}
              >
                <rect x={x0} y={0} width={w} height={plotH} className="hit" />
                {keys.map((k) => {
                  const n = b.counts[k] ?? 0;
                  if (!n) return null;
                  const top = yOf(acc + n);
                  const h = yOf(acc) - top;
                  acc += n;
                  return (
                    <rect key={k} x={x0} y={top} width={w} height={Math.max(h, 0.75)} fill={stackColor(stack, k)} />
                  );
                })}
              </g>
            );
          })}
          {hasDayOnly &&
            data?.dayOnly.map((b) => {
              const start = bucketDateMs(b.date);
              const x0 = xOf(start);
              const w = xOf(start + 86_400_000) - x0;
              return (
                <g key={`d${b.date}`} className="day-only">
                  <rect
                    x={x0}
                    y={plotH + 4}
                    width={Math.max(1, w - 1)}
                    height={DAY_ONLY_ROW}
                    opacity={0.25 + (0.6 * b.total) / (view.dayOnlyMax || 1)}
                  />
                  <text x={x0 + 4} y={plotH + 4 + DAY_ONLY_ROW - 2} className="tick">
                    {`${b.date}: ${formatCount(b.total)} known only to the day`}
                  </text>
                </g>
              );
            })}
          {ticks.map((t) => (
            <g key={t.ms}>
              <line x1={t.x} x2={t.x} y1={plotH} y2={plotH + 4} className="axis" />
              <text x={t.x + 2} y={HEIGHT - PAD.top - 4} className="tick">
                {t.label}
              </text>
            </g>
          ))}
          {brush && (
            <rect
              className="brush"
              x={Math.min(brush.x0, brush.x1)}
              y={0}
              width={Math.abs(brush.x1 - brush.x0)}
              height={plotH}
            />
          )}
        </g>
      </svg>
      {hover && !brush && (
        <div className="timeline-tip" style={{ left: Math.min(width - 180, Math.max(0, hover.x + PAD.left - 80)) }}>
          <strong>
            {hover.resolution === 'hour'
              ? `${hover.bucket.date.slice(0, 10)} ${hover.bucket.date.slice(11, 16)} UTC`
              : hover.resolution === 'day'
                ? hover.bucket.date
                : `${hover.resolution} of ${hover.bucket.date}`}
          </strong>{' '}
          {formatCount(hover.bucket.total)} events
          <ul>
            {keys
              .filter((k) => hover.bucket.counts[k])
              .reverse()
              .slice(0, 6)
              .map((k) => (
                <li key={k}>
                  <i style={{ background: stackColor(stack, k) }} /> {stackLabel(stack, k)}: {hover.bucket.counts[k]}
                </li>
              ))}
          </ul>
        </div>
      )}
      <figcaption className="legend">
        {keys
          .filter((k) => present.has(k))
          .reverse()
          .map((k) => (
            <span key={k}>
              <i style={{ background: stackColor(stack, k) }} /> {stackLabel(stack, k)}
            </span>
          ))}
        {basis === 'report' && (
          <span className="hint">bars: when first reported · filters still select by event time</span>
        )}
      </figcaption>
    </figure>
  );
}
