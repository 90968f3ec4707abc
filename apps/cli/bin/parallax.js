#!/usr/bin/env node
// Entry point of the `parallax` command. The workspace packages ship TypeScript sources; tsx compiles
// them on load, so there is no separate build step between editing and running.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
