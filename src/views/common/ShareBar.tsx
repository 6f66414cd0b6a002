/** A share with a small bar behind it (share columns, overview lists), and a bare relative bar. */
import { formatPercent } from '../../lib/format';

export function ShareBar({ value }: { value: number }) {
  const pct = Number.isFinite(value) ? Math.max(0, Math.min(1, value)) * 100 : 0;
  return (
    <span className="share">
      <span className="share-track">
        <span className="share-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="share-text">{formatPercent(value)}</span>
    </span>
  );
}

/** A bar as long as `value` relative to `max` (the largest of a list), without text. */
export function RelativeBar({ value, max }: { value: number; max: number }) {
  return (
    <span className="share-bar">
      <span className="share-fill" style={{ width: `${max > 0 ? (value / max) * 100 : 0}%` }} />
    </span>
  );
}
