import { createPortal } from 'react-dom';
import { useStudio } from '../../store/studio-store';
import { useTopDialog } from './open-dialogs';

/**
 * Errors and notices: the writer-facing message, the developer detail folded away. While a modal
 * dialog is open they are shown inside it, since the page behind it is inert: a failed export can
 * be read and dismissed there, and Tab goes round the dialog and its notices only.
 */
export function Toasts() {
  const toasts = useStudio((state) => state.toasts);
  const dismissToast = useStudio((state) => state.dismissToast);
  const dialog = useTopDialog();
  const list = (
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
  return dialog ? createPortal(list, dialog) : list;
}
