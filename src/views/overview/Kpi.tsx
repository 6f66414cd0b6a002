/** A headline figure of the Overview (optionally a link to its view), and its share bar. */
import type { ReactNode } from 'react';
import { formatPercent } from '../../lib/format';

export function Kpi(p: {
  title: string;
  value: string;
  onClick?: () => void;
  linkLabel: string;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <section className="kpi" data-testid={p.testId}>
      <div className="kpi-title">{p.title}</div>
      {p.onClick ? (
        <button type="button" className="kpi-value link" onClick={p.onClick} title={p.linkLabel}>
          {p.value}
        </button>
      ) : (
        <div className="kpi-value">{p.value}</div>
      )}
      {p.children}
    </section>
  );
}

export function Bars({ parts }: { parts: { label: string; value: number; color: string }[] }) {
  const total = parts.reduce((a, p) => a + Math.max(0, p.value), 0) || 1;
  return (
    <div
      className="kpi-bar"
      role="img"
      aria-label={parts.map((p) => `${p.label} ${formatPercent(p.value / total)}`).join(', ')}
    >
      {parts.map((p) => (
        <span
          key={p.label}
          title={`${p.label}: ${formatPercent(p.value / total)}`}
          style={{ width: `${(Math.max(0, p.value) / total) * 100}%`, background: p.color }}
        />
      ))}
    </div>
  );
}
