/**
 * Every way a project folder can be broken: refused with a typed error and a message the
 * writer understands, or, where the article itself is sound, opened with a warning.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject } from '../../../electron/studio/documents/open-project';
import { ProjectError } from '../../../electron/studio/documents/project-error';
import { testPicture } from '../../fixtures/png';
import { makeSampleProject } from './sample-project';

let parent = '';
let dir = '';
let assetIds: string[] = [];

beforeEach(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'folio-malformed-'));
  ({ dir, assetIds } = await makeSampleProject(parent));
});
afterEach(() => rm(parent, { recursive: true, force: true }));

const documentFile = (): string => path.join(dir, 'document.json');
const assetFile = (id: string): string => path.join(dir, 'assets', `${id}.${id === assetIds[1] ? 'jpg' : 'png'}`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hand edits of arbitrary saved JSON, as a broken file would have them
async function editDocument(change: (document: Record<string, any>) => void): Promise<void> {
  const document = JSON.parse(await readFile(documentFile(), 'utf8'));
  change(document);
  await writeFile(documentFile(), JSON.stringify(document));
}

async function refusal(target = dir): Promise<ProjectError> {
  const error = await openProject(target).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProjectError);
  return error as ProjectError;
}

describe('project folders that cannot be opened', () => {
  const cases: Array<{ name: string; breakIt: () => Promise<string | void>; code: string; message: RegExp }> = [
    {
      name: 'a folder that does not exist',
      breakIt: async () => path.join(parent, 'Gone.folio'),
      code: 'project-missing',
      message: /^The project folder could not be found: .*Gone\.folio$/,
    },
    {
      name: 'a file instead of a folder',
      breakIt: async () => {
        await writeFile(path.join(parent, 'file.folio'), 'x');
        return path.join(parent, 'file.folio');
      },
      code: 'not-a-project',
      message: /^This is a file, not a Folio project folder/,
    },
    {
      name: 'a folder without document.json',
      breakIt: () => rm(documentFile()),
      code: 'not-a-project',
      message: /^This folder is not a Folio project \(it has no document\.json\)/,
    },
    {
      name: 'document.json that is a folder',
      breakIt: async () => (await rm(documentFile()), await mkdir(documentFile())),
      code: 'file-unreadable',
      message: /^document\.json in the project is not a file\.$/,
    },
    {
      name: 'an empty document.json',
      breakIt: () => writeFile(documentFile(), ''),
      code: 'document-corrupt',
      message: /^document\.json is damaged \(it is empty\), so the article cannot be opened\.$/,
    },
    {
      name: 'a truncated document.json',
      breakIt: async () => writeFile(documentFile(), (await readFile(documentFile())).subarray(0, 120)),
      code: 'document-corrupt',
      message: /^document\.json is damaged \(it is not valid JSON\)/,
    },
    {
      name: 'an oversized document.json',
      breakIt: () => truncate(documentFile(), 51 * 1024 * 1024),
      code: 'file-too-large',
      message: /^document\.json is too large to open \(51 MB; the limit is 50 MB\)\.$/,
    },
    {
      name: 'a document from a newer Folio',
      breakIt: () => editDocument((document) => (document.attrs.schemaVersion = 7)),
      code: 'schema-too-new',
      message:
        /^This project was saved by a newer version of Folio \(document format 7; this version reads up to 2\)\. Update Folio to open it\.$/,
    },
    {
      name: 'a schema version that is not a number',
      breakIt: () => editDocument((document) => (document.attrs.schemaVersion = 'one')),
      code: 'document-invalid',
      message: /its schema version is not a number/,
    },
    {
      name: 'JSON that is not a document',
      breakIt: () => writeFile(documentFile(), '[1, 2, 3]'),
      code: 'document-invalid',
      message: /^document\.json is not a Folio document\.$/,
    },
    {
      name: 'a heading level out of range',
      breakIt: () => editDocument((document) => (document.content[0].attrs.level = 9)),
      code: 'document-invalid',
      message: /^document\.json is not a valid Folio document: block 1 \(a heading\): level must be <= 6\.$/,
    },
    {
      name: 'an unknown kind of block',
      breakIt: () => editDocument((document) => (document.content[1] = { type: 'video', attrs: { src: 'x' } })),
      code: 'document-invalid',
      message: /block 2 is of an unknown kind \("video"\)/,
    },
    {
      name: 'text that is not a string',
      breakIt: () => editDocument((document) => (document.content[1].content[0].text = 42)),
      code: 'document-invalid',
      message: /block 2 \(a paragraph\), part 1 \(a text\): text must be string/,
    },
    {
      name: 'a figure with a caption of the wrong type',
      breakIt: () => editDocument((document) => (document.content[2].attrs.caption = ['a'])),
      code: 'document-invalid',
      message: /block 3 \(a figure\): caption must be string/,
    },
    {
      name: 'document.json as a symlink to a file outside the folder',
      breakIt: async () => {
        const outside = path.join(parent, 'elsewhere.json');
        await writeFile(outside, await readFile(documentFile()));
        await rm(documentFile());
        await symlink(outside, documentFile());
      },
      code: 'path-escapes',
      message: /^document\.json points outside the project folder, so it was not opened\.$/,
    },
  ];

  for (const { name, breakIt, code, message } of cases) {
    it(`refuses ${name}`, async () => {
      const target = (await breakIt()) ?? dir;
      const error = await refusal(target);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    });
  }
});

describe('project folders that open with a warning', () => {
  it('leaves a figure empty when its picture is missing, and opens the rest', async () => {
    await rm(assetFile(assetIds[0] as string));
    const project = await openProject(dir);
    expect(project.warnings.map((warning) => warning.code)).toEqual(['asset-missing']);
    expect(project.warnings[0]?.message).toMatch(
      /^Figure 1 \(“Fishing boats leave at first light”\): its picture is missing from the project \(assets\/[0-9a-f]{12}…\); the figure is left empty\.$/,
    );
    const figures = project.document.content.filter((node) => node.type === 'figure');
    expect(figures[0]?.attrs).toMatchObject({
      assetId: null,
      chosen: null,
      emptyReason: expect.stringMatching(/^This figure’s picture is missing/),
    });
    expect(figures[1]?.attrs.assetId).toBe(assetIds[1]);
    expect(project.document.content).toHaveLength(9);
  });

  it('does not show a picture whose bytes no longer match its name', async () => {
    await writeFile(assetFile(assetIds[1] as string), testPicture(9));
    const project = await openProject(dir);
    expect(project.warnings[0]).toMatchObject({
      code: 'asset-damaged',
      message: expect.stringMatching(
        /^Figure 2 .*: its picture file in the project is damaged \(assets\/.*\.jpg\); the figure is left empty\.$/,
      ),
    });
  });

  it('does not read an oversized picture file', async () => {
    await truncate(assetFile(assetIds[1] as string), 60 * 1024 * 1024);
    const project = await openProject(dir);
    expect(project.warnings[0]).toMatchObject({
      code: 'asset-too-large',
      message: expect.stringMatching(/its picture file is too large \(over 50 MB\)/),
    });
  });

  it('does not follow a picture symlinked from outside the folder', async () => {
    const file = assetFile(assetIds[0] as string);
    const outside = path.join(parent, 'outside.png');
    await writeFile(outside, await readFile(file));
    await rm(file);
    await symlink(outside, file);
    const project = await openProject(dir);
    expect(project.warnings[0]).toMatchObject({
      code: 'path-escapes',
      message: expect.stringMatching(/^Figure 1 .*: its picture file points outside the project folder/),
    });
    expect(project.document.content[2]).toMatchObject({ attrs: { assetId: null } });
  });

  it('does not follow an assets folder symlinked from outside', async () => {
    const outside = path.join(parent, 'outside-assets');
    await rm(path.join(dir, 'assets'), { recursive: true });
    await mkdir(outside);
    await symlink(outside, path.join(dir, 'assets'));
    const project = await openProject(dir);
    expect(project.warnings[0]).toMatchObject({
      code: 'path-escapes',
      message: 'assets points outside the project folder, so it was not opened. Figures open without their pictures.',
    });
    expect(project.document.content.filter((node) => node.type === 'figure' && node.attrs.assetId)).toHaveLength(0);
  });

  it('does not follow an asset id that is a path', async () => {
    await editDocument((document) => (document.content[2].attrs.assetId = '../../../etc/passwd'));
    const project = await openProject(dir);
    expect(project.warnings[0]).toMatchObject({
      code: 'path-escapes',
      message: expect.stringMatching(/^Figure 1 .*: its picture points outside the project folder; the figure is left empty\.$/),
    });
  });

  it('drops candidates that are gone and says so', async () => {
    await rm(assetFile(assetIds[2] as string));
    const project = await openProject(dir);
    expect(project.warnings).toEqual([
      expect.objectContaining({
        code: 'figure-repaired',
        message: expect.stringMatching(/^Figure 1 .*: 1 other picture it could be swapped to is missing from the project\.$/),
      }),
    ]);
    expect(project.document.content[2]).toMatchObject({ attrs: { candidates: [assetIds[0]], chosen: 0 } });
  });

  it('opens the article when project.json is damaged, and rebuilds it', async () => {
    await writeFile(path.join(dir, 'project.json'), '{"format": "folio-pro');
    const project = await openProject(dir);
    expect(project.warnings[0]).toMatchObject({
      code: 'manifest-unusable',
      message: expect.stringMatching(/^project\.json is damaged \(not valid JSON\); the article opens/),
    });
    expect(project.manifest.title).toBe('Harbour at Dawn');
    expect(Object.keys(project.manifest.assets).sort()).toEqual([...assetIds].sort());
  });

  it('opens the article when project.json is missing', async () => {
    await rm(path.join(dir, 'project.json'));
    const project = await openProject(dir);
    expect(project.warnings[0]).toMatchObject({
      code: 'manifest-missing',
      message: 'project.json is missing; it will be written again on the next save.',
    });
  });

  it('opens the saved article when the autosave is damaged', async () => {
    await mkdir(path.join(dir, '.autosave'));
    await writeFile(path.join(dir, '.autosave', 'document.json'), '{"type": "doc", "attrs": {"schemaVersion": 1}, "content": [');
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(dir, '.autosave', 'document.json'), later, later);
    const project = await openProject(dir);
    expect(project.recovery).toBeNull();
    expect(project.warnings[0]).toMatchObject({
      code: 'autosave-unusable',
      message: expect.stringMatching(/^Unsaved changes were found but could not be recovered: The autosaved document is damaged/),
    });
  });

  it('brings a bare Tiptap document (version 0) up to date', async () => {
    await editDocument((document) => delete document.attrs);
    const project = await openProject(dir);
    expect(project.migratedFrom).toBe(0);
    expect(project.document.attrs.schemaVersion).toBe(2);
    expect(project.warnings).toEqual([]);
  });
});
