// Entry of the dataset writer thread. The workspace packages are TypeScript sources, compiled by tsx
// on load; a new thread starts without the main thread's loader, so it registers tsx first.
import { register } from 'tsx/esm/api';

register();
await import('./dataset-writer-thread.ts');
