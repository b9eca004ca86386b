import { useStudio } from '../../store/studio-store';
import { PathField } from '../common/PathField';

/** "Use files I have": a decoder GGUF and, for pictures, its projector; Check, then Load. */
export function OwnModelFiles() {
  const decoderPath = useStudio((state) => state.decoderPath);
  const projectorPath = useStudio((state) => state.projectorPath);
  const check = useStudio((state) => state.filesCheck);
  const checking = useStudio((state) => state.checkingFiles);
  const loading = useStudio((state) => state.modelStatus?.state === 'loading');
  const { setDecoderPath, setProjectorPath, pickModelFile, checkModelFiles, loadModelFiles } = useStudio.getState();

  return (
    <section className="setup-section" aria-labelledby="own-files-title">
      <h2 id="own-files-title">Use files I have</h2>
      <PathField
        label="Model file (GGUF decoder)"
        value={decoderPath}
        onChange={setDecoderPath}
        onBrowse={() => void pickModelFile('decoder')}
        purpose="decoder"
        testId="decoder-path"
        placeholder="/models/internlm-xcomposer2-q4_k_m.gguf"
      />
      <PathField
        label="Vision projector (mmproj GGUF)"
        value={projectorPath}
        onChange={setProjectorPath}
        onBrowse={() => void pickModelFile('projector')}
        purpose="projector"
        testId="projector-path"
        placeholder="/models/mmproj-f16.gguf"
        hint="Optional: without it the model cannot look at pictures."
      />
      <div className="button-row">
        <button type="button" data-testid="check-model" disabled={!decoderPath.trim() || checking} onClick={() => void checkModelFiles()}>
          {checking ? 'Checking…' : 'Check'}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="load-model"
          disabled={!decoderPath.trim() || loading}
          onClick={() => void loadModelFiles()}
        >
          {loading ? 'Loading…' : 'Load'}
        </button>
      </div>
      <div aria-live="polite" data-testid="model-check">
        {check?.ok === true && (
          <dl className="check-summary">
            <dt>Model</dt>
            <dd>
              {check.summary.name} ({check.summary.architecture}, {check.summary.quantization})
            </dd>
            <dt>Files</dt>
            <dd>
              {check.summary.decoderFile} ({check.summary.decoderSize})
              {check.summary.projectorFile && `, ${check.summary.projectorFile} (${check.summary.projectorSize ?? '?'})`}
            </dd>
            <dt>Context</dt>
            <dd>{check.summary.contextLength.toLocaleString()} tokens</dd>
            <dt>Pictures</dt>
            <dd>{check.summary.seesImages ? 'Can look at pictures' : 'Text only'}</dd>
            <dt>Fit</dt>
            <dd className={check.summary.fitsThisComputer ? '' : 'warning'}>{check.summary.fitSummary}</dd>
          </dl>
        )}
        {check?.ok === false && (
          <p className="inline-error" role="alert">
            {check.error.message}
          </p>
        )}
      </div>
    </section>
  );
}
