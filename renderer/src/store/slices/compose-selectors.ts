import type { StudioStore } from '../studio-store';

/**
 * Why a compose now would get no figures, or null when it has pictures to choose from (or the
 * library's size is not known yet): no reference pictures, and the library is off or empty.
 */
export function composeHasNoPictures(state: StudioStore): 'library-empty' | 'library-off' | null {
  if (state.references.length > 0 || state.addingReferences > 0) return null;
  if (!state.useLibrary) return 'library-off';
  return state.library && state.library.pictures === 0 ? 'library-empty' : null;
}
