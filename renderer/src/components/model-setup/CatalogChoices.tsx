import type { CatalogChoice, ModelSetup } from '@contract/studio-api';
import { describeProgress, progressFraction } from '../../format/describe-progress';
import { useStudio } from '../../store/studio-store';
import { ProgressBar } from '../common/ProgressBar';

/** The recommended model first, with Download / Pause / Resume / Load; the others with why they do not fit. */
export function CatalogChoices({ setup }: { setup: ModelSetup }) {
  const recommended = setup.choices.find((choice) => choice.id === setup.recommendedId) ?? null;
  const others = setup.choices.filter((choice) => choice !== recommended);
  return (
    <section className="setup-section" aria-labelledby="catalog-title">
      <h2 id="catalog-title">Download a model</h2>
      {recommended ? (
        <Choice choice={recommended} recommended />
      ) : (
        <p className="hint">No model in the catalog fits this computer; use files you have, or the demo model.</p>
      )}
      {others.length > 0 && (
        <details className="other-choices">
          <summary>Other models ({others.length})</summary>
          {others.map((choice) => (
            <Choice key={choice.id} choice={choice} recommended={false} />
          ))}
        </details>
      )}
    </section>
  );
}

function Choice({ choice, recommended }: { choice: CatalogChoice; recommended: boolean }) {
  const download = useStudio((state) => (state.download?.catalogId === choice.id ? state.download : null));
  const anotherDownload = useStudio((state) => state.download !== null && state.download.catalogId !== choice.id);
  const loaded = useStudio((state) => state.modelStatus?.state === 'ready' && state.modelStatus.modelName === choice.name);
  const { downloadCatalogModel, pauseDownload, loadCatalogModel } = useStudio.getState();
  const progress = download?.progress ? { kind: 'download' as const, progress: download.progress } : null;
  const partial = choice.download.state === 'partial';

  return (
    <article className={`choice${recommended ? ' recommended' : ''}${choice.fits ? '' : ' does-not-fit'}`} aria-label={choice.name}>
      <div className="choice-head">
        <h3>
          {choice.name} {recommended && <span className="badge">Recommended</span>}
        </h3>
        <span className="choice-size">
          {choice.downloadSize} · {choice.quantization} · {choice.runsOn.toUpperCase()}
        </span>
      </div>
      <p>{choice.description}</p>
      {choice.unverified && <p className="warning">Not yet confirmed against the download site; sizes and checksums may change.</p>}
      {!choice.fits && choice.reason && <p className="warning">Does not fit: {choice.reason}</p>}
      {choice.notes.length > 0 && (
        <ul className="notes">
          {choice.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <p className="hint">License: {choice.license}</p>
      {download ? (
        <div className="download" aria-live="polite">
          <ProgressBar fraction={progressFraction(progress)} label={`Downloading ${choice.name}`} />
          <p>{describeProgress(progress, 'Starting the download')}</p>
          <button type="button" data-testid="pause-download" onClick={() => void pauseDownload()}>
            Pause
          </button>
        </div>
      ) : choice.download.state === 'downloaded' ? (
        <button
          type="button"
          className={recommended ? 'primary' : ''}
          data-testid="load-catalog-model"
          disabled={loaded}
          onClick={() => void loadCatalogModel(choice.id)}
        >
          {loaded ? 'Loaded' : 'Load'}
        </button>
      ) : (
        <button
          type="button"
          className={recommended ? 'primary' : ''}
          disabled={anotherDownload}
          data-testid={recommended ? 'download-model' : undefined}
          onClick={() => void downloadCatalogModel(choice.id)}
        >
          {partial
            ? `Resume download (${Math.round((choice.download.partialBytes / Math.max(1, choice.downloadBytes)) * 100)}% done)`
            : `Download ${choice.downloadSize}`}
        </button>
      )}
    </article>
  );
}
