/** A labelled menu in a view toolbar: "Step [▾]", "Group [▾]". */
export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  /** The visible label (and the accessible name unless `ariaLabel` is given). */
  label: string;
  ariaLabel?: string;
  testId?: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
}

export function SelectField(p: SelectFieldProps) {
  return (
    <label className="field">
      {p.label}
      <select
        className="tt-select"
        aria-label={p.ariaLabel ?? p.label}
        data-testid={p.testId}
        value={p.value}
        onChange={(e) => p.onChange(e.currentTarget.value)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
