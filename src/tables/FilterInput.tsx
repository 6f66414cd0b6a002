/**
 * The filter box of a table: a search input that reports its value after a short pause (so a
 * million-row filter does not run on every keystroke) and on Enter, plus an optional column
 * picker ("any column" or one column).
 */
import { t } from '../i18n/t';
import { useEffect, useState } from 'react';
import type { ColumnDef } from './column';

const DEBOUNCE_MS = 180;

export interface FilterInputProps {
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  /** Columns the filter can be limited to; omit to hide the picker. */
  columns?: readonly ColumnDef[];
  column?: string;
  onColumnChange?: (id: string) => void;
}

export function FilterInput(props: FilterInputProps) {
  const { value, onChange } = props;
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => onChange(text), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, value, onChange]);
  return (
    <div className="tt-filter">
      <input
        className="tt-input"
        type="search"
        placeholder={props.placeholder ?? t('tables:filter')}
        aria-label={t('tables:filter_rows')}
        data-testid="table-filter"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange(text);
          if (e.key === 'Escape' && text) {
            setText('');
            onChange('');
          }
        }}
      />
      {props.columns && props.onColumnChange && (
        <select
          className="tt-select"
          aria-label={t('tables:filter_column')}
          value={props.column ?? ''}
          onChange={(e) => props.onColumnChange?.(e.currentTarget.value)}
        >
          <option value="">{t('tables:in_any_column')}</option>
          {props.columns.map((c) => (
            <option key={c.id} value={c.id}>
              {t('tables:in_column', { column: c.label })}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
