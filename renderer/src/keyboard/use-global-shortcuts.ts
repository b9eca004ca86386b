import { useEffect } from 'react';
import { useStudio } from '../store/studio-store';
import { matchesShortcut } from './shortcuts';

function focusSoon(elementId: string): void {
  requestAnimationFrame(() => document.getElementById(elementId)?.focus());
}

/** Save, focus Ask / library search, model setup, hide or show the tools, Escape to stop the running job. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const studio = useStudio.getState();
      if (matchesShortcut(event, 'save')) {
        event.preventDefault();
        void studio.saveDocument('save');
      } else if (matchesShortcut(event, 'focusAsk')) {
        event.preventDefault();
        studio.showPanel('ask');
        focusSoon('ask-question');
      } else if (matchesShortcut(event, 'focusLibrarySearch')) {
        event.preventDefault();
        studio.showPanel('library');
        focusSoon('library-search');
      } else if (matchesShortcut(event, 'modelSetup')) {
        event.preventDefault();
        studio.openSetup();
      } else if (matchesShortcut(event, 'toggleTools') && !studio.setupOpen && !studio.projectDialogOpen) {
        event.preventDefault();
        studio.toggleTools();
      } else if (
        matchesShortcut(event, 'cancelJob') &&
        !studio.setupOpen &&
        !studio.projectDialogOpen &&
        Object.keys(studio.jobs).length > 0
      ) {
        event.preventDefault();
        void studio.cancelLatestJob();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
