import { join } from 'node:path';
import { JsonStateFile } from './json-state-file.ts';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
  fetched: string;
}

/** ETag and Last-Modified of every URL fetched into the workspace, for conditional re-fetches. */
export class FetchState {
  private readonly file: JsonStateFile<Record<string, Validators>>;

  constructor(workspaceDir: string) {
    this.file = new JsonStateFile(join(workspaceDir, 'state', 'fetched-urls.json'), () => ({}));
  }

  get(url: string): Validators | null {
    return this.file.value[url] ?? null;
  }

  set(url: string, v: Validators): void {
    this.file.value[url] = v;
  }

  save(): void {
    this.file.save();
  }
}
