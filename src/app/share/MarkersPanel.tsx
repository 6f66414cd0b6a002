/**
 * The marker list: jump to a marker, rename it, recolour it, write its note (plain text), delete
 * it; export the notes as `<name>.atv-notes.json` and import a sidecar.
 */
import { t } from '../../i18n/t';
import { formatDuration } from '../../lib/format';
import { MARKER_COLORS, type Marker } from '../../store/notes-slice';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import { useShare } from './share-context';
import { resolveSliceRef } from './slice-ref';

function fmtAt(m: Marker): string {
  const at = formatDuration(m.start);
  return m.end !== undefined ? `${at} + ${formatDuration(m.end - m.start)}` : at;
}

export function MarkersPanel() {
  const share = useShare();
  const store = useAppStoreApi();
  const markers = useAppStore((s) => s.markers);
  const update = useAppStore((s) => s.updateMarker);
  const remove = useAppStore((s) => s.removeMarker);
  const setOpen = useAppStore((s) => s.setMarkersOpen);

  const jump = (m: Marker) => {
    const st = store.getState();
    const w = st.visibleWindow;
    if (m.end !== undefined) {
      const pad = Math.max((m.end - m.start) * 0.1, 10);
      st.setVisibleWindow({ start: m.start - pad, end: m.end + pad });
    } else {
      const half = (w.end - w.start) / 2;
      st.setVisibleWindow({ start: m.start - half, end: m.start + half });
    }
    if (m.slice) {
      const t = st.profiles[m.slice.profile]?.trace;
      const found = t ? resolveSliceRef(t, m.slice) : null;
      if (found) st.selectSlice({ profileId: m.slice.profile, ...found });
    }
    st.setTab('timeline');
  };

  const exportNotes = () => {
    const doc = share.notesDoc();
    const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${(doc.profile.name || 'profile').replace(/[^\w.-]+/g, '_')}.atv-notes.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  return (
    <aside className="markers-panel" data-testid="markers-panel" aria-label={t('app:markers')}>
      <div className="markers-head">
        <strong>{t('app:markers_and_notes')}</strong>
        <span className="muted">
          <kbd>{t('app:m')}</kbd> {t('app:on_the_timeline_marks_the_cursor')}
        </span>
        <button className="button subtle" data-testid="notes-export" onClick={exportNotes}>
          {t('app:export')}
        </button>
        <label className="button subtle">
          {t('app:import')}
          <input
            type="file"
            hidden
            data-testid="notes-import"
            accept=".json"
            onChange={(e) => {
              const files = Array.from(e.currentTarget.files ?? [], (file) => ({
                path: file.name,
                file,
              }));
              e.currentTarget.value = '';
              void share.importSidecars(files);
            }}
          />
        </label>
        <button
          className="button subtle"
          aria-label={t('app:close_markers')}
          onClick={() => setOpen(false)}
        >
          ×
        </button>
      </div>
      {markers.length === 0 && <p className="muted">{t('app:no_markers_yet')}</p>}
      <ul className="markers-list">
        {markers.map((m) => (
          <li key={m.id} data-testid="marker-item" data-marker-id={m.id}>
            <div className="marker-row">
              <select
                aria-label={t('app:colour')}
                className="marker-color"
                value={m.color}
                style={{ background: m.color }}
                onChange={(e) => update(m.id, { color: e.currentTarget.value })}
              >
                {(MARKER_COLORS.includes(m.color)
                  ? MARKER_COLORS
                  : [m.color, ...MARKER_COLORS]
                ).map((c) => (
                  <option key={c} value={c} style={{ background: c }}>
                    {c}
                  </option>
                ))}
              </select>
              <input
                className="marker-name"
                aria-label={t('app:marker_name')}
                data-testid="marker-name"
                value={m.name}
                onChange={(e) => update(m.id, { name: e.currentTarget.value.slice(0, 200) })}
              />
              <button
                className="button subtle"
                data-testid="marker-jump"
                title={t('app:show_on_the_timeline')}
                onClick={() => jump(m)}
              >
                {fmtAt(m)}
              </button>
              <button
                className="button subtle"
                aria-label={t('app:delete_marker')}
                data-testid="marker-delete"
                onClick={() => remove(m.id)}
              >
                {t('app:delete')}
              </button>
            </div>
            <textarea
              className="marker-note"
              aria-label={t('app:note')}
              data-testid="marker-note"
              placeholder={m.slice ? t('app:note_on_this_slice') : t('app:note')}
              value={m.note}
              rows={m.note ? 2 : 1}
              onChange={(e) => update(m.id, { note: e.currentTarget.value.slice(0, 10_000) })}
            />
          </li>
        ))}
      </ul>
    </aside>
  );
}
