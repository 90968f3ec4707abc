import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  emptyImportSummary,
  finishImport,
  type ImportSummary,
  type IngestSummary,
  importDatasetChunks,
  ingestDocuments,
} from '@parallax/app';
import type { IngestJob } from '@parallax/contract';
import {
  FetchState,
  feedConfig,
  gdeltEventFileChunks,
  importGdeltMentionFiles,
  ingestFeed,
  readDocumentInputs,
  ucdpFileChunks,
  type Workbench,
} from '@parallax/runtime';

/** Jobs kept for status queries; older finished ones are forgotten. */
const KEEP_JOBS = 200;

type Work = (job: IngestJob) => Promise<void>;

/**
 * Runs ingest jobs submitted over the API one at a time (the workspace has one writer), keeping
 * each job's state, progress and summary for polling. Jobs live in memory: the documents and rows
 * they store are what persists, and re-submitting after a restart adds nothing twice.
 */
export class IngestJobs {
  private readonly jobs = new Map<string, IngestJob>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly workbench: Workbench,
    private readonly options: { allowPrivateFetch: boolean },
  ) {}

  list(): IngestJob[] {
    return [...this.jobs.values()].reverse();
  }

  get(id: string): IngestJob | null {
    return this.jobs.get(id) ?? null;
  }

  private submit(
    kind: IngestJob['kind'],
    inputs: string[],
    unit: IngestJob['progress']['unit'],
    work: Work,
  ): IngestJob {
    const job: IngestJob = {
      id: `job_${randomBytes(8).toString('hex')}`,
      kind,
      state: 'queued',
      inputs,
      created: new Date().toISOString(),
      started: null,
      finished: null,
      progress: { done: 0, total: null, unit },
      summary: null,
      failures: [],
      error: null,
    };
    this.jobs.set(job.id, job);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEEP_JOBS))) this.jobs.delete(old);
    this.queue = this.queue.then(async () => {
      job.state = 'running';
      job.started = new Date().toISOString();
      try {
        await work(job);
        job.state = 'done';
      } catch (error) {
        job.state = 'failed';
        job.error = (error as Error).message;
      }
      job.finished = new Date().toISOString();
    });
    return job;
  }

  /** Resolves when every job submitted so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  private fromDocuments(job: IngestJob, s: IngestSummary): void {
    job.summary = {
      read: s.read,
      inserted: s.inserted,
      duplicates: s.duplicates,
      syndicated: s.syndicated,
      failed: s.failed,
    };
    job.failures = s.failures.slice(0, 1000);
  }

  private fromRows(job: IngestJob, s: ImportSummary): void {
    job.progress.done = s.read;
    job.summary = { read: s.read, inserted: s.inserted, duplicates: s.duplicates, syndicated: 0, failed: s.failed };
    job.failures = [
      ...s.failedFiles.map((f) => ({ input: f.file, reason: f.reason })),
      ...s.rejected.map((r) => ({ input: `${r.file}:${r.line}`, reason: r.reason })),
    ].slice(0, 1000);
  }

  submitUrls(urls: string[]): IngestJob {
    return this.submit('urls', urls, 'documents', async (job) => {
      const wb = this.workbench;
      job.progress.total = urls.length;
      const read = await readDocumentInputs(
        { urls },
        { ...wb, fetchState: new FetchState(wb.dir) },
        { allowPrivate: this.options.allowPrivateFetch, onRead: (done) => (job.progress.done = done) },
      );
      this.fromDocuments(
        job,
        await ingestDocuments(wb, read.documents, { failures: read.failures, unchanged: read.unchanged.length }),
      );
    });
  }

  submitFeed(feed: string, watch: boolean): IngestJob {
    return this.submit('feed', [feed], 'items', async (job) => {
      const wb = this.workbench;
      if (watch) {
        const config = feedConfig(wb.dir);
        if (!config.value.feeds.some((f) => f.url === feed))
          config.value.feeds.push({ url: feed, added: wb.clock.now() });
        config.save();
      }
      const summary = await ingestFeed(wb, feed, { allowPrivate: this.options.allowPrivateFetch });
      job.progress.done = summary.read;
      job.progress.total = summary.read;
      this.fromDocuments(job, summary);
    });
  }

  submitUpload(name: string, kind: 'document' | 'gdelt-events' | 'gdelt-mentions' | 'ucdp', bytes: Buffer): IngestJob {
    // Saved before queuing so the request body can be released at once.
    const dir = join(this.workbench.dir, 'uploads');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${randomBytes(6).toString('hex')}-${name}`);
    writeFileSync(path, bytes);
    return this.submit('upload', [name], kind === 'document' ? 'documents' : 'rows', async (job) => {
      const wb = this.workbench;
      try {
        if (kind === 'document') {
          job.progress.total = 1;
          const read = await readDocumentInputs({ paths: [path] }, { ...wb, fetchState: new FetchState(wb.dir) });
          const failures = read.failures.map((f) => ({ input: name, reason: f.reason.split(path).join(name) }));
          const documents = read.documents.map((d) => d);
          this.fromDocuments(job, await ingestDocuments(wb, documents, { failures }));
          job.progress.done = 1;
          return;
        }
        if (kind === 'gdelt-mentions') {
          this.fromRows(
            job,
            await importGdeltMentionFiles(wb, [{ path }], { onProgress: (s) => this.fromRows(job, s) }),
          );
          return;
        }
        const summary = emptyImportSummary();
        const chunks = kind === 'ucdp' ? ucdpFileChunks(path, wb) : gdeltEventFileChunks(path, wb);
        await importDatasetChunks(wb, name, chunks, summary, (s) => this.fromRows(job, s));
        await finishImport(wb, summary);
        this.fromRows(job, summary);
      } finally {
        rmSync(path, { force: true });
      }
    });
  }
}
