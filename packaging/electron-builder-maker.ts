/**
 * electron-builder's AppImage and NSIS targets as Forge makers. Their published Forge makers
 * (electron-forge-maker-appimage, electron-forge-maker-nsis) export a plain function, the
 * pre-v6 maker shape; Forge 8 constructs makers with `new`, so each is wrapped in a MakerBase.
 * electron-builder is loaded only when a maker actually runs.
 */
import { createRequire } from 'node:module';
import { MakerBase, type MakerOptions } from '@electron-forge/maker-base';
import type { ForgePlatform } from '@electron-forge/shared-types';

export interface ElectronBuilderMakerConfig {
  /** Which electron-builder target: an AppImage (Linux) or an NSIS installer (Windows). */
  target: 'appimage' | 'nsis';
}

type BuildForge = (options: { dir: string; targetArch: string }) => Promise<string[]>;

const TARGET_PLATFORMS: Record<ElectronBuilderMakerConfig['target'], ForgePlatform> = { appimage: 'linux', nsis: 'win32' };

export class ElectronBuilderMaker extends MakerBase<ElectronBuilderMakerConfig> {
  readonly name: string;
  readonly defaultPlatforms: ForgePlatform[];
  /** The package the wrapped maker comes from. */
  readonly packageName: string;

  constructor(config: ElectronBuilderMakerConfig, platforms?: ForgePlatform[]) {
    super(config, platforms);
    this.name = `electron-builder-${config.target}`;
    this.defaultPlatforms = [TARGET_PLATFORMS[config.target]];
    this.packageName = `electron-forge-maker-${config.target}`;
  }

  override isSupportedOnCurrentPlatform(): boolean {
    return true;
  }

  override async make({ dir, targetArch }: MakerOptions): Promise<string[]> {
    const maker = createRequire(import.meta.url)(this.packageName) as { default: BuildForge };
    return maker.default({ dir, targetArch });
  }
}
