/**
 * `folio ask` as a user runs it: a real process, the real host, the tiny models.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_DECODER, TINY_PROJECTOR, fixture } from '../helpers/fixture-paths';
import { testPicture } from '../fixtures/png';
import { colourPicture, truncatedJpeg, type PictureFormat } from '../fixtures/images';

const FOLIO = path.resolve('bin/folio.js');
let picture = '';
let notAPicture = '';
let cutShort = '';

function folio(...args: string[]) {
  const run = spawnSync(process.execPath, [FOLIO, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-cli-'));
  picture = path.join(dir, 'picture.png');
  notAPicture = path.join(dir, 'notes.png');
  writeFileSync(picture, testPicture(3));
  writeFileSync(notAPicture, 'just some text');
  cutShort = path.join(dir, 'cut-short.jpg');
  writeFileSync(cutShort, await truncatedJpeg());
});

describe('folio ask', () => {
  it('answers a question about an image and exits 0', () => {
    const run = folio(
      'ask',
      '--model',
      TINY_DECODER,
      '--mmproj',
      TINY_PROJECTOR,
      '--image',
      picture,
      '--seed',
      '4',
      '--max-tokens',
      '12',
      'What is in this picture?',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().length).toBeGreaterThan(0);
    // llama.cpp's own logging stays out of the answer.
    expect(run.stdout).not.toMatch(/llama_|print_info|\[INFO\]/);
  });

  it('reads every picture format the app accepts (WebP and GIF too, which the engine cannot decode itself)', async () => {
    const formats: PictureFormat[] = ['png', 'jpeg', 'webp', 'gif'];
    for (const format of formats) {
      const file = path.join(path.dirname(picture), `format.${format}`);
      writeFileSync(file, await colourPicture(11, format, 64, 48));
      const run = folio(
        'ask',
        '--model',
        TINY_DECODER,
        '--mmproj',
        TINY_PROJECTOR,
        '--image',
        file,
        '--seed',
        '4',
        '--max-tokens',
        '4',
        'What is in this picture?',
      );
      expect({ format, stderr: run.stderr, code: run.code }).toEqual({ format, stderr: '', code: 0 });
    }
  });

  it('takes the article as context with --document', () => {
    const article = path.join(path.dirname(picture), 'article.md');
    writeFileSync(article, '# Harbour towns\n\nThe boats leave before dawn.\n');
    const run = folio(
      'ask',
      '--model',
      TINY_DECODER,
      '--mmproj',
      TINY_PROJECTOR,
      '--image',
      picture,
      '--document',
      article,
      '--seed',
      '4',
      '--max-tokens',
      '6',
      'Does the picture suit the article?',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const missing = folio('ask', '--model', TINY_DECODER, '--document', '/nope/article.md', 'q');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/document could not be found/);
  });

  it('shows bytes the model wrote that are not UTF-8 as U+FFFD, and still answers', () => {
    // With this seed the tiny model writes two lone high bytes (decoder-spec.ts); the default
    // engine here is llama-server, whose chat parser once failed such answers outright.
    const run = folio('ask', '--model', TINY_DECODER, '--seed', '5', '--max-tokens', '64', 'Say something.');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\uFFFD');
  });

  it('answers when run from another folder than the project', () => {
    const run = spawnSync(process.execPath, [FOLIO, 'ask', '--model', TINY_DECODER, '--seed', '9', '--max-tokens', '4', 'Say something.'], {
      encoding: 'utf8',
      timeout: 60_000,
      cwd: os.tmpdir(),
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('gives the same answer for the same seed', () => {
    const ask = () => folio('ask', '--model', TINY_DECODER, '--seed', '9', '--max-tokens', '10', 'Say something.').stdout;
    expect(ask()).toBe(ask());
  });

  const badInputs: Array<{ name: string; args: string[]; line: RegExp }> = [
    { name: 'no model', args: ['hello'], line: /needs --model/ },
    { name: 'no question', args: ['--model', TINY_DECODER], line: /needs a question/ },
    {
      name: 'a missing model file',
      args: ['--model', fixture('does-not-exist.gguf'), 'hi'],
      line: /--model: the file could not be found: \/.*\/does-not-exist\.gguf/,
    },
    {
      name: 'a missing model file, typed as a relative path',
      args: ['--model', 'models/nope/missing.gguf', 'hi'],
      line: /could not be found: models\/nope\/missing\.gguf/,
    },
    {
      name: 'a missing projector file',
      args: ['--model', TINY_DECODER, '--mmproj', '/nope/mmproj.gguf', 'hi'],
      line: /--mmproj: the file could not be found: \/nope\/mmproj\.gguf/,
    },
    { name: 'a file that is not a model', args: ['--model', fixture('not-gguf.gguf'), 'hi'], line: /not a GGUF model/ },
    { name: 'an empty model file', args: ['--model', fixture('empty.gguf'), 'hi'], line: /empty/ },
    { name: 'a truncated model', args: ['--model', fixture('truncated-header.gguf'), 'hi'], line: /incomplete/ },
    { name: 'a model of an unknown architecture', args: ['--model', fixture('wrong-architecture.gguf'), 'hi'], line: /folio-unknown/ },
    {
      name: 'a projector that does not fit',
      args: ['--model', TINY_DECODER, '--mmproj', fixture('mismatched-mmproj.gguf'), 'hi'],
      line: /does not belong to this model/,
    },
    { name: 'an image without a projector', args: ['--model', TINY_DECODER, '--image', 'x.png', 'hi'], line: /--image needs --mmproj/ },
    {
      name: 'a missing image',
      args: ['--model', TINY_DECODER, '--mmproj', TINY_PROJECTOR, '--image', '/nope/x.png', 'hi'],
      line: /picture could not be found/,
    },
    {
      name: 'an image that is not a picture',
      args: ['--model', TINY_DECODER, '--mmproj', TINY_PROJECTOR, '--image', '@NOTAPICTURE', 'hi'],
      line: /this is not a picture: Folio reads JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF, BMP and SVG/,
    },
    // The header is a JPEG's; the library's full decode finds the end missing.
    {
      name: 'a truncated JPEG',
      args: ['--model', TINY_DECODER, '--mmproj', TINY_PROJECTOR, '--image', '@CUTSHORT', 'hi'],
      line: /damaged or incomplete/,
    },
    { name: 'a seed that is not a number', args: ['--model', TINY_DECODER, '--seed', 'abc', 'hi'], line: /--seed must be a whole number/ },
    {
      name: 'an unknown option',
      args: ['--model', TINY_DECODER, '--colour', 'red', 'hi'],
      line: /unknown option --colour\. Run "folio --help"/,
    },
  ];

  for (const { name, args, line } of badInputs) {
    it(`refuses ${name} with one clear line and exit code 2`, () => {
      const run = folio('ask', ...args.map((arg) => (arg === '@NOTAPICTURE' ? notAPicture : arg === '@CUTSHORT' ? cutShort : arg)));
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^folio: /);
      expect(lines[0]).toMatch(line);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('shows developer detail with --verbose', () => {
    const run = folio('ask', '--verbose', '--model', fixture('tensor-past-end.gguf'), 'hi');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').length).toBeGreaterThan(1);
  });
});
