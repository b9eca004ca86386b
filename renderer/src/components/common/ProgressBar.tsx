interface Props {
  /** 0..1, or null while the end is unknown. */
  fraction: number | null;
  label: string;
}

/** A labelled progress bar; indeterminate (animated) without a fraction. */
export function ProgressBar({ fraction, label }: Props) {
  const percent = fraction === null ? undefined : Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div
      className={`progress-bar${percent === undefined ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress-fill" style={percent === undefined ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
