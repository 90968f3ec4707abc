import { createMemoryStore } from './memory-store.ts';
import { describeStoreConformance } from './store-conformance.ts';

describeStoreConformance('memory fake', { create: async () => createMemoryStore() });
