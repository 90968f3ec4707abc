// One measured GDELT import, run in its own process by ingest.bench.ts so that its peak memory is
// its own: `node --import tsx ingest-import-run.ts <file> <workspace-dir>` prints one JSON line.
// It goes through exactly what `parallax import gdelt` does (archive, stream, Store.appendDatasetChunk)
// minus re-corroboration, which is a separate stage with its own benchmark.
import { emptyImportSummary, importDatasetChunks } from '@parallax/app';
import { gdeltEventFileChunks, openWorkbench } from '@parallax/runtime';

const [file, dir] = process.argv.slice(2);
if (!file || !dir) throw new Error('usage: ingest-import-run.ts <file> <workspace>');
const wb = await openWorkbench({ dir, create: true });
// Load reference data before timing: every import needs it, and it is paid once per process.
void wb.reference.gdeltContext().locator;
const summary = emptyImportSummary();
let peakHeap = 0;
let liveHeap = 0;
let checked = false;
let gcMs = 0;
const gc = (globalThis as { gc?: () => void }).gc;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const chunkRows = process.env.BENCH_CHUNK_ROWS ? Number(process.env.BENCH_CHUNK_ROWS) : undefined;
// When the first slice is handed to the store: once the original is archived (its hashing overlaps
// parsing the first slices, which are held until then; the writer thread boots meanwhile).
let firstSliceMs = 0;
async function* timed<T>(chunks: AsyncIterable<T>): AsyncGenerator<T> {
  for await (const chunk of chunks) {
    if (!firstSliceMs) firstSliceMs = performance.now() - t0;
    yield chunk;
  }
}
await importDatasetChunks(wb, file, timed(gdeltEventFileChunks(file, wb, { chunkRows })), summary, () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  // Once, at 50k rows (and again at the end): what is still reachable after a full collection, the
  // memory the import holds. Only once, and its time left out of the import's: a forced collection
  // costs time and would also keep the peak RSS below what an import really reaches.
  if (gc && !checked && summary.read >= 50_000) {
    checked = true;
    const g0 = performance.now();
    gc();
    liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
    gcMs += performance.now() - g0;
  }
});
const ms = performance.now() - t0 - gcMs;
const cpu = process.cpuUsage(cpu0);
if (gc) {
  gc();
  liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
}
await wb.close();
process.stdout.write(
  `${JSON.stringify({
    rows: summary.read,
    inserted: summary.inserted,
    failed: summary.failed + summary.failedFiles.length,
    ms,
    firstSliceMs,
    // Every thread of the process (importing, writer, GC, file copy), forced collection included.
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    peakHeapMiB: peakHeap / 2 ** 20,
    liveHeapMiB: liveHeap / 2 ** 20,
  })}\n`,
);
