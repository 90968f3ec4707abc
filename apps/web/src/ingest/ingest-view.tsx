/**
 * The ingest panel. The ingest API (upload files, fetch URLs, job progress) is being built on its
 * own branch; until it lands, this says how to add material from the command line, and the
 * workbench's live updates show what arrives.
 */
export function IngestView(_props: { revision: number; onChanged(): void }) {
  return (
    <section className="ingest-view" aria-labelledby="ingest-title" data-testid="ingest-view">
      <div className="pane-head">
        <h2 id="ingest-title">Ingest</h2>
      </div>
      <div className="ingest-body">
        <p>
          This server does not offer an ingest API yet. Add material from the command line; the workbench notices new
          documents within seconds and every pane refreshes.
        </p>
        <pre>parallax ingest ./articles/*.md{'\n'}parallax import-gdelt ./20240101.export.CSV</pre>
      </div>
    </section>
  );
}
