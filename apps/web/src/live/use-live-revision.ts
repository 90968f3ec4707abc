import { useEffect, useRef, useState } from 'react';
import { getJson, type InfoResponse } from '../api-client.ts';

export interface LiveState {
  /** Bumped whenever the workspace's contents change; panes refetch on it. */
  revision: number;
  counts: Record<string, number> | null;
  /** The workspace's title and default view (from its settings), once known. */
  settings: { title: string | null; view: string | null } | null;
  /** What the last change added, e.g. `{documents: 3, events: 5}`; null before any change. */
  lastChange: { at: Date; added: Record<string, number> } | null;
  /** The server stopped answering (shown, never hidden). */
  offline: boolean;
  /** Ask for a refresh now (after a write this page made itself). */
  bump(): void;
}

/** What changed between two count snapshots, keeping only the kinds that moved. */
export function countChanges(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (v !== (before[k] ?? 0)) out[k] = v - (before[k] ?? 0);
  return out;
}

/**
 * Watches the workspace for new material by polling its counts: cheap for the server, robust
 * through proxies, and enough for documents that arrive in batches. A change bumps the revision.
 */
export function useLiveRevision(intervalMs = 5000): LiveState {
  const [revision, setRevision] = useState(0);
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [lastChange, setLastChange] = useState<LiveState['lastChange']>(null);
  const [offline, setOffline] = useState(false);
  const [settings, setSettings] = useState<LiveState['settings']>(null);
  const previous = useRef<Record<string, number> | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const poll = async () => {
      try {
        const info = await getJson<InfoResponse>('/api/info');
        if (stopped) return;
        setOffline(false);
        const next = info.store.counts;
        if (previous.current) {
          const added = countChanges(previous.current, next);
          if (Object.keys(added).length) {
            setLastChange({ at: new Date(), added });
            setRevision((r) => r + 1);
          }
        }
        previous.current = next;
        setCounts(next);
        setSettings((s) =>
          s?.title === info.title && s?.view === info.view ? s : { title: info.title, view: info.view },
        );
      } catch {
        if (!stopped) setOffline(true);
      }
      if (!stopped) timer = window.setTimeout(poll, document.hidden ? intervalMs * 4 : intervalMs);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [intervalMs]);

  return { revision, counts, settings, lastChange, offline, bump: () => setRevision((r) => r + 1) };
}
