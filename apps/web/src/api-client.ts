import type { EventSummary } from '@parallax/contract';
import type { Claim, Document, Event, Source } from '@parallax/core';

/** An API error body, as every endpoint returns it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, signal ? { signal } : {});
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = body as { error?: string; message?: string } | null;
    throw new ApiError(res.status, err?.error ?? 'error', err?.message ?? `${res.status} ${res.statusText}`);
  }
  return body as T;
}

export interface Page<T> {
  items: T[];
  next: string | null;
  total: number;
}

export interface EventDetailResponse {
  event: Event;
  summary: EventSummary;
  claims: Claim[];
  /** Why each claim belongs to the event (the clustering's own explanation). */
  joins: { claimId: string; via: string | null; because: string }[];
  /** Claims of other events that contradict this one (a broad denial, say). */
  contradictingClaims: Claim[];
  documents: Omit<Document, 'text'>[];
  sources: Source[];
}

export interface InfoResponse {
  workspace: string;
  title: string | null;
  /** The filter query the workbench opens on when its URL names none. */
  view: string | null;
  store: { kind: string; schemaVersion: number; counts: Record<string, number> };
}

export type { EventSummary };

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const parsed = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = parsed as { error?: string; message?: string } | null;
    throw new ApiError(res.status, err?.error ?? 'error', err?.message ?? `${res.status} ${res.statusText}`);
  }
  return parsed as T;
}
