/** A percentage with a small bar behind it (share columns, overview lists). */
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
