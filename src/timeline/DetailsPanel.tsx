/**
 * The bottom panel: details of the selected slice, or the aggregate of the selected time range.
 * Everything is rendered as text.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useSession } from '../session/session-context';
import type { OrderedJson } from '../lib/json-bytes';
import { formatCount, formatDuration, formatNsExact } from '../lib/format';
import { childrenOf } from '../model/slice-queries';
import { SliceFlag, type TraceModel } from '../model/trace-model';
import type { SelectedSlice } from '../store/selection-slice';
import type { DetailsTab } from '../store/timeline-slice';
import { useAppStore } from '../store/use-app-store';
import { KernelEnrichmentSection } from '../views/kernels/KernelEnrichment';
import { ArgsView } from './ArgsView';
import { flowsFrom, flowsOfSubtree, flowsTo } from './flow-index';
import { RangeDetails } from './RangeDetails';
import { absoluteNs, absoluteSecondsText } from './time-scale';
import type { SliceAddress } from './timeline-groups';
import type { TimelineView } from './timeline-view';
import { processLabel } from '../model/labels';

const MAX_CHILDREN = 200;

export function DetailsPanel({ view }: { view: TimelineView | null }) {
  const tab = useAppStore((s) => s.panelTab);
  const setTab = useAppStore((s) => s.setPanelTab);
  const selected = useAppStore((s) => s.selected);
  const range = useAppStore((s) => s.range);
  return (
    <div className="tl-details" data-testid="details-panel">
      <div className="tl-details-tabs" role="tablist">
        <TabButton tab="slice" current={tab} onSelect={setTab}>
          Current selection
        </TabButton>
        <TabButton tab="range" current={tab} onSelect={setTab}>
          Range{range ? ` · ${formatDuration(range.end - range.start)}` : ''}
        </TabButton>
      </div>
      <div className="tl-details-body">
        {tab === 'slice' ? (
          <SliceDetails view={view} selected={selected} />
        ) : (
          <RangeDetails view={view} />
        )}
      </div>
    </div>
  );
}

function TabButton({
  tab,
  current,
  onSelect,
  children,
}: {
  tab: DetailsTab;
  current: DetailsTab;
  onSelect: (tab: DetailsTab) => void;
  children: ReactNode;
}) {
  return (
    <button
      role="tab"
      aria-selected={current === tab}
      className={current === tab ? 'tab active' : 'tab'}
      data-testid={`details-tab-${tab}`}
      onClick={() => onSelect(tab)}
    >
      {children}
    </button>
  );
}

function SliceLink({
  view,
  a,
  testId,
  children,
}: {
  view: TimelineView;
  a: SliceAddress;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <button className="tl-link" data-testid={testId} onClick={() => view.select(a, true)}>
      {children}
    </button>
  );
}

function trackLabel(t: TraceModel, track: number): string {
  const st = t.sliceTracks[track];
  if (!st) return '';
  const p = t.processes[st.process];
  return `${p ? processLabel(p) : 'Process ?'} › ${st.name}`;
}

interface FlowListProps {
  view: TimelineView;
  t: TraceModel;
  group: number;
  rows: number[];
  dir: 'out' | 'in';
}

/** A titled list of flows (nothing when there are none); links are `flow-out-k` / `flow-in-k`. */
function FlowSection({ title, ...list }: FlowListProps & { title: string }) {
  if (list.rows.length === 0) return null;
  return (
    <>
      <div className="tl-sub">{title}</div>
      <FlowList {...list} />
    </>
  );
}

function FlowList({ view, t, group, rows, dir }: FlowListProps) {
  const f = t.flows;
  const testId = `flow-${dir}`;
  return (
    <ul className="tl-flow-list">
      {rows.map((r, k) => {
        const track = dir === 'out' ? f.toTrack[r]! : f.fromTrack[r]!;
        const index = dir === 'out' ? f.toSlice[r]! : f.fromSlice[r]!;
        const table = t.sliceTracks[track]!.slices;
        const name = t.strings[table.name[index]!] ?? '';
        return (
          <li key={r}>
            <span className="tl-flow-cat">{t.strings[f.cat[r]!] || '(flow)'}</span>{' '}
            {dir === 'out' ? '→' : '←'}{' '}
            <SliceLink view={view} a={{ group, track, index }} testId={`${testId}-${k}`}>
              {name}
            </SliceLink>{' '}
            <span className="muted">
              {trackLabel(t, track)} · {formatDuration(table.start[index]!)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function SliceDetails({
  view,
  selected,
}: {
  view: TimelineView | null;
  selected: SelectedSlice | null;
}) {
  const controller = useSession();
  const [args, setArgs] = useState<{ key: string; value: OrderedJson | null; loading: boolean }>({
    key: '',
    value: null,
    loading: false,
  });
  const group =
    view && selected ? view.groups.findIndex((g) => g.profileId === selected.profileId) : -1;
  const g = view && group >= 0 ? view.groups[group]! : null;
  const table = g && selected ? (g.trace.sliceTracks[selected.track]?.slices ?? null) : null;
  const valid = !!(table && selected && selected.index >= 0 && selected.index < table.length);
  const argsIndex = valid ? table.args[selected.index]! : -1;
  const key = selected ? `${selected.profileId}:${selected.track}:${selected.index}` : '';

  useEffect(() => {
    if (!selected || argsIndex < 0) return;
    let live = true;
    setArgs({ key, value: null, loading: true });
    controller.readArgs(selected.profileId, argsIndex).then(
      (value) => {
        if (live) setArgs({ key, value, loading: false });
      },
      () => {
        if (live) setArgs({ key, value: null, loading: false });
      },
    );
    return () => {
      live = false;
    };
  }, [controller, selected, argsIndex, key]);

  if (!view || !selected || !g || !table || !valid) {
    return (
      <p className="muted tl-empty">
        Click a slice to see its details. Shift + drag (or drag in the ruler) to aggregate a time
        range. Press <kbd>?</kbd> for keys.
      </p>
    );
  }
  const t = g.trace;
  const i = selected.index;
  const a: SliceAddress = { group, track: selected.track, index: i };
  const st = t.sliceTracks[selected.track]!;
  const proc = t.processes[st.process];
  const thread = st.thread >= 0 ? t.threads[st.thread] : undefined;
  const start = table.start[i]!;
  const dur = table.dur[i]!;
  const flags = table.flags[i]!;
  const name = t.strings[table.name[i]!] ?? '';
  const cat = t.strings[table.cat[i]!] ?? '';
  const abs = absoluteNs(t.baseNs, start);
  const absEnd = absoluteNs(t.baseNs, start + dur);
  const parent = table.parent[i]!;
  const children = childrenOf(table, i);
  const out = flowsFrom(t, selected.track, i);
  const inn = flowsTo(t, selected.track, i);
  const subOut = out.length === 0 ? flowsOfSubtree(t, selected.track, i, 'out') : null;
  const subIn = inn.length === 0 ? flowsOfSubtree(t, selected.track, i, 'in') : null;
  const flowProps = { view, t, group };
  const flagText = [
    flags & SliceFlag.Unfinished ? 'did not end (drawn to the trace end)' : '',
    flags & SliceFlag.Overflow ? 'overlaps a sibling (overflow lane)' : '',
    flags & SliceFlag.Async ? 'async' : '',
    flags & SliceFlag.FromBE ? 'from B/E events' : '',
  ].filter(Boolean);

  return (
    <div className="tl-slice-details" data-testid="slice-details">
      <h3 className="tl-slice-name" data-testid="details-name">
        {name || '(unnamed)'}
      </h3>
      <div className="tl-slice-cols">
        <dl className="facts tl-facts">
          <dt>Category</dt>
          <dd data-testid="details-cat">{cat || '–'}</dd>
          <dt>Process</dt>
          <dd>
            {proc?.name ?? 'Process'} <span className="muted">pid {proc?.pid}</span>
            {proc && proc.labels.length > 0 && (
              <span className="tl-chip">{proc.labels.join(', ')}</span>
            )}
          </dd>
          <dt>{st.kind === 'async' ? 'Track' : 'Thread'}</dt>
          <dd>
            {st.name}
            {thread && <span className="muted"> tid {thread.tid}</span>}
            {st.kind === 'overflow' && <span className="muted"> (overlapping slices lane)</span>}
          </dd>
          <dt>Start</dt>
          <dd data-testid="details-start">
            {formatDuration(start)}{' '}
            <span className="muted">({formatNsExact(start)} since trace start)</span>
          </dd>
          <dt>Absolute start</dt>
          <dd data-testid="details-abs-start" className="tl-mono">
            {abs} ns <span className="muted">{absoluteSecondsText(abs)}</span>
          </dd>
          <dt>Duration</dt>
          <dd data-testid="details-dur">
            {formatDuration(dur)} <span className="muted">({formatNsExact(dur)})</span>
          </dd>
          <dt>End</dt>
          <dd className="tl-mono">
            {formatNsExact(start + dur)} <span className="muted">abs {absEnd} ns</span>
          </dd>
          <dt>Depth</dt>
          <dd>{table.depth[i]}</dd>
          {flagText.length > 0 && (
            <>
              <dt>Notes</dt>
              <dd>{flagText.join('; ')}</dd>
            </>
          )}
          <dt>Parent</dt>
          <dd>
            {parent >= 0 ? (
              <SliceLink view={view} a={{ ...a, index: parent }} testId="details-parent">
                {t.strings[table.name[parent]!]}
              </SliceLink>
            ) : (
              '–'
            )}
          </dd>
          <dt>Children</dt>
          <dd>
            {children.length === 0 ? (
              '–'
            ) : (
              <ul className="tl-children">
                {children.slice(0, MAX_CHILDREN).map((c) => (
                  <li key={c}>
                    <SliceLink view={view} a={{ ...a, index: c }}>
                      {t.strings[table.name[c]!]}
                    </SliceLink>{' '}
                    <span className="muted">{formatDuration(table.dur[c]!)}</span>
                  </li>
                ))}
                {children.length > MAX_CHILDREN && (
                  <li className="muted">…and {formatCount(children.length - MAX_CHILDREN)} more</li>
                )}
              </ul>
            )}
          </dd>
        </dl>
        <div className="tl-slice-side">
          <h4>Flows</h4>
          {out.length === 0 &&
            inn.length === 0 &&
            !subOut?.flows.length &&
            !subIn?.flows.length && <p className="muted">No flows.</p>}
          <FlowSection title="Outgoing ( ] )" rows={out} dir="out" {...flowProps} />
          <FlowSection title="Incoming ( [ )" rows={inn} dir="in" {...flowProps} />
          <FlowSection
            title="Outgoing from descendants ( ] )"
            rows={subOut?.flows ?? []}
            dir="out"
            {...flowProps}
          />
          <FlowSection
            title="Incoming to descendants ( [ )"
            rows={subIn?.flows ?? []}
            dir="in"
            {...flowProps}
          />
          <h4>Args</h4>
          <div data-testid="details-args" className="tl-args-box">
            {argsIndex < 0 ? (
              <span className="muted">No args.</span>
            ) : args.key !== key || args.loading ? (
              <span className="muted">Loading…</span>
            ) : args.value === null ? (
              <span className="muted">Args could not be read.</span>
            ) : (
              <ArgsView value={args.value} />
            )}
          </div>
          <KernelEnrichmentSection
            profileId={selected.profileId}
            track={selected.track}
            index={i}
          />
        </div>
      </div>
    </div>
  );
}
