/**
 * The ingest API's job as the panel reads it (`GET /api/ingest/jobs`). Declared here rather than
 * imported so the panel can run against a server that does not offer ingest and say so.
 */
export interface IngestJob {
  id: string;
  kind: 'upload' | 'urls' | 'feed';
  state: 'queued' | 'running' | 'done' | 'failed';
  inputs: string[];
  created: string;
  started: string | null;
  finished: string | null;
  progress: { done: number; total: number | null; unit: 'documents' | 'rows' | 'items' };
  summary: { read: number; inserted: number; duplicates: number; syndicated: number; failed: number } | null;
  failures: { input: string; reason: string }[];
  error: string | null;
}

export const UPLOAD_KINDS = ['document', 'gdelt-events', 'gdelt-mentions', 'ucdp'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const UPLOAD_KIND_LABELS: Record<UploadKind, string> = {
  document: 'Document (.txt, .md, .html, .pdf)',
  'gdelt-events': 'GDELT 2.0 events export',
  'gdelt-mentions': 'GDELT 2.0 mentions',
  ucdp: 'UCDP GED (CSV)',
};

/** A file's kind from its name, as GDELT and UCDP name their files; anything else is a document. */
export function guessUploadKind(name: string): UploadKind {
  const n = name.toLowerCase();
  if (/\.export\.csv(\.zip)?$/.test(n)) return 'gdelt-events';
  if (/\.mentions\.csv(\.zip)?$/.test(n)) return 'gdelt-mentions';
  if (/ged.*\.csv$/.test(n)) return 'ucdp';
  return 'document';
}

/**
 * URLs pasted as text (one per line, or separated by spaces or commas), de-duplicated in order.
 * Anything that is not an http(s) URL is returned apart, so the panel can say what it skipped.
 */
export function parseUrls(text: string): { urls: string[]; rejected: string[] } {
  const urls: string[] = [];
  const rejected: string[] = [];
  for (const token of text.split(/[\s,]+/).filter(Boolean)) {
    let ok = false;
    try {
      const u = new URL(token);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) rejected.push(token);
    else if (!urls.includes(token)) urls.push(token);
  }
  return { urls, rejected };
}

/** Share done (0–1) when the total is known, else null; and a line that says where the job is. */
export function jobProgress(job: IngestJob): { share: number | null; label: string } {
  const { done, total, unit } = job.progress;
  const share = total ? Math.min(1, done / total) : job.state === 'done' ? 1 : null;
  const counts = total
    ? `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${unit}`
    : `${done.toLocaleString('en-US')} ${unit}`;
  if (job.state === 'failed') return { share, label: `failed after ${counts}${job.error ? `: ${job.error}` : ''}` };
  if (job.state === 'queued') return { share: 0, label: 'waiting' };
  if (job.state === 'running') return { share, label: `${counts} so far` };
  const s = job.summary;
  return {
    share: 1,
    label: s
      ? `${s.inserted.toLocaleString('en-US')} new, ${s.duplicates.toLocaleString('en-US')} already known, ${s.syndicated.toLocaleString('en-US')} copies, ${s.failed.toLocaleString('en-US')} failed`
      : counts,
  };
}

/** Whether anything is still moving, so the panel polls fast only while it matters. */
export function hasActiveJobs(jobs: IngestJob[]): boolean {
  return jobs.some((j) => j.state === 'queued' || j.state === 'running');
}
