/**
 * Picks the catalog entry to suggest for this computer: the highest-ranked one whose memory
 * estimate (the model layer's `estimateFit`) fits what is free, with a reason in a writer's
 * words for each entry that does not fit.
 */
import { formatBytes } from '../format/format-bytes';
import { estimateFit, type FitEstimate } from '../gguf/fit-estimate';
import { expectedBytes, type CatalogEntry } from './catalog-entry';
import type { MachineResources } from './machine-resources';
import { DEFAULT_CONTEXT_SIZE } from '../engines/load-plan';

interface EntryFit {
  entry: CatalogEntry;
  fits: boolean;
  /** Where it would run: every layer on the graphics card, or the processor only. */
  runsOn: 'gpu' | 'cpu';
  estimate: FitEstimate;
  /** Why it does not fit, e.g. "needs about 9.1 GB of memory; this computer has 6.2 GB free". */
  reason?: string;
}

export interface Recommendation {
  recommended?: EntryFit;
  /** Every entry, best first. */
  entries: EntryFit[];
}

export interface RecommendOptions {
  contextSize?: number;
  /** Entries already on disk need no disk space. */
  downloadedIds?: ReadonlySet<string>;
  /**
   * Whether the engine keeps one context of earlier prompts in host memory (llama-server, the
   * studio's engine wherever it is built: prompt-cache-size.ts). Counted unless told otherwise,
   * as the load's own fit check counts it, so a model recommended here is not refused at load.
   */
  promptCache?: boolean;
}

export function recommendModel(
  entries: readonly CatalogEntry[],
  machine: MachineResources,
  options: RecommendOptions = {},
): Recommendation {
  const contextSize = options.contextSize ?? DEFAULT_CONTEXT_SIZE;
  const fits = [...entries]
    .sort((a, b) => b.rank - a.rank)
    .map((entry) =>
      fitEntry(entry, machine, { contextSize, promptCache: options.promptCache ?? true }, options.downloadedIds?.has(entry.id) ?? false),
    );
  const recommended = fits.find((fit) => fit.fits);
  return { ...(recommended ? { recommended } : {}), entries: fits };
}

function fitEntry(
  entry: CatalogEntry,
  machine: MachineResources,
  load: { contextSize: number; promptCache: boolean },
  downloaded = false,
): EntryFit {
  const request = {
    decoder: { ...entry.decoder.shape, weightsBytes: expectedBytes(entry.decoder) },
    projector: { ...entry.projector.shape, weightsBytes: expectedBytes(entry.projector) },
    ...load,
  };
  const memory = {
    freeRamBytes: machine.freeRamBytes,
    totalRamBytes: machine.totalRamBytes,
    ...(machine.vramFreeBytes === undefined ? {} : { vramFreeBytes: machine.vramFreeBytes }),
  };
  const onCpu = estimateFit(request, memory);
  let chosen: { estimate: FitEstimate; runsOn: 'gpu' | 'cpu' } = { estimate: onCpu, runsOn: 'cpu' };
  if (machine.backend !== 'cpu' && machine.backend !== 'metal' && machine.vramFreeBytes !== undefined) {
    const onGpu = estimateFit({ ...request, gpuLayers: entry.decoder.shape.blockCount + 1 }, memory);
    if (onGpu.fitsInVram && onGpu.fitsInRam) chosen = { estimate: onGpu, runsOn: 'gpu' };
  }
  const downloadBytes = expectedBytes(entry.decoder) + expectedBytes(entry.projector);
  const reason = !chosen.estimate.fitsInRam
    ? memoryReason(chosen.estimate, machine)
    : !downloaded && machine.diskFreeBytes !== undefined && downloadBytes > machine.diskFreeBytes
      ? `needs ${formatBytes(downloadBytes)} of disk space to download; ${formatBytes(machine.diskFreeBytes)} is free`
      : undefined;
  return { entry, fits: reason === undefined, runsOn: chosen.runsOn, estimate: chosen.estimate, ...(reason ? { reason } : {}) };
}

function memoryReason(estimate: FitEstimate, machine: MachineResources): string {
  if (estimate.ramBytes > machine.totalRamBytes) {
    return `needs about ${formatBytes(estimate.ramBytes)} of memory; this computer has ${formatBytes(machine.totalRamBytes)} in all`;
  }
  return `needs about ${formatBytes(estimate.ramBytes)} of memory; this computer has ${formatBytes(machine.freeRamBytes)} free`;
}
