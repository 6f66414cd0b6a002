/** A colour legend: swatch + label per series (optionally toggling series on click). */
export interface LegendItem {
  key: string;
  label: string;
  color: string;
  /** Dashed line swatch instead of a filled box. */
  dashed?: boolean;
  off?: boolean;
}

export interface LegendProps {
  items: readonly LegendItem[];
  onToggle?: (key: string) => void;
}

export function Legend({ items, onToggle }: LegendProps) {
  return (
    <ul className="ui-legend">
      {items.map((it) => (
        <li key={it.key} className={it.off ? 'off' : undefined}>
          {onToggle ? (
            <button type="button" aria-pressed={!it.off} onClick={() => onToggle(it.key)}>
              <Swatch item={it} />
              {it.label}
            </button>
          ) : (
            <>
              <Swatch item={it} />
              {it.label}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function Swatch({ item }: { item: LegendItem }) {
  return (
    <span
      className={item.dashed ? 'ui-swatch dashed' : 'ui-swatch'}
      style={item.dashed ? { borderColor: item.color } : { background: item.color }}
      aria-hidden
    />
  );
}
