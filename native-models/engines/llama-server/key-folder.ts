/**
 * The folder that hands llama-server its API key (a 0600 file, so `ps` never shows the key).
 * It is removed when the server exits, but a host killed outright (SIGKILL, out of memory)
 * removes nothing: each folder records the pid of the process that made it, and every start
 * removes the folders whose maker is gone.
 */
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processRunning } from '../../process-running';

const PREFIX = 'folio-llama-server-';
const OWNER_FILE = 'owner.pid';
/** A folder without an owner file may be one being made right now; older than this, it is a leftover. */
const UNOWNED_GRACE_MS = 60 * 60 * 1000;

export interface KeyFolder {
  dir: string;
  keyFile: string;
}

export function createKeyFolder(apiKey: string, tempDir = os.tmpdir()): KeyFolder {
  removeStaleKeyFolders(tempDir);
  const dir = mkdtempSync(path.join(tempDir, PREFIX));
  writeFileSync(path.join(dir, OWNER_FILE), String(process.pid), { mode: 0o600 });
  const keyFile = path.join(dir, 'key');
  writeFileSync(keyFile, apiKey, { mode: 0o600 });
  return { dir, keyFile };
}

/** Removes key folders left by processes that no longer run; never another user's, never a link. */
function removeStaleKeyFolders(tempDir = os.tmpdir()): void {
  let names: string[];
  try {
    names = readdirSync(tempDir).filter((name) => name.startsWith(PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(tempDir, name);
    try {
      const stat = lstatSync(dir);
      if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid())) continue;
      if (isStale(dir, stat.mtimeMs)) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Gone meanwhile, or not ours to read: leave it.
    }
  }
}

function isStale(dir: string, modifiedMs: number): boolean {
  let owner: number;
  try {
    owner = Number(readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
  } catch {
    return Date.now() - modifiedMs > UNOWNED_GRACE_MS;
  }
  if (!Number.isInteger(owner) || owner <= 0) return true;
  return !processRunning(owner);
}
