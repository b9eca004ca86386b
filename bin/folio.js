#!/usr/bin/env node
// The `folio` command: runs the TypeScript CLI under plain Node through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
