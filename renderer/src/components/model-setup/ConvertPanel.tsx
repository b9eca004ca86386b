import { useStudio } from '../../store/studio-store';
import { describeProgress, progressFraction } from '../../format/describe-progress';
import { PathField } from '../common/PathField';

/**
 * Convert a downloaded model: the writer's own download of InternLM-XComposer2 (the model Folio
 * is modelled on) made into files Folio runs, with its picture adapter; loaded when done.
 */
export function ConvertPanel() {
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
        InternLM-XComposer2 (internlm-xcomposer2-7b or -vl-7b), as downloaded from its model page: the folder with config.json, tokenizer.model and the weight files. Its weights are for research use; commercial use needs InternLM&apos;s form.
      </p>
      <PathField label="Checkpoint folder" value={checkpointPath} onChange={setCheckpointPath} testId="checkpoint-path" placeholder="~/Downloads/internlm-xcomposer2-vl-7b" />
      <div className="field">
        <label htmlFor="convert-type">Size</label>
        <select id="convert-type" value={type} data-testid="convert-type" onChange={(event) => setConvertType(event.target.value === 'f16' ? 'f16' : 'q8_0')}>
          <option value="q8_0">Smaller (8-bit, for 16 GB of memory)</option>
          <option value="f16">As released (16-bit, about 17 GB)</option>
        </select>
      </div>
      <div className="button-row">
        {jobId ? (
          <button type="button" data-testid="cancel-convert" disabled={job?.cancelling} onClick={() => void cancelConversion()}>
            {job?.cancelling ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button type="button" className="primary" data-testid="run-convert" disabled={!checkpointPath.trim()} onClick={() => void convertModel()}>
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
