import type { JobProgress } from '@contract/studio-api';
import { formatBytes, formatDuration } from './format-bytes';

const COMPOSE_STEPS: Record<string, string> = {
  place: 'choosing where figures go',
  title: 'naming it',
  retrieve: 'finding candidates',
  choose: 'choosing',
  caption: 'writing the caption',
  edit: 'editing',
};

/**
 * A job's latest progress in words: "Writing the article… 312 tokens, 14.2 a second, about 6 min
 * left", "Figure 2 of 4: choosing, about 1 min left".
 */
export function describeProgress(progress: JobProgress | null, fallback: string): string {
  if (!progress) return `${fallback}…`;
  switch (progress.kind) {
    case 'compose': {
      const left = progress.secondsLeft === null ? '' : `, about ${formatDuration(progress.secondsLeft)} left`;
      if (progress.step === 'write') {
        const pace = progress.tokensPerSecond === null ? '' : `, ${progress.tokensPerSecond.toFixed(1)} a second`;
        return `Writing the article… ${progress.tokens} tokens${pace}${left}`;
      }
      if (progress.step === 'place') return `Choosing where figures go${left || '…'}`;
      const step = COMPOSE_STEPS[progress.step] ?? progress.step;
      if (progress.slot !== null && progress.slots !== null) return `Figure ${progress.slot} of ${progress.slots}: ${step}${left}`;
      return `${step.charAt(0).toUpperCase()}${step.slice(1)}${left || '…'}`;
    }
    case 'edit':
      return `${fallback}… ${progress.tokens} tokens`;
    case 'ask':
      return 'Answering…';
    case 'index': {
      if (progress.phase === 'scanning') return `Looking for pictures: ${progress.done} files`;
      const pace = progress.perSecond ? `, ${progress.perSecond.toFixed(1)} a second` : '';
      return `Embedding ${progress.done} of ${progress.total}${pace}${progress.skipped ? ` (${progress.skipped} skipped)` : ''}`;
    }
    case 'download': {
      const { receivedBytes, totalBytes, bytesPerSecond, secondsLeft } = progress.progress;
      const left = secondsLeft === null ? '' : `, ${formatDuration(secondsLeft)} left`;
      return `${formatBytes(receivedBytes)} of ${formatBytes(totalBytes)} at ${formatBytes(bytesPerSecond)}/s${left}`;
    }
    case 'export':
      return `Exporting: ${progress.stage}`;
    case 'convert':
      return `Converting the ${CONVERT_STEPS[progress.step]}: ${Math.floor(progress.fraction * 100)}%`;
    case 'evaluate': {
      const pace = progress.perSecond === null ? '' : `, ${progress.perSecond.toFixed(1)} a second`;
      const left = progress.secondsLeft === null ? '' : `, ${formatDuration(progress.secondsLeft)} left`;
      return `Question ${progress.done} of ${progress.total}${pace}${left}`;
    }
  }
}

/** 0..1 when the progress has a known end, otherwise null (an indeterminate bar). */
export function progressFraction(progress: JobProgress | null): number | null {
  if (!progress) return null;
  switch (progress.kind) {
    case 'compose':
      return progress.slot !== null && progress.slots ? Math.min(1, (progress.slot - 0.5) / progress.slots) : null;
    case 'index':
      return progress.total > 0 ? progress.done / progress.total : null;
    case 'download':
      return progress.progress.totalBytes > 0 ? progress.progress.receivedBytes / progress.progress.totalBytes : null;
    case 'export':
      return progress.fraction;
    case 'evaluate':
      return progress.total > 0 ? progress.done / progress.total : null;
    case 'convert':
      return progress.fraction;
    default:
      return null;
  }
}

const CONVERT_STEPS = {
  decoder: 'language model',
  adapter: 'picture adapter',
  projector: 'image reader',
  quantize: 'language model to 4 bits',
} as const;
