import { useStudio } from '../../store/studio-store';

/** Errors and notices: the writer-facing message, the developer detail folded away. */
export function Toasts() {
  const toasts = useStudio((state) => state.toasts);
  const dismissToast = useStudio((state) => state.dismissToast);
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast ${toast.kind}`} data-testid="toast" role={toast.kind === 'error' ? 'alert' : 'status'}>
          <div className="toast-body">
            <p>{toast.message}</p>
            {toast.detail && (
              <details>
                <summary>Details</summary>
                <pre>{toast.detail}</pre>
              </details>
            )}
          </div>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
