/**
 * electron-builder's AppImage and NSIS targets as Forge makers. Their published Forge makers
 * (electron-forge-maker-appimage, electron-forge-maker-nsis) export a plain function, the
 * pre-v6 maker shape; Forge 8 constructs makers with `new`, so each is wrapped in a MakerBase.
 * Those functions pass electron-builder no configuration, so the icon could not reach it: this
 * maker calls the same `buildForge` of app-builder-lib (the one the wrapped package depends on)
 * with the target and the icons. electron-builder is loaded only when a maker actually runs.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { MakerBase, type MakerOptions } from '@electron-forge/maker-base';
import type { ForgePlatform } from '@electron-forge/shared-types';

export interface ElectronBuilderMakerConfig {
  /** Which electron-builder target: an AppImage (Linux) or an NSIS installer (Windows). */
  target: 'appimage' | 'nsis';
  /**
   * The app's icon, relative to the project: for the AppImage a folder of `<size>x<size>.png`,
   * for NSIS an `.ico` (the app's, the installer's and the uninstaller's).
   * @default electron-builder's own (build/icon.*, else Electron's)
   */
  icon?: string;
}

type BuildForge = (forgeOptions: { dir: string }, options: Record<string, unknown>) => Promise<string[]>;

const TARGET_PLATFORMS: Record<ElectronBuilderMakerConfig['target'], ForgePlatform> = { appimage: 'linux', nsis: 'win32' };

/** What electron-builder is asked for: the target for this architecture, and its configuration. */
export function electronBuilderOptions(config: ElectronBuilderMakerConfig, dir: string, targetArch: string): Record<string, unknown> {
  // As buildForge does when given no configuration: the installers go beside the packaged app, in make/.
  const directories = { output: path.join(path.dirname(path.resolve(dir)), 'make') };
  const icon = config.icon;
  if (config.target === 'appimage')
    return { linux: [`appimage:${targetArch}`], config: { directories, ...(icon ? { linux: { icon } } : {}) } };
  return {
    win: [`nsis:${targetArch}`],
    config: { directories, ...(icon ? { win: { icon }, nsis: { installerIcon: icon, uninstallerIcon: icon } } : {}) },
  };
}

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
    const requireHere = createRequire(import.meta.url);
    const requireInMaker = createRequire(requireHere.resolve(this.packageName));
    const { buildForge } = requireInMaker('app-builder-lib') as { buildForge: BuildForge };
    return buildForge({ dir }, electronBuilderOptions(this.config, dir, targetArch));
  }
}
