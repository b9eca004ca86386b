import type { BackgroundCaptions } from '@contract/studio-api';
import { useStudio } from '../../store/studio-store';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** What the background captioner is doing, in words. */
function captionsText(captions: BackgroundCaptions): string {
  const left = `${plural(captions.left, 'picture')} left to caption`;
  const failed = captions.failed ? ` ${plural(captions.failed, 'picture')} could not be captioned.` : '';
  switch (captions.activity) {
    case 'done':
      return `Every picture has a caption.${failed}`;
    case 'paused':
      return `Captions paused: ${left}.${failed}`;
    case 'unavailable':
      return `${left}. ${captions.note ?? ''}${failed}`;
    case 'captioning':
      return `Captioning in the background while the model is free: ${left}.${failed}`;
    case 'waiting':
      return `Captions wait for the model to be free: ${left}.${failed}`;
  }
}

/**
 * The background captioner: how many pictures are left and what it is doing, with Pause and
 * Resume. Captions make search by words better; the writer's own work always goes first.
 */
export function LibraryCaptions() {
  const captions = useStudio((state) => state.library?.captions ?? null);
  const pictures = useStudio((state) => state.library?.pictures ?? 0);
  const { setBackgroundCaptions } = useStudio.getState();
  if (!captions || pictures === 0) return null;
  return (
    <div className="library-captions" data-testid="library-captions">
      <p className="hint" aria-live="polite" data-testid="library-captions-state">
        {captionsText(captions)}
      </p>
      {(captions.left > 0 || !captions.on) && (
        <button
          type="button"
          data-testid="library-captions-switch"
          aria-pressed={!captions.on}
          title="Captions are written while the model is free, one picture at a time; your own work always goes first"
          onClick={() => void setBackgroundCaptions(!captions.on)}
        >
          {captions.on ? 'Pause captions' : 'Resume captions'}
        </button>
      )}
    </div>
  );
}
