import { shortcutLabel } from '../keyboard/shortcuts';
import type { SidePanel as Panel } from '../store/slices/ui-slice';
import { useStudio } from '../store/studio-store';
import { AskPanel } from './ask/AskPanel';
import { ComposerPanel } from './composer/ComposerPanel';
import { LibraryPanel } from './library/LibraryPanel';

const TABS: Array<{ panel: Panel; label: string; title: string }> = [
  { panel: 'compose', label: 'Compose', title: 'Compose an article from an outline' },
  { panel: 'ask', label: 'Ask', title: `Ask about a picture (${shortcutLabel('focusAsk')})` },
  { panel: 'library', label: 'Library', title: `Your picture library (${shortcutLabel('focusLibrarySearch')})` },
];

/** Compose, Ask and Library, one at a time. Panels stay mounted so nothing typed is lost on switching. */
export function SidePanel() {
  const panel = useStudio((state) => state.panel);
  const showPanel = useStudio((state) => state.showPanel);
  // Hidden, not unmounted: what was typed in the panels stays.
  const toolsOpen = useStudio((state) => state.toolsOpen);
  return (
    <aside className="side-panel" id="side-panel" aria-label="Tools" hidden={!toolsOpen}>
      <div className="tabs" role="tablist" aria-label="Tools">
        {TABS.map((tab) => (
          <button
            key={tab.panel}
            type="button"
            role="tab"
            id={`tab-${tab.panel}`}
            data-testid={`tab-${tab.panel}`}
            aria-selected={panel === tab.panel}
            aria-controls={`panel-${tab.panel}`}
            title={tab.title}
            tabIndex={panel === tab.panel ? 0 : -1}
            onClick={() => showPanel(tab.panel)}
            onKeyDown={(event) => {
              // The WAI-ARIA tabs pattern: one tab stop, arrow keys choose the tab.
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              event.preventDefault();
              const next = TABS[(TABS.findIndex((other) => other.panel === tab.panel) + step + TABS.length) % TABS.length]!;
              showPanel(next.panel);
              document.getElementById(`tab-${next.panel}`)?.focus();
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="panel-compose" aria-labelledby="tab-compose" hidden={panel !== 'compose'}>
        <ComposerPanel />
      </div>
      <div role="tabpanel" id="panel-ask" aria-labelledby="tab-ask" hidden={panel !== 'ask'}>
        <AskPanel />
      </div>
      <div role="tabpanel" id="panel-library" aria-labelledby="tab-library" hidden={panel !== 'library'}>
        <LibraryPanel />
      </div>
    </aside>
  );
}
