import { rovingKeyDown } from './roving-keys';

/** A row of toggle buttons for picking one of a few options (a metric, a mode). */
export interface SegmentedProps<T extends string> {
  options: readonly { value: T; label: string; title?: string }[];
  value: T;
  onChange: (v: T) => void;
  ariaLabel: string;
  testId?: string;
}

export function Segmented<T extends string>(props: SegmentedProps<T>) {
  return (
    <div
      className="ui-segmented"
      role="radiogroup"
      aria-label={props.ariaLabel}
      data-testid={props.testId}
      onKeyDown={(e) => rovingKeyDown(e, 'radio', true)}
    >
      {props.options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === props.value}
          tabIndex={o.value === props.value ? 0 : -1}
          title={o.title}
          className={o.value === props.value ? 'on' : undefined}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
