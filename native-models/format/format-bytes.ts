/**
 * Sizes as the CLI, the studio's messages and the catalog show them. One definition of the
 * units on the Node side: 1 KB = 1024 bytes, KB/MB/GB as operating systems label them.
 */

/** Bytes in the units a file manager shows (1 GB = 1024³ bytes): "2.0 GB", "384 MB". */
export function formatBytes(bytes: number): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 10) return `${Math.round(gb)} GB`;
  if (gb >= 1) return `${gb.toFixed(1)} GB`;
  const mb = bytes / 1024 ** 2;
  return mb >= 10 ? `${Math.round(mb)} MB` : `${mb.toFixed(1)} MB`;
}
