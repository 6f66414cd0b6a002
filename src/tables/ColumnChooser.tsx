/**
 * A "Columns" menu: one checkbox per column, plus show-all and reset. The caller owns the
 * choice (visible ids); this only reports changes.
 */
import { t } from '../i18n/t';
import { useEffect, useRef, useState } from 'react';
import type { ColumnDef } from './column';

export interface ColumnChooserProps {
  columns: readonly ColumnDef[];
  isVisible: (id: string) => boolean;
  onChange: (id: string, visible: boolean) => void;
  onShowAll: () => void;
  onReset: () => void;
}

export function ColumnChooser({
  columns,
  isVisible,
  onChange,
  onShowAll,
  onReset,
}: ColumnChooserProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        ref.current?.querySelector<HTMLElement>('[data-testid="column-chooser"]')?.focus();
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  const shown = columns.filter((c) => isVisible(c.id)).length;
  const q = query.trim().toLowerCase();
  const listed = q ? columns.filter((c) => c.label.toLowerCase().includes(q)) : columns;
  return (
    <div className="tt-menu" ref={ref}>
      <button
        type="button"
        className="tt-button"
        aria-haspopup="true"
        aria-expanded={open}
        data-testid="column-chooser"
        onClick={() => setOpen((o) => !o)}
      >
        {t('tables:columns')} {shown}/{columns.length} ▾
      </button>
      {open && (
        <div className="tt-popover" role="group" aria-label={t('tables:columns_shown')}>
          {columns.length > 12 && (
            <input
              className="tt-input"
              type="search"
              placeholder={t('tables:find_a_column')}
              aria-label={t('tables:find_a_column_2')}
              value={query}
              autoFocus
              onChange={(e) => setQuery(e.currentTarget.value)}
            />
          )}
          <div className="tt-checks">
            {listed.map((c) => (
              <label key={c.id} className="tt-check">
                <input
                  type="checkbox"
                  checked={isVisible(c.id)}
                  onChange={(e) => onChange(c.id, e.currentTarget.checked)}
                />
                <span>{c.label}</span>
              </label>
            ))}
          </div>
          <div className="tt-popover-actions">
            <button type="button" className="tt-button" onClick={onShowAll}>
              {t('tables:show_all')}
            </button>
            <button type="button" className="tt-button" onClick={onReset}>
              {t('tables:default')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
