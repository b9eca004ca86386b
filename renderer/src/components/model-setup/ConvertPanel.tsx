import type { ConversionChoice } from '@contract/studio-api';
import { useStudio } from '../../store/studio-store';
import { describeProgress, progressFraction } from '../../format/describe-progress';
import { PathField } from '../common/PathField';

/**
 * Convert a downloaded model: the writer's own download of InternLM-XComposer2 (the model Folio
 * is modelled on) made into files Folio runs, with its picture adapter; loaded when done.
 */
export function ConvertPanel({ conversions }: { conversions: readonly ConversionChoice[] }) {
  const checkpointPath = useStudio((state) => state.checkpointPath);
  const type = useStudio((state) => state.convertType);
  const jobId = useStudio((state) => state.convertJobId);
  const job = useStudio((state) => (state.convertJobId ? state.jobs[state.convertJobId] : undefined));
  const converted = useStudio((state) => state.converted);
  const error = useStudio((state) => state.convertError);
  const { setCheckpointPath, setConvertType, convertModel, cancelConversion } = useStudio.getState();
  const fraction = job ? progressFraction(job.progress) : null;

  return (
    <section className="setup-section convert" aria-labelledby="convert-title" data-testid="convert-panel">
      <h2 id="convert-title">Convert a downloaded model</h2>
      <p className="hint">
        Folio does not download these (their licence): download the checkpoint folder from its page (config.json, tokenizer.model and the
        weight files), then convert it here.
      </p>
      <ul className="conversions">
        {conversions.map((choice) => (
          <li key={choice.id} data-testid="conversion-choice">
            <strong>{choice.name}</strong> ({choice.checkpointSize} to download): {choice.description}
            <br />
            <span className="hint">
              From {choice.pageUrl} · {choice.license}
            </span>
          </li>
        ))}
      </ul>
      <PathField
        label="Checkpoint folder"
        value={checkpointPath}
        onChange={setCheckpointPath}
        purpose="checkpoint-folder"
        testId="checkpoint-path"
        placeholder="~/Downloads/internlm-xcomposer2-vl-7b"
      />
      <div className="field">
        <label htmlFor="convert-type">Size</label>
        <select
          id="convert-type"
          value={type}
          data-testid="convert-type"
          onChange={(event) => setConvertType(event.target.value === 'f16' ? 'f16' : event.target.value === 'q4_k_m' ? 'q4_k_m' : 'q8_0')}
        >
          <option value="q8_0">Smaller (8-bit, for 16 GB of memory)</option>
          <option value="q4_k_m">Smallest (4-bit, for 8 to 16 GB; a little less exact)</option>
          <option value="f16">As released (16-bit, about 17 GB)</option>
        </select>
      </div>
      <div className="button-row">
        {jobId ? (
          <button type="button" data-testid="cancel-convert" disabled={job?.cancelling} onClick={() => void cancelConversion()}>
            {job?.cancelling ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            data-testid="run-convert"
            disabled={!checkpointPath.trim()}
            onClick={() => void convertModel()}
          >
            Convert and load
          </button>
        )}
      </div>
      <div aria-live="polite" data-testid="convert-status">
        {job && (
          <>
            <progress max={1} value={fraction ?? undefined} aria-label="Conversion progress" />
            <p>{describeProgress(job.progress, 'Checking the checkpoint')}</p>
          </>
        )}
        {error && (
          <p className="inline-error" role="alert">
            {error.message}
          </p>
        )}
        {converted?.cancelled && <p>Stopped. Nothing was written.</p>}
        {converted?.outDir && <p className="hint">Converted into {converted.outDir}</p>}
      </div>
    </section>
  );
}
