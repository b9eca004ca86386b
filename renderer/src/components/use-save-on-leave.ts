import { useEffect } from 'react';
import { useStudio } from '../store/studio-store';

/** Autosaves when the window loses focus or closes, so a reload or a crash loses nothing typed. */
export function useSaveOnLeave(): void {
  useEffect(() => {
    const save = () => {
      const state = useStudio.getState();
      if (state.documentVersion !== state.savedVersion) void state.saveDocument('autosave');
    };
    window.addEventListener('blur', save);
    window.addEventListener('beforeunload', save);
    return () => {
      window.removeEventListener('blur', save);
      window.removeEventListener('beforeunload', save);
    };
  }, []);
}
