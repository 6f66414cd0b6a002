/**
 * Compare: a baseline and a target among the open profiles (ranks or runs of what was opened),
 * swap; Summary, Kernels diff, Operators diff (sortable, filterable, CSV export), Steps diff
 * (stacked bars side by side by step index) and Communication diff. Every figure is the compare
 * model's (src/model/compare), read from each side's analysis. A diff row click selects the
 * first slice of that name on the chosen side's timeline.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { analyzeProfile } from '../../model/analysis/analyze';
import { windowAround } from '../../model/views/abs-time';
import { compareProfiles, type DiffRow } from '../../model/compare/compare';
import type { CompareKey } from '../../model/compare/side';
import type { ProfileModel } from '../../model/profile';
import { useSession } from '../../session/session-context';
import { describePicked, filesFromInput } from '../../session/read-dropped-items';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import { showSlice } from '../common/navigate';
import { TableToolbar } from '../common/TableToolbar';
import { useTableView } from '../common/use-table-view';
import { ViewTable } from '../common/ViewTable';
import { CommDiff, StepsDiff, SummaryTable } from './CompareSections';
import { diffColumns } from './diff-columns';
import '../views.css';
import './compare.css';

type Side = 'baseline' | 'target';

/** Sides chosen by "Compare with…" before the view remounts on the reopened inputs. */
let pendingSides: { baseline: string | null; target: string } | null = null;

/** "Compare with…": opens a folder or files beside what is open and makes them the target. */
function CompareWith({ baseline }: { baseline: string | null }) {
  const controller = useSession();
  const store = useAppStoreApi();
  const pick = async (list: FileList | null) => {
    const files = filesFromInput(list);
    if (files.length === 0) return;
    const ids = await controller.openAlongside(files, describePicked(files));
    if (ids.length === 0) return;
    pendingSides = { baseline, target: ids[0]! };
    store.getState().setTab('compare');
  };
  return (
    <span
      className="compare-with"
      title="Open another folder or file as the target (both stay open)"
    >
      Compare with{' '}
      <label className="tt-button">
        folder…
        <input
          type="file"
          hidden
          data-testid="compare-with-folder"
          webkitdirectory=""
          multiple
          onChange={(e) => void pick(e.currentTarget.files)}
        />
      </label>{' '}
      <label className="tt-button">
        files…
        <input
          type="file"
          hidden
          multiple
          data-testid="compare-with-files"
          onChange={(e) => void pick(e.currentTarget.files)}
        />
      </label>
    </span>
  );
}

/** The first device slice named `name` in the profile's trace (null when none). */
function firstSliceNamed(p: ProfileModel, name: string) {
  const trace = p.trace;
  const dev = trace ? analyzeProfile(p).trace?.device : null;
  if (!trace || !dev) return null;
  for (let e = 0; e < dev.length; e++) {
    const s = trace.sliceTracks[dev.track[e]!]!.slices;
    if (trace.strings[s.name[dev.index[e]!]!] === name)
      return { trace, ref: { track: dev.track[e]!, index: dev.index[e]! } };
  }
  return null;
}

export function CompareView() {
  const discovered = useAppStore((s) => s.discovered);
  const profiles = useAppStore((s) => s.profiles);
  const active = useAppStore((s) => s.activeProfileId);
  const controller = useSession();
  const defaults = () => {
    const next = pendingSides;
    if (next && discovered.some((d) => d.id === next.target)) {
      pendingSides = null;
      return next;
    }
    const first = active ?? discovered[0]?.id ?? null;
    return { baseline: first, target: discovered.find((d) => d.id !== first)?.id ?? null };
  };
  const [ids, setIds] = useState<{ baseline: string | null; target: string | null }>(defaults);
  // Something else was opened meanwhile: start again from its profiles.
  const known = (id: string | null) => id === null || discovered.some((d) => d.id === id);
  if (!known(ids.baseline) || !known(ids.target)) setIds(defaults());
  const requested = useRef(new Set<string>());
  const [by, setBy] = useState<CompareKey>('name');
  const [threshold, setThreshold] = useState(5);
  const [showOn, setShowOn] = useState<Side>('baseline');
  // Import a chosen side that is not loaded yet (another rank / run of what was opened).
  useEffect(() => {
    for (const id of [ids.baseline, ids.target]) {
      if (id === null || profiles[id] || requested.current.has(id)) continue;
      requested.current.add(id);
      void controller.importProfile(id, false).finally(() => requested.current.delete(id));
    }
  }, [ids, profiles, controller]);
  const base = ids.baseline !== null ? profiles[ids.baseline] : undefined;
  const target = ids.target !== null ? profiles[ids.target] : undefined;
  const result = useMemo(
    () => (base && target ? compareProfiles(base, target, { by, thresholdPct: threshold }) : null),
    [base, target, by, threshold],
  );
  const picker = (side: Side) => (
    <label className="compare-side">
      {side === 'baseline' ? 'Baseline' : 'Target'}{' '}
      <select
        data-testid={`compare-${side}`}
        value={ids[side] ?? ''}
        onChange={(e) => setIds({ ...ids, [side]: e.currentTarget.value || null })}
      >
        <option value="">—</option>
        {discovered.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="view scroll" data-testid="compare-view">
      <header className="view-header">
        <h1>Compare</h1>
        <span className="source-note">
          Δ = target − baseline; Δ % = Δ ÷ baseline. Figures from each side’s analysis (the same as
          its Kernels, Operators, Steps and Communication views).
        </span>
      </header>
      <div className="view-toolbar compare-controls">
        {picker('baseline')}
        <button
          type="button"
          className="tt-button"
          data-testid="compare-swap"
          onClick={() => setIds({ baseline: ids.target, target: ids.baseline })}
        >
          ⇄ Swap
        </button>
        {picker('target')}
        <label>
          Rows per{' '}
          <select value={by} onChange={(e) => setBy(e.currentTarget.value as CompareKey)}>
            <option value="name">name</option>
            <option value="shapes">name + input shapes</option>
          </select>
        </label>
        <label title="|Δ total| within this % of the baseline total counts as same">
          Same within{' '}
          <input
            type="number"
            min={0}
            step={1}
            value={threshold}
            data-testid="compare-threshold"
            style={{ width: '4em' }}
            onChange={(e) => setThreshold(Math.max(0, Number(e.currentTarget.value) || 0))}
          />{' '}
          %
        </label>
        {base && target && base.descriptor.rank !== null && target.descriptor.rank !== null && (
          <button
            type="button"
            className="tt-button"
            data-testid="compare-open-both"
            title="Open both ranks on the timeline, aligned on one axis (as the Cluster view does)"
            onClick={() =>
              void controller.openRanks([base.descriptor.id, target.descriptor.id], {
                focus: base.descriptor.id,
                collective: null,
              })
            }
          >
            Both on the timeline
          </button>
        )}
        <CompareWith baseline={ids.baseline} />
        <label title="Which timeline a row click selects the kernel on">
          Row click shows on{' '}
          <select value={showOn} onChange={(e) => setShowOn(e.currentTarget.value as Side)}>
            <option value="baseline">baseline</option>
            <option value="target">target</option>
          </select>
        </label>
      </div>
      {discovered.length < 2 ? (
        <p className="muted" data-testid="compare-empty">
          Open a folder with several ranks or runs (or several trace files together) to compare two
          of them.
        </p>
      ) : !result || !base || !target ? (
        <p className="muted">
          Choose a baseline and a target{ids.baseline && ids.target ? ' (loading…)' : ''}.
        </p>
      ) : (
        <>
          <SummaryTable rows={result.summary} />
          <DiffTable
            id="compare-kernels"
            title="Kernels diff"
            noun="kernels"
            rows={result.kernels}
            withShapes={by === 'shapes'}
            locate={(r) => {
              const [first, second] = showOn === 'baseline' ? [base, target] : [target, base];
              for (const p of [first, second]) {
                const hit = firstSliceNamed(p, r.name);
                if (hit) return { profile: p, ...hit };
              }
              return null;
            }}
          />
          <DiffTable
            id="compare-operators"
            title="Operators diff"
            noun="operators"
            rows={result.operators}
            withShapes={by === 'shapes'}
          />
          <StepsDiff result={result} />
          <CommDiff rows={result.communication} />
        </>
      )}
    </div>
  );
}

function DiffTable({
  id,
  title,
  noun,
  rows,
  withShapes,
  locate,
}: {
  id: string;
  title: string;
  noun: string;
  rows: DiffRow[];
  withShapes: boolean;
  locate?: (
    r: DiffRow,
  ) => (NonNullable<ReturnType<typeof firstSliceNamed>> & { profile: ProfileModel }) | null;
}) {
  const store = useAppStoreApi();
  const columns = useMemo(() => diffColumns(rows, withShapes), [rows, withShapes]);
  const view = useTableView({ id, data: rows, columns, rowCount: rows.length });
  const activate = (i: number) => {
    const r = rows[i];
    const hit = r && locate ? locate(r) : null;
    if (!hit) return;
    const id = hit.profile.descriptor.id;
    const st = store.getState();
    st.setActiveProfile(id);
    // Both sides open on one axis (ranks opened together): frame the slice at its rank's offset.
    const placed = st.clusterTimeline.find((t) => t.profileId === id);
    if (placed) {
      const s = hit.trace.sliceTracks[hit.ref.track]!.slices;
      st.selectSlice({ profileId: id, ...hit.ref });
      st.setVisibleWindow(
        windowAround(s.start[hit.ref.index]! + placed.axisOffsetNs, s.dur[hit.ref.index]!),
      );
      st.setTab('timeline');
    } else showSlice(store, id, hit.trace, hit.ref, true);
  };
  return (
    <section className="compare-section" data-testid={`${id}-section`}>
      <h2>{title}</h2>
      <TableToolbar
        view={view}
        noun={noun}
        exportName={id}
        filterPlaceholder="Filter name, status…"
      />
      <div className="compare-table">
        <ViewTable
          ariaLabel={title}
          testId={id}
          view={view}
          onRowActivate={locate ? activate : undefined}
          emptyText={`No ${noun} match the filter.`}
        />
      </div>
    </section>
  );
}
