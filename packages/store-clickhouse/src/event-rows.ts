import { cameoRoot, type Event, edgePairs, eventDaySpan, timelinePosition } from '@parallax/core';
import { UNDATED_DAY } from './schema.ts';

/** One row of `events`: an event version's filter columns and body, +1 (stored) or −1 (cancelling it). */
export interface EventRow {
  id: string;
  ver: number;
  sign: 1 | -1;
  start_day: number;
  end_day: number;
  /** Hour (0–23 UTC) of an hour-precise event time, −1 when only the day is known. */
  hour: number;
  /** Day and hour (UTC) of the first report; UNDATED_DAY and −1 when never reported. */
  report_day: number;
  report_hour: number;
  plover: string;
  cameo_root: string;
  quad: number;
  credibility: number;
  status: string;
  country: string;
  admin1: string;
  lat: number | null;
  lon: number | null;
  goldstein: number;
  actor_ids: string[];
  edge_sources: string[];
  edge_targets: string[];
  claim_ids: string[];
  doc_ids: string[];
  body: string;
}

/**
 * The row for a new version of an event: a function of the event and the documents its claims cite.
 * (Cancelling rows are copied from what is stored, never rebuilt, so they match whatever wrote it.)
 */
export function eventRow(
  event: Event,
  body: string,
  ver: number,
  sign: 1 | -1,
  documentIds: readonly string[],
): EventRow {
  const f = event.frame;
  const span = eventDaySpan(event);
  const pairs = edgePairs(event);
  const report = timelinePosition(event, 'report');
  return {
    id: event.id,
    ver,
    sign,
    start_day: span?.start ?? UNDATED_DAY,
    end_day: span?.end ?? UNDATED_DAY,
    // Placed as core's reference timeline places them, so hour and report buckets match it exactly.
    hour: timelinePosition(event, 'event')?.hour ?? -1,
    report_day: report?.day ?? UNDATED_DAY,
    report_hour: report?.hour ?? -1,
    plover: f.plover?.type ?? '',
    cameo_root: (f.cameo ? cameoRoot(f.cameo) : null) ?? '',
    quad: f.quadClass ?? 0,
    credibility: event.credibility,
    status: event.status,
    country: f.place?.country ?? '',
    admin1: f.place?.admin1 ?? '',
    lat: f.place?.lat ?? null,
    lon: f.place?.lon ?? null,
    // The reference sums a missing score as 0, so 0 stands in for "none" here.
    goldstein: f.goldstein ?? 0,
    actor_ids: [...new Set(f.actors.map((a) => a.id))],
    edge_sources: pairs.map(([s]) => s),
    edge_targets: pairs.map(([, t]) => t),
    claim_ids: [...event.claimIds],
    doc_ids: [...new Set(documentIds)].sort(),
    body,
  };
}
