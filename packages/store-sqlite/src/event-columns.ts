import { cameoRoot, type Event, eventDaySpan, timelinePosition } from '@parallax/core';

/** The columns an event is filtered and aggregated by, derived from its frame. */
export interface EventColumns {
  startDay: number | null;
  endDay: number | null;
  plover: string | null;
  cameoRoot: string | null;
  quad: number | null;
  credibility: number;
  status: string;
  country: string | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  goldstein: number | null;
  /** Hour (0–23 UTC) of an hour-precise event time. */
  hour: number | null;
  /** Day and hour of the first report, for timelines by report time. */
  reportDay: number | null;
  reportHour: number | null;
}

export function eventColumns(event: Event): EventColumns {
  const f = event.frame;
  const span = eventDaySpan(event);
  const report = timelinePosition(event, 'report');
  return {
    startDay: span?.start ?? null,
    endDay: span?.end ?? null,
    plover: f.plover?.type ?? null,
    cameoRoot: f.cameo ? cameoRoot(f.cameo) : null,
    quad: f.quadClass,
    credibility: event.credibility,
    status: event.status,
    country: f.place?.country ?? null,
    admin1: f.place?.admin1 ?? null,
    lat: f.place?.lat ?? null,
    lon: f.place?.lon ?? null,
    goldstein: f.goldstein,
    hour: timelinePosition(event, 'event')?.hour ?? null,
    reportDay: report?.day ?? null,
    reportHour: report?.hour ?? null,
  };
}

/** Source and target actor ids of an event, each once per role. */
export function eventActorRows(event: Event): { role: 'source' | 'target' | 'other'; actorId: string }[] {
  const seen = new Set<string>();
  const rows: { role: 'source' | 'target' | 'other'; actorId: string }[] = [];
  for (const a of event.frame.actors) {
    const key = `${a.role}:${a.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ role: a.role, actorId: a.id });
  }
  return rows;
}
