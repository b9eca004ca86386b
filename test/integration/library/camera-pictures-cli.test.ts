/**
 * Every picture a camera or phone writes, through the real `folio` as a user runs it (issue 22,
 * item 4): files made in the test by the real tools (ImageMagick, libheif's heif-enc), each row
 * of the picture table (JPEG, PNG, WebP, GIF, HEIC, AVIF, TIFF, BMP, SVG, CMYK JPEG, 16-bit PNG,
 * a 60-MP JPEG) indexed by the tiny CLIP through onnxruntime, asked about through the real engine
 * on the tiny model, and used as a reference in a compose whose article every viewer can show. Before, HEIC, AVIF,
 * TIFF, BMP and SVG were passed over by the index without a word, refused by ask, and a 60-MP
 * photo was refused as too large.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pictureTypeOf } from '../../../native-models/images/picture-types';
import { cameraPicture, scenePng } from '../../fixtures/camera-pictures';
import { hugeDimensionPng } from '../../fixtures/images';
import { TINY_CLIP, TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';

const FOLIO = path.resolve('bin/folio.js');
const TINY = ['--model', TINY_DECODER, '--mmproj', TINY_PROJECTOR, '--threads', '1', '--seed', '4'];
const CAMERA_FORMATS = ['heic', 'avif', 'tiff', 'bmp', 'svg'] as const;
/** Every row of the picture table: the four types read before, the camera formats, CMYK, 16-bit and 60 MP. */
const EVERY_FORMAT = ['jpeg', 'png', 'webp', 'gif', ...CAMERA_FORMATS, 'cmyk', 'deep', 'big'] as const;
const FORMAT_NAMES: Record<string, string> = { cmyk: 'CMYK JPEG', deep: '16-bit PNG', big: '60-MP JPEG' };
const named = (format: string): [string, string] => [FORMAT_NAMES[format] ?? format.toUpperCase(), format];
let dir = '';
let pictures = '';
const files: Record<string, string> = {};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function folio(args: string[], timeout = 120_000): Run {
  const run = spawnSync(process.execPath, [FOLIO, ...args], { encoding: 'utf8', timeout, maxBuffer: 16 << 20 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `folio` under GNU time: its run and its peak resident memory in MB (the report's last line; a failure's status comes first). */
function folioWithPeakMemory(args: string[]): Run & { peakMb: number } {
  const report = path.join(dir, `time-${Date.now()}.txt`);
  const run = spawnSync('/usr/bin/time', ['-f', '%M', '-o', report, process.execPath, FOLIO, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return {
    code: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    peakMb: Number(readFileSync(report, 'utf8').trim().split('\n').at(-1)) / 1024,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-camera-pictures-'));
  pictures = path.join(dir, 'phone');
  mkdirSync(pictures);
  const made = path.join(dir, 'made');
  mkdirSync(made);
  // Each format from a different scene, so none is a duplicate of another.
  for (const [index, format] of ([...CAMERA_FORMATS, 'png', 'jpeg', 'webp', 'gif'] as const).entries()) {
    files[format] = await cameraPicture(made, format, 20 + index);
    copyFileSync(files[format], path.join(pictures, path.basename(files[format])));
  }
  // A CMYK JPEG (print workflows, some scanners) and a 16-bit PNG (raw developers, scanners).
  files.cmyk = path.join(pictures, 'print-proof.jpg');
  writeFileSync(
    files.cmyk,
    await sharp(await scenePng(31))
      .withIccProfile('cmyk')
      .jpeg({ quality: 95 })
      .toBuffer(),
  );
  files.deep = path.join(pictures, 'scan-16-bit.png');
  execFileSync('/usr/bin/convert', [await cameraPicture(made, 'png', 32), '-depth', '16', `PNG48:${files.deep}`]);
  // A 60-megapixel camera photo (9504 × 6336), smooth enough to stay a few MB.
  files.big = path.join(pictures, 'big-sensor.jpg');
  writeFileSync(
    files.big,
    await sharp(await scenePng(33))
      .resize(9504, 6336, { kernel: 'nearest' })
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
  // What a folder also holds: a decompression bomb, text named like a HEIC, a HEIC cut short.
  files.bomb = path.join(pictures, 'bomb.png');
  writeFileSync(files.bomb, hugeDimensionPng());
  writeFileSync(path.join(pictures, 'notes.heic'), 'Notes for the article, saved with the wrong name.\n');
  const heic = readFileSync(files.heic as string);
  writeFileSync(path.join(pictures, 'cut-short.heic'), heic.subarray(0, Math.floor(heic.length * 0.6)));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('camera and phone pictures through folio', () => {
  it('folio index adds every format, the CMYK, 16-bit and 60-MP photos, and names what it skips', { timeout: 240_000 }, () => {
    const db = path.join(dir, 'library.sqlite');
    const run = folio(['index', pictures, '--embedding-model', TINY_CLIP, '--threads', '1', '--library-db', db], 200_000);
    expect(run.code, run.stderr).toBe(0);
    // heic, avif, tiff, bmp, svg, png, jpeg, webp, gif, the CMYK JPEG, the 16-bit PNG and the 60-MP JPEG.
    expect(run.stdout).toMatch(/added\s+12\n/);
    expect(run.stdout).toMatch(/skipped\s+3\n/);
    expect(run.stdout).toContain('bomb.png: too large');
    expect(run.stdout).toContain('notes.heic: not a picture');
    expect(run.stdout).toContain('cut-short.heic: damaged or incomplete');
    expect(run.stdout).not.toMatch(/big-sensor|print-proof|scan-16-bit/);
  });

  it.each(EVERY_FORMAT.map(named))('folio ask answers about a %s picture through the real engine', (_name, format) => {
    const run = folio(['ask', ...TINY, '--max-tokens', '3', '--image', files[format] as string, 'What is in this picture?']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().length).toBeGreaterThan(0);
  });

  it('gives the model the same pixels from a TIFF and a BMP as from the PNG they were made from', () => {
    const answer = (file: string) => folio(['ask', ...TINY, '--max-tokens', '6', '--probs', '3', '--image', file, 'Describe it.']);
    for (const [format, scene] of [
      ['tiff', 22],
      ['bmp', 23],
    ] as const) {
      const source = path.join(dir, 'made', `scene-${scene}.source.png`);
      const reference = answer(source);
      const run = answer(files[format] as string);
      expect(run.code, run.stderr).toBe(0);
      expect(reference.code, reference.stderr).toBe(0);
      expect(run.stdout, format).toBe(reference.stdout);
    }
  });

  it('folio ask refuses a decompression bomb in one line within bounded memory', () => {
    const bomb = folioWithPeakMemory(['ask', ...TINY, '--max-tokens', '2', '--image', files.bomb as string, 'Where is this?']);
    expect(bomb.code).toBe(2);
    const lines = bomb.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^folio: the picture is too large \(100000 × 100000 pixels; the limit is 268 megapixels\)/);
    // 10,000 MP decoded would be 30 GB; refused from its header, the process stays at its baseline.
    expect(bomb.peakMb).toBeLessThan(400);
  });

  it('composes with a reference of every format; the article shows each as it is or as JPEG or PNG', { timeout: 400_000 }, () => {
    const out = path.join(dir, 'article', 'harbour.html');
    const outline = path.join(dir, 'outline.md');
    // Ten sections for the ten references (at most 10): each slot takes a reference not used yet.
    writeFileSync(
      outline,
      `# Harbour\n${['Boats', 'Nets', 'Gulls', 'Quay', 'Market', 'Rope', 'Tide', 'Lamps', 'Storm', 'Evening'].map((s) => `## ${s}\n`).join('')}`,
    );
    const references = EVERY_FORMAT.filter((format) => format !== 'jpeg' && format !== 'png').map((format) => files[format] as string);
    expect(references).toHaveLength(10);
    const run = folio(['compose', ...TINY, '--outline', outline, '--figures', '10', '-o', out, '--references', ...references], 380_000);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/10 figures, 10 images/);
    // Its progress names what it does with the writer's own pictures: no library was searched (it said so before).
    expect(run.stderr).toMatch(/^finding pictures for figure 1 of 10\b/m);
    expect(run.stderr).not.toMatch(/library/i);
    // One self-contained page, as folio export writes: each picture inside it, of a type every viewer shows.
    const html = readFileSync(out, 'utf8');
    const shown = [...html.matchAll(/<img[^>]+src="data:([^;"]+);base64,/g)].map((match) => match[1]);
    expect(shown).toHaveLength(10);
    for (const type of shown) expect(['image/jpeg', 'image/png', 'image/webp', 'image/gif']).toContain(type);
    // The WebP and the GIF are kept as they are; the HEIC, AVIF, TIFF, BMP and SVG become JPEG or PNG.
    expect(shown.filter((type) => type === 'image/webp')).toHaveLength(1);
    expect(shown.filter((type) => type === 'image/gif')).toHaveLength(1);
    expect(existsSync(path.join(dir, 'article', 'assets'))).toBe(false);
  });

  it(
    'folio import takes a Markdown article showing HEIC, TIFF and SVG; folio export writes them as JPEG or PNG',
    { timeout: 120_000 },
    () => {
      const article = path.join(dir, 'imported');
      mkdirSync(article);
      for (const format of ['heic', 'tiff', 'svg'] as const) copyFileSync(files[format] as string, path.join(article, `photo.${format}`));
      writeFileSync(
        path.join(article, 'harbour.md'),
        '# Harbour\n\nThe boats.\n\n![boats](photo.heic)\n\n![scan](photo.tiff)\n\n![map](photo.svg)\n',
      );
      const project = path.join(dir, 'Harbour.folio');
      const imported = folio(['import', path.join(article, 'harbour.md'), '-o', project]);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      const out = path.join(dir, 'exported', 'harbour.md');
      const exported = folio(['export', project, '-o', out]);
      expect(exported.code, exported.stderr).toBe(0);
      const images = path.join(dir, 'exported', 'harbour-images');
      const written = readdirSync(images);
      expect(written).toHaveLength(3);
      for (const name of written) {
        const type = pictureTypeOf(readFileSync(path.join(images, name)));
        expect(['image/jpeg', 'image/png'], name).toContain(type?.mimeType);
        expect(readFileSync(out, 'utf8')).toContain(`harbour-images/${name}`);
      }
    },
  );
});
