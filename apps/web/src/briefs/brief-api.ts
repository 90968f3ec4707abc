import type { BriefCheckReportBody, ComposedBriefBody } from '@parallax/contract';

/** Calls of the brief editor; errors carry the API's message. */
async function post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(err?.message ?? `${res.status} ${res.statusText}`);
  }
  return res as Response & { json(): Promise<T> };
}

export async function checkDraft(text: string, signal?: AbortSignal): Promise<BriefCheckReportBody> {
  return (await post('/api/briefs/check', { name: 'draft.md', text }, signal)).json();
}

export async function composeDraft(markdown: string, signal?: AbortSignal): Promise<ComposedBriefBody> {
  return (await post('/api/briefs/compose', { markdown }, signal)).json();
}

/** Downloads the export as a file the browser saves. */
export async function downloadExport(markdown: string, format: 'md' | 'html' | 'pdf' | 'docx'): Promise<void> {
  const res = await post('/api/briefs/export', { markdown, format });
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `brief.${format}`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
