/**
 * @module
 * Readers that turn raw inputs into Documents (and, for coded datasets, Claims). Adapters: they may
 * read files, never the Store; the use cases in @parallax/app decide what gets stored.
 */
export * from './admin1-locator.ts';
export * from './content-archive.ts';
export * from './csv-records.ts';
export * from './dataset-file-stream.ts';
export * from './feed-reader.ts';
export * from './gdelt-export-reader.ts';
export * from './gdelt-file-list.ts';
export * from './gdelt-mentions-reader.ts';
export * from './html-document-reader.ts';
export * from './language-detector.ts';
export * from './pdf-document-reader.ts';
export * from './source-for-document.ts';
export * from './text-decoding.ts';
export * from './text-document-reader.ts';
export * from './text-lines.ts';
export * from './ucdp-ged-reader.ts';
export * from './url-fetcher.ts';
