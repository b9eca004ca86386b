/** What the model setup screen shows: the first-run state in the contract's terms. */
import { firstRunState } from '../../../native-models/download/first-run-state';
import { checkLocalModel } from '../../../native-models/catalog/local-model';
import { expectedBytes } from '../../../native-models/catalog/catalog-entry';
import { formatBytes } from '../../../native-models/format/format-bytes';
import type { ModelPairPaths } from '../../../native-models/gguf/validate-model';
import type { ModelFilesCheck, ModelSetup, ModelSource } from '../../contract/studio-api';
import type { ModelManager } from './model-manager';

export async function modelSetupView(
  models: ModelManager,
  options: { modelsDir: string; configured: ModelSource | undefined; demoPair: ModelPairPaths & { projector: string } },
): Promise<ModelSetup> {
  const catalog = await models.modelCatalog();
  const configuredModel =
    options.configured?.kind === 'files'
      ? { decoder: options.configured.decoder, ...(options.configured.projector ? { projector: options.configured.projector } : {}) }
      : undefined;
  const state = await firstRunState({
    catalog,
    modelsDir: options.modelsDir,
    demoPair: options.demoPair,
    ...(configuredModel ? { configuredModel } : {}),
  });
  const status = models.state;
  const configuredUsable =
    state.modelConfigured ||
    options.configured?.kind === 'demo' ||
    (options.configured?.kind === 'catalog' && state.downloads[options.configured.id]?.state === 'downloaded');
  return {
    status,
    needsSetup: status.state !== 'ready' && status.state !== 'loading' && !configuredUsable,
    configuredProblem: state.configured && !state.configured.ok ? state.configured.error : null,
    recommendedId: state.recommendation.recommended?.entry.id ?? null,
    choices: state.recommendation.entries.map((fit) => {
      const bytes = expectedBytes(fit.entry.decoder) + expectedBytes(fit.entry.projector);
      const download = state.downloads[fit.entry.id];
      return {
        id: fit.entry.id,
        name: fit.entry.name,
        description: fit.entry.goodAt,
        downloadSize: formatBytes(bytes),
        downloadBytes: bytes,
        license: fit.entry.license.name,
        quantization: fit.entry.decoder.quantization,
        unverified: !fit.entry.verified,
        notes: fit.entry.notes,
        fits: fit.fits,
        reason: fit.reason ?? null,
        runsOn: fit.runsOn,
        download: { state: download?.state ?? 'absent', partialBytes: download?.partialBytes ?? 0 },
      };
    }),
    machine: {
      totalRam: formatBytes(state.machine.totalRamBytes),
      freeRam: formatBytes(state.machine.freeRamBytes),
      backend: state.machine.backend,
      gpu: state.machine.vramFreeBytes === undefined ? null : `${formatBytes(state.machine.vramFreeBytes)} free on the graphics card`,
      freeDisk: state.machine.diskFreeBytes === undefined ? null : formatBytes(state.machine.diskFreeBytes),
    },
    modelsDir: state.modelsDir,
    demo: { label: state.demo.label, available: state.demo.available },
    conversions: (catalog.conversions ?? []).map((entry) => ({
      id: entry.id,
      name: entry.name,
      description: entry.goodAt,
      checkpoint: entry.checkpoint,
      pageUrl: entry.pageUrl,
      checkpointSize: formatBytes(entry.approxCheckpointBytes),
      license: entry.license.name,
      notes: entry.notes,
    })),
  };
}

export async function checkModelFiles(paths: { decoder: string; projector: string | null }): Promise<ModelFilesCheck> {
  const check = await checkLocalModel({ decoder: paths.decoder, ...(paths.projector ? { projector: paths.projector } : {}) });
  if (!check.ok)
    return {
      ok: false,
      error: { code: check.error.code, message: check.error.message, ...(check.error.detail ? { detail: check.error.detail } : {}) },
    };
  const { model } = check;
  return {
    ok: true,
    summary: {
      name: model.name,
      architecture: model.architecture,
      quantization: model.quantization,
      decoderFile: model.decoder.fileName,
      decoderSize: model.decoder.size,
      projectorFile: model.projector?.fileName ?? null,
      projectorSize: model.projector?.size ?? null,
      contextLength: model.decoder.contextLength,
      seesImages: model.seesImages,
      fitsThisComputer: model.fitsThisComputer,
      fitSummary: model.fit.summary,
    },
  };
}
