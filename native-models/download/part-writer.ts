import { open } from 'node:fs/promises';

/** Where downloaded bytes go; injectable so tests can make the disk "fill up". */
interface PartWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export type OpenPartWriter = (filePath: string, startAt: number) => Promise<PartWriter>;

/** Opens the partial file to continue at `startAt` (0 starts it afresh), dropping anything beyond. */
export const openPartWriter: OpenPartWriter = async (filePath, startAt) => {
  const handle = await open(filePath, startAt === 0 ? 'w' : 'r+');
  let position = startAt;
  try {
    if (startAt > 0) await handle.truncate(startAt);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return {
    async write(chunk) {
      let offset = 0;
      while (offset < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, position);
        offset += bytesWritten;
        position += bytesWritten;
      }
    },
    close: () => handle.close(),
  };
};
