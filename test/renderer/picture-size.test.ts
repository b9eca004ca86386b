// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { STUDIO_PARAM_SCHEMAS } from '../../electron/contract/studio-schemas';
import { MAX_STUDIO_MESSAGE_BYTES } from '../../electron/server/message-limits';
import { MAX_PICTURE_BYTES, pictureService } from '../../renderer/src/services/picture-service';
import { fakeStudio } from './fake-studio-api';

afterEach(() => {
  delete (globalThis as { studio?: unknown }).studio;
});

/** A file of `size` bytes without allocating them: only the size is read before the refusal. */
const fileOf = (size: number, name = 'holiday.jpg') => ({ name, size, type: 'image/jpeg' }) as File;

describe('a picture over the studio’s limit', () => {
  it('is refused before anything is sent, with a message giving the limit', async () => {
    const studio = fakeStudio();
    (globalThis as { studio?: unknown }).studio = studio;
    const refusal = await pictureService.importFile(fileOf(48_300_000)).catch((error: unknown) => error);
    expect(refusal).toMatchObject({
      code: 'picture-too-large',
      message: 'holiday.jpg is 46 MB; the studio takes pictures up to 40 MB. Save it smaller (a JPEG, or fewer pixels) and add it again.',
    });
    expect(studio.calls).toEqual([]);
  });

  it('is sent when it is exactly at the limit', async () => {
    const studio = fakeStudio();
    (globalThis as { studio?: unknown }).studio = studio;
    studio.handle('importImage', async () => ({ assetId: 'a'.repeat(64), width: 1, height: 1, mimeType: 'image/jpeg' }) as never);
    const file = new File([new Uint8Array(MAX_PICTURE_BYTES)], 'large.jpg', { type: 'image/jpeg' });
    await pictureService.importFile(file);
    expect(studio.calls.map((call) => call.method)).toEqual(['importImage']);
  });

  it('is the limit the studio itself applies, and fits in one WebSocket message', () => {
    const schema = STUDIO_PARAM_SCHEMAS.importImage as { properties: { dataBase64: { maxLength: number } } };
    const base64Length = Math.ceil(MAX_PICTURE_BYTES / 3) * 4;
    expect(base64Length).toBe(schema.properties.dataBase64.maxLength);
    expect(base64Length + 4096).toBeLessThan(MAX_STUDIO_MESSAGE_BYTES);
  });
});
