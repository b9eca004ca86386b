/**
 * The writer's settings in the app-data folder: the model to load at start, the library
 * folder, the project that was open (and the one being opened). A damaged file is set aside,
 * never fatal.
 */
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { ModelSource } from '../../contract/studio-api';
import { writeFileAtomic } from '../documents/write-file-atomic';

export interface StudioSettings {
  model?: ModelSource;
  libraryFolder?: string;
  /** The library's background captioner; on unless switched off. */
  backgroundCaptions?: boolean;
  lastProject?: string;
  /** Set while a project is being opened: still there at start, the last run stopped while opening it. */
  openingProject?: string;
}

export class SettingsStore {
  private constructor(
    private readonly file: string,
    private current: StudioSettings,
  ) {}

  static async open(dataDir: string): Promise<SettingsStore> {
    const file = path.join(dataDir, 'settings.json');
    return new SettingsStore(file, await readSettings(file));
  }

  get(): Readonly<StudioSettings> {
    return this.current;
  }

  async update(change: Partial<StudioSettings>): Promise<void> {
    this.current = { ...this.current, ...change };
    await writeFileAtomic(this.file, `${JSON.stringify(this.current, null, 2)}\n`);
  }
}

async function readSettings(file: string): Promise<StudioSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as StudioSettings;
  } catch {
    // fall through: keep the damaged file for a developer, start with defaults
  }
  await rename(file, `${file}.damaged-${Date.now()}`).catch(() => undefined);
  return {};
}
