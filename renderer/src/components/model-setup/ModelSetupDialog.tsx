import { useEffect, useId } from 'react';
import { useStudio } from '../../store/studio-store';
import { Dialog } from '../common/Dialog';
import { focusArticle } from '../../editor/focus-article';
import { CatalogChoices } from './CatalogChoices';
import { ConvertPanel } from './ConvertPanel';
import { EvaluatePanel } from './EvaluatePanel';
import { OwnModelFiles } from './OwnModelFiles';

/** Choosing, downloading or pointing at a model; first on a fresh install, later from the toolbar. */
export function ModelSetupDialog() {
  const id = useId();
  const setup = useStudio((state) => state.modelSetup);
  const status = useStudio((state) => state.modelStatus);
  const { closeSetup, loadDemoModel, refreshModelSetup } = useStudio.getState();

  useEffect(() => {
    void refreshModelSetup();
  }, [refreshModelSetup]);

  // Closable before any model is loaded too: a writer may look around and type first, and the Model button brings it back.
  // Focus stays on the dialog itself as it opens: its first control may start a download of gigabytes.
  return (
    <Dialog
      title="Model"
      onClose={closeSetup}
      closeLabel="Close model setup"
      className="model-setup"
      testId="model-setup"
      initialFocus=".model-setup"
      focusAfter={focusArticle}
    >
      {!setup ? (
        <p role="status">Looking at this computer…</p>
      ) : (
        <div className="dialog-body">
          {setup.configuredProblem && (
            <p className="inline-error" role="alert">
              {setup.configuredProblem.message}
            </p>
          )}
          {status?.state === 'ready' && (
            <p className="loaded-model" data-testid="loaded-model">
              Loaded now: <strong>{status.modelName ?? 'a model'}</strong>
              {status.demo ? ' (the demo model: it writes nonsense)' : ''}
              {status.runsOn && (
                <span className="hint runs-on" data-testid="model-runs-on">
                  {status.runsOn}
                </span>
              )}
            </p>
          )}
          {status?.state === 'ready' && status.runsOnDetail && (
            <details className="runs-on-detail">
              <summary>Details</summary>
              <p className="hint">{status.runsOnDetail}</p>
            </details>
          )}
          <p className="machine">
            This computer: {setup.machine.totalRam} memory ({setup.machine.freeRam} free), {setup.machine.gpu ?? 'no graphics card found'},
            runs on {setup.machine.backend.toUpperCase()}
            {setup.machine.freeDisk ? `, ${setup.machine.freeDisk} free disk` : ''}.
          </p>
          <CatalogChoices setup={setup} />
          <OwnModelFiles />
          <section className="setup-section demo" aria-labelledby={`${id}-demo`}>
            <h2 id={`${id}-demo`}>Just trying the app?</h2>
            <p className="hint">The demo model is tiny and fast, and writes nonsense: it only shows how the app works.</p>
            <button type="button" data-testid="use-demo-model" disabled={!setup.demo.available} onClick={() => void loadDemoModel()}>
              {/nonsense/i.test(setup.demo.label) ? setup.demo.label : `${setup.demo.label} (writes nonsense)`}
            </button>
          </section>
          <ConvertPanel conversions={setup.conversions} />
          <EvaluatePanel />
        </div>
      )}
    </Dialog>
  );
}
