// Entry of the dataset writer thread. The workspace packages are TypeScript sources, compiled by tsx
// on load; a new thread starts without the main thread's loader, so it registers tsx first. It uses
// tsx's require hook, which compiles in this thread: the ESM loader runs its hooks on a thread of
// their own, which must boot too and answers every import across threads, and made the writer take
// two to three times as long to start (while it starts, the importing thread writes slices itself).
// Nothing the writer loads uses top-level await or import.meta, which CommonJS would not give it.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
createRequire(import.meta.url)('./dataset-writer-thread.ts');
