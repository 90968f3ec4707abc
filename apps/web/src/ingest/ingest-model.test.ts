import { describe, expect, it } from 'vitest';
import { guessUploadKind, hasActiveJobs, type IngestJob, jobProgress, parseUrls } from './ingest-model.ts';

const job = (over: Partial<IngestJob>): IngestJob => ({
  id: 'job_0000000000000001',
  kind: 'upload',
  state: 'running',
  inputs: ['a.md'],
  created: '2024-11-01T12:00:00.000Z',
  started: null,
  finished: null,
  progress: { done: 0, total: null, unit: 'documents' },
  summary: null,
  failures: [],
  error: null,
  ...over,
});

describe('ingest panel model', () => {
  it('guesses dataset kinds from the names GDELT and UCDP give their files', () => {
    expect(guessUploadKind('20240101000000.export.CSV')).toBe('gdelt-events');
    expect(guessUploadKind('20240101000000.export.CSV.zip')).toBe('gdelt-events');
    expect(guessUploadKind('20240101000000.mentions.CSV')).toBe('gdelt-mentions');
    expect(guessUploadKind('ged241.csv')).toBe('ucdp');
    expect(guessUploadKind('statement.pdf')).toBe('document');
    expect(guessUploadKind('notes.csv')).toBe('document');
  });

  it('reads pasted URLs, de-duplicated, and sets aside what is not http(s)', () => {
    expect(parseUrls('https://a.example/1\nhttps://a.example/1, http://b.example/x  ftp://c.example nonsense')).toEqual(
      {
        urls: ['https://a.example/1', 'http://b.example/x'],
        rejected: ['ftp://c.example', 'nonsense'],
      },
    );
    expect(parseUrls('  ')).toEqual({ urls: [], rejected: [] });
  });

  it('says where a job is', () => {
    expect(jobProgress(job({ state: 'queued' }))).toEqual({ share: 0, label: 'waiting' });
    expect(jobProgress(job({ progress: { done: 25, total: 100, unit: 'rows' } }))).toEqual({
      share: 0.25,
      label: '25 of 100 rows so far',
    });
    expect(jobProgress(job({ progress: { done: 3, total: null, unit: 'documents' } })).share).toBeNull();
    expect(
      jobProgress(job({ state: 'done', summary: { read: 5, inserted: 3, duplicates: 1, syndicated: 1, failed: 0 } }))
        .label,
    ).toBe('3 new, 1 already known, 1 copies, 0 failed');
    expect(jobProgress(job({ state: 'failed', error: 'not a GDELT file' })).label).toMatch(/not a GDELT file$/);
    expect(hasActiveJobs([job({ state: 'done' }), job({ state: 'queued' })])).toBe(true);
    expect(hasActiveJobs([job({ state: 'failed' })])).toBe(false);
  });
});
