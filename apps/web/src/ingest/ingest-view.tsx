import { useEffect, useRef, useState } from 'react';
import { ApiError, getJson, postJson } from '../api-client.ts';
import {
  guessUploadKind,
  hasActiveJobs,
  type IngestJob,
  jobProgress,
  parseUrls,
  UPLOAD_KIND_LABELS,
  UPLOAD_KINDS,
  type UploadKind,
} from './ingest-model.ts';

type Availability = 'checking' | 'available' | 'unavailable';

async function upload(file: File, kind: UploadKind): Promise<IngestJob> {
  const res = await fetch(`/api/ingest/uploads?name=${encodeURIComponent(file.name)}&kind=${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as { error?: string; message?: string } | null;
  if (!res.ok)
    throw new ApiError(res.status, body?.error ?? 'error', body?.message ?? `${res.status} ${res.statusText}`);
  return body as IngestJob;
}

/**
 * The ingest panel: drop files, paste URLs or give a feed; each becomes a job on the server whose
 * progress and failures are shown as they happen. New material reaches every pane through the
 * workbench's live updates.
 */
export function IngestView({ revision, onChanged }: { revision: number; onChanged(): void }) {
  const [availability, setAvailability] = useState<Availability>('checking');
  const [jobs, setJobs] = useState<IngestJob[]>([]);
  const [kind, setKind] = useState<UploadKind | 'auto'>('auto');
  const [urlText, setUrlText] = useState('');
  const [feed, setFeed] = useState('');
  const [watch, setWatch] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [messages, setMessages] = useState<{ tone: 'error' | 'note'; text: string }[]>([]);
  const finished = useRef(new Set<string>());
  const offered = useRef(false);
  const primed = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);

  // Poll the job list: fast while something runs, slowly otherwise; a job that finishes refreshes the panes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is a refetch trigger.
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const poll = async () => {
      try {
        // Ask the API description first: probing the endpoint itself would log a 404 in the console.
        if (!offered.current) {
          const spec = await getJson<{ paths: Record<string, unknown> }>('/api/openapi.json');
          if (stopped) return;
          if (!spec.paths['/api/ingest/jobs']) {
            setAvailability('unavailable');
            return;
          }
          offered.current = true;
        }
        const list = await getJson<IngestJob[]>('/api/ingest/jobs');
        if (stopped) return;
        setAvailability('available');
        setJobs(list);
        let changed = false;
        for (const j of list)
          if ((j.state === 'done' || j.state === 'failed') && !finished.current.has(j.id)) {
            // Jobs already over when the panel opened are history, not news.
            if (primed.current) changed = true;
            finished.current.add(j.id);
          }
        primed.current = true;
        if (changed) onChanged();
        timer = window.setTimeout(poll, hasActiveJobs(list) ? 1000 : 5000);
      } catch (err) {
        if (stopped) return;
        if (err instanceof ApiError && err.status === 404) setAvailability('unavailable');
        else timer = window.setTimeout(poll, 5000);
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [revision]);

  const say = (tone: 'error' | 'note', text: string) => setMessages((m) => [{ tone, text }, ...m].slice(0, 6));
  const track = (job: IngestJob) => setJobs((list) => [job, ...list.filter((j) => j.id !== job.id)]);

  const sendFiles = async (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      try {
        track(await upload(file, kind === 'auto' ? guessUploadKind(file.name) : kind));
      } catch (err) {
        say('error', `${file.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  if (availability === 'unavailable')
    return (
      <section className="ingest-view" aria-labelledby="ingest-title" data-testid="ingest-view">
        <div className="pane-head">
          <h2 id="ingest-title">Ingest</h2>
        </div>
        <div className="ingest-body">
          <p>
            This server does not offer the ingest API. Add material from the command line; the workbench notices new
            documents within seconds and every pane refreshes.
          </p>
          <pre>parallax ingest ./articles/*.md</pre>
        </div>
      </section>
    );

  return (
    <section className="ingest-view" aria-labelledby="ingest-title" data-testid="ingest-view">
      <div className="pane-head">
        <h2 id="ingest-title">Ingest</h2>
        <span className="hint">
          {availability === 'checking' ? 'connecting…' : 'files, web pages and feeds become jobs; failures are listed'}
        </span>
      </div>
      <div className="ingest-body">
        <div className="ingest-inputs">
          <section
            className={`dropzone${dragging ? ' dragging' : ''}`}
            aria-label="Drop files to ingest"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              void sendFiles(e.dataTransfer.files);
            }}
          >
            <p>
              <strong>Drop files here</strong> or{' '}
              <button type="button" className="link" onClick={() => fileInput.current?.click()}>
                choose files
              </button>
            </p>
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              data-testid="ingest-file"
              onChange={(e) => {
                if (e.target.files) void sendFiles(e.target.files);
                e.target.value = '';
              }}
            />
            <label className="inline">
              Read as
              <select value={kind} onChange={(e) => setKind(e.target.value as UploadKind | 'auto')}>
                <option value="auto">guess from the file name</option>
                {UPLOAD_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {UPLOAD_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
          </section>
          <form
            className="ingest-form"
            onSubmit={async (e) => {
              e.preventDefault();
              const { urls, rejected } = parseUrls(urlText);
              if (rejected.length) say('note', `Skipped, not http(s) URLs: ${rejected.join(', ')}`);
              if (!urls.length) return;
              try {
                track(await postJson<IngestJob>('/api/ingest/urls', { urls }));
                setUrlText('');
              } catch (err) {
                say('error', err instanceof Error ? err.message : String(err));
              }
            }}
          >
            <label>
              Web pages or PDFs, one URL per line
              <textarea rows={3} value={urlText} onChange={(e) => setUrlText(e.target.value)} placeholder="https://…" />
            </label>
            <button type="submit" disabled={!urlText.trim()}>
              Fetch and ingest
            </button>
          </form>
          <form
            className="ingest-form"
            onSubmit={async (e) => {
              e.preventDefault();
              const { urls } = parseUrls(feed);
              if (urls.length !== 1) {
                say('error', 'Give one feed URL (RSS, Atom or JSON Feed).');
                return;
              }
              try {
                track(await postJson<IngestJob>('/api/ingest/feeds', { feed: urls[0], watch }));
                setFeed('');
              } catch (err) {
                say('error', err instanceof Error ? err.message : String(err));
              }
            }}
          >
            <label>
              Feed (RSS, Atom or JSON Feed)
              <input type="url" value={feed} onChange={(e) => setFeed(e.target.value)} placeholder="https://…/feed" />
            </label>
            <label className="inline">
              <input type="checkbox" checked={watch} onChange={(e) => setWatch(e.target.checked)} /> keep watching it
            </label>
            <button type="submit" disabled={!feed.trim()}>
              Ingest new items
            </button>
          </form>
        </div>
        {messages.length > 0 && (
          <ul className="ingest-messages" aria-live="polite">
            {messages.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: newest first, never reordered; text may repeat.
              <li key={i} className={m.tone === 'error' ? 'error' : 'hint'}>
                {m.text}
              </li>
            ))}
          </ul>
        )}
        <h3>Jobs</h3>
        {jobs.length === 0 && <p className="empty">No ingest jobs in this server run yet.</p>}
        <ol className="jobs" aria-live="polite">
          {jobs.map((j) => {
            const p = jobProgress(j);
            return (
              <li key={j.id} data-testid="ingest-job" data-state={j.state} className={`job job-${j.state}`}>
                <div className="job-head">
                  <strong>{j.kind}</strong> <span className={`job-state ${j.state}`}>{j.state}</span>{' '}
                  <span className="job-inputs" title={j.inputs.join('\n')}>
                    {j.inputs.slice(0, 3).join(', ')}
                    {j.inputs.length > 3 ? ` and ${j.inputs.length - 3} more` : ''}
                  </span>
                </div>
                <progress
                  max={1}
                  value={p.share ?? undefined}
                  aria-label={`Progress of ${j.kind} job`}
                  aria-valuetext={p.label}
                />
                <div className="hint">{p.label}</div>
                {j.failures.length > 0 && (
                  <details open={j.failures.length <= 5}>
                    <summary>
                      {j.failures.length} failure{j.failures.length === 1 ? '' : 's'}
                    </summary>
                    <ul className="failures">
                      {j.failures.slice(0, 200).map((f) => (
                        <li key={`${f.input}:${f.reason}`}>
                          <code>{f.input}</code> — {f.reason}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
