import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidInputError } from '@parallax/core';

/**
 * A small JSON file of workspace state (fetch validators, feed configuration, watch progress).
 * Saved to a temporary file and renamed over the old one, so a crash leaves the previous state
 * whole, never a half-written file.
 */
export class JsonStateFile<T> {
  value: T;

  constructor(
    readonly path: string,
    initial: () => T,
  ) {
    if (!existsSync(path)) this.value = initial();
    else {
      try {
        this.value = JSON.parse(readFileSync(path, 'utf8')) as T;
      } catch {
        throw new InvalidInputError(
          `${path}: damaged workspace state file (not valid JSON); delete it to start afresh`,
        );
      }
    }
  }

  save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.value, null, 1)}\n`);
    renameSync(tmp, this.path);
  }
}
