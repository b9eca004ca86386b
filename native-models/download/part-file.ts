/**
 * The partial file of a download and its sidecar. Bytes arrive in `NAME.part`; `NAME.part.json`
 * records what they are part of (URL, total size, validators), so a later run (after Ctrl-C, a
 * crash or a restart) continues only when the server still offers the same file. Nothing
 * partial is ever written under the final name.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';

export interface PartSidecar {
  version: 1;
  url: string;
  totalBytes?: number;
  etag?: string;
  lastModified?: string;
}

export interface PartState extends PartSidecar {
  /** Bytes already in the partial file. */
  partBytes: number;
}

export const partPath = (destination: string): string => `${destination}.part`;
export const sidecarPath = (destination: string): string => `${destination}.part.json`;

/** What can be resumed for `url`, or undefined (and any stale partial removed). */
export async function readPartState(destination: string, url: string): Promise<PartState | undefined> {
  const [sidecar, partBytes] = await Promise.all([readSidecar(destination), fileSize(partPath(destination))]);
  const usable =
    sidecar !== undefined &&
    partBytes !== undefined &&
    sidecar.url === url &&
    (sidecar.totalBytes === undefined || partBytes <= sidecar.totalBytes);
  if (usable) return { ...sidecar, partBytes };
  if (sidecar !== undefined || partBytes !== undefined) await removePartial(destination);
  return undefined;
}

export async function writeSidecar(destination: string, sidecar: Omit<PartSidecar, 'version'>): Promise<void> {
  await writeFile(sidecarPath(destination), `${JSON.stringify({ version: 1, ...sidecar })}\n`);
}

/** Bytes of a paused download of `destination`, or 0. */
export async function partialBytes(destination: string): Promise<number> {
  return (await fileSize(partPath(destination))) ?? 0;
}

export async function removePartial(destination: string): Promise<void> {
  await Promise.all([rm(partPath(destination), { force: true }), rm(sidecarPath(destination), { force: true })]);
}

async function readSidecar(destination: string): Promise<PartSidecar | undefined> {
  try {
    const data = JSON.parse(await readFile(sidecarPath(destination), 'utf8')) as Partial<PartSidecar>;
    return data.version === 1 && typeof data.url === 'string' ? (data as PartSidecar) : undefined;
  } catch {
    return undefined;
  }
}

export async function fileSize(filePath: string): Promise<number | undefined> {
  try {
    const info = await stat(filePath);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}
