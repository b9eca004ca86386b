/**
 * New with an empty title twice (issue 23, minor; the File dialog sends "Untitled" then): the second failed with "A project with this
 * name already exists: …/Untitled.folio". It is "Untitled 2" now, as Import numbers its copies.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessStudio, type InProcessStudio } from '../../helpers/in-process-studio';
import type { TestStudioClient } from '../../helpers/studio-client';

let running: InProcessStudio;
let studio: TestStudioClient;

beforeAll(async () => {
  running = await startInProcessStudio('new-untitled');
  studio = running.studio;
});
afterAll(() => running?.close());

describe('New without a title', () => {
  it('makes Untitled, then Untitled 2 and Untitled 3, never failing on the name', async () => {
    const made: string[] = [];
    for (const title of ['Untitled', ' ', 'Untitled']) {
      const { project } = await studio.call('newProject', { title });
      made.push(path.basename(project.dir));
    }
    expect(made).toEqual(['Untitled.folio', 'Untitled 2.folio', 'Untitled 3.folio']);
  });

  it('still refuses a named project whose folder is taken (the writer chose that name)', async () => {
    await studio.call('newProject', { title: 'Harbour' });
    await expect(studio.call('newProject', { title: 'Harbour' })).rejects.toThrow(/already exists/);
  });
});
