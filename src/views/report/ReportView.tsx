/**
 * The import report: what was found (profiles: rank, run, level, export type), every file's
 * status (read / skipped / failed with the reason), warnings by code with a count and an
 * example, and what the trace holds.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { DataTable } from '../../tables/DataTable';
import type { ColumnDef } from '../../tables/column';
import { formatBytes, formatCount, formatDuration } from '../../lib/format';
import type { InputReport, ProfileModel } from '../../model/profile';
import type { TraceModel } from '../../model/trace-model';
import { useSession } from '../../session/session-context';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore } from '../../store/use-app-store';
import { tableBoxHeight } from '../common/ViewTable';
import { processLabel, threadLabel } from '../../model/labels';
import { TraceMetadataReport } from './TraceMetadata';
import { CrossChecks } from './CrossChecks';

export function ReportView() {
  const profile = useAppStore(selectActiveProfile);
  const discovered = useAppStore((s) => s.discovered);
  const loaded = useAppStore((s) => s.profiles);
  const opened = useAppStore((s) => s.openedReports);
  const controller = useSession();
  return (
    <div className="report" data-testid="import-report">
      {discovered.length > 1 && (
        <section>
          <h2>Profiles found ({discovered.length})</h2>
          <table className="grid" data-testid="profile-list">
            <thead>
              <tr>
                <th>Profile</th>
                <th>Rank</th>
                <th>Run folder</th>
                <th>Level</th>
                <th>Export</th>
                <th>Files</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {discovered.map((d) => (
                <tr key={d.id} className={d.id === profile?.descriptor.id ? 'current' : ''}>
                  <td>{d.label}</td>
                  <td>{d.rank ?? '–'}</td>
                  <td>{d.runFolder ?? '–'}</td>
                  <td>{d.level ?? '–'}</td>
                  <td>{d.exportType ?? '–'}</td>
                  <td>{d.files.length}</td>
                  <td>
                    <button
                      className="button subtle"
                      onClick={() => void controller.importProfile(d.id, true)}
                    >
                      {loaded[d.id] ? 'Show' : 'Open'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {profile && <ProfileReport profile={profile} />}
      {opened.length > 0 && (
        <section>
          <h2>Other inputs</h2>
          <InputsTable inputs={opened} />
        </section>
      )}
      <CacheSection />
    </div>
  );
}

/** Threads with their slice counts: virtualised, since hostile traces have 100,000 threads. */
function ThreadsTable({ trace }: { trace: TraceModel }) {
  const columns = useMemo((): ColumnDef[] => {
    const t = trace.threads;
    const track = (i: number) => (t[i]!.track >= 0 ? trace.sliceTracks[t[i]!.track] : undefined);
    const over = (i: number) =>
      t[i]!.overflowTrack >= 0 ? trace.sliceTracks[t[i]!.overflowTrack] : undefined;
    const count = (i: number) => (track(i)?.slices.length ?? 0) + (over(i)?.slices.length ?? 0);
    return [
      {
        id: 'process',
        label: 'Process',
        width: 220,
        text: (i) => {
          const p = trace.processes[t[i]!.process]!;
          return processLabel(p);
        },
      },
      {
        id: 'thread',
        label: 'Thread',
        width: 260,
        text: (i) => threadLabel(t[i]!),
      },
      {
        id: 'slices',
        label: 'Slices',
        width: 100,
        text: (i) => formatCount(count(i)),
        value: count,
      },
      {
        id: 'overlapping',
        label: 'Overlapping',
        width: 110,
        text: (i) => formatCount(over(i)?.slices.length ?? 0),
        value: (i) => over(i)?.slices.length ?? 0,
      },
      {
        id: 'depth',
        label: 'Max depth',
        width: 100,
        text: (i) => String(track(i)?.slices.rows ?? 0),
        value: (i) => track(i)?.slices.rows ?? 0,
      },
    ];
  }, [trace]);
  const height = tableBoxHeight(trace.threads.length, 420, 0);
  return (
    <div className="report-threads" style={{ height }}>
      <DataTable
        ariaLabel="Threads"
        testId="threads-table"
        columns={columns}
        rows={null}
        rowCount={trace.threads.length}
      />
    </div>
  );
}

/** The reopen cache: how much it holds, and a way to empty it. */
function CacheSection() {
  const controller = useSession();
  const [usage, setUsage] = useState<{ bytes: number; entries: number } | null>(null);
  const refresh = useCallback(() => {
    controller.cacheUsage().then(setUsage, () => setUsage(null));
  }, [controller]);
  useEffect(refresh, [refresh]);
  return (
    <section data-testid="cache-section">
      <h2>Reopen cache</h2>
      <p>
        Large profiles are kept parsed in this browser&apos;s private storage, so opening the same
        files again (same names, sizes and modification times) skips parsing. Nothing leaves your
        machine.{' '}
        {usage ? (
          <>
            It holds {usage.entries} profile{usage.entries === 1 ? '' : 's'} (
            {formatBytes(usage.bytes)}).
          </>
        ) : (
          <>Storage is not available here.</>
        )}{' '}
        <button
          className="button subtle"
          data-testid="clear-cache"
          onClick={() => void controller.clearCache().then(refresh)}
        >
          Clear cache
        </button>
      </p>
    </section>
  );
}

function ProfileReport({ profile }: { profile: ProfileModel }) {
  const d = profile.descriptor;
  const counts = { read: 0, skipped: 0, failed: 0 };
  for (const i of profile.inputs) counts[i.status]++;
  return (
    <>
      <section>
        <h2>
          {d.label}{' '}
          <span className="muted">{d.kind === 'ascend' ? 'profiler folder' : 'trace file'}</span>
        </h2>
        {profile.fromCache && (
          <p className="notice" data-testid="from-cache">
            Loaded from the reopen cache (these files were parsed before).
          </p>
        )}
        <p data-testid="input-counts">
          {counts.read} read · {counts.skipped} skipped · {counts.failed} failed
          {d.level && <> · {d.level}</>}
          {d.exportType && <> · export {d.exportType}</>}
          {d.rank !== null && <> · rank {d.rank}</>}
        </p>
        <InputsTable inputs={profile.inputs} />
        <CrossChecks profile={profile} />
      </section>
      <SourcesSection profile={profile} />
      {profile.trace && <TraceReport trace={profile.trace} />}
    </>
  );
}

/** Which file each view came from; switch the timeline between trace_view.json and the db. */
function SourcesSection({ profile }: { profile: ProfileModel }) {
  const controller = useSession();
  const dbState = profile.json['db'] as { traceSource?: { path: string } } | undefined;
  const candidates = new Set<string>();
  if (profile.traceSource) candidates.add(profile.traceSource);
  for (const k of Object.keys(profile.otherTraces ?? {})) candidates.add(k);
  if (dbState?.traceSource) candidates.add(dbState.traceSource.path);
  for (const i of profile.inputs)
    if (i.kind === 'trace_view.json' && i.status === 'read') candidates.add(i.path);
  const sources = Object.entries(profile.ascend.sources);
  if (candidates.size < 2 && sources.length === 0) return null;
  return (
    <section data-testid="sources-section">
      <h2>Sources</h2>
      {candidates.size > 1 && (
        <p>
          Timeline from:{' '}
          {[...candidates].map((path) => (
            <label key={path} className="source-choice">
              <input
                type="radio"
                name="trace-source"
                checked={profile.traceSource === path}
                onChange={() => void controller.switchTraceSource(profile.descriptor.id, path)}
              />{' '}
              <code>{path.slice(path.lastIndexOf('/') + 1)}</code>
            </label>
          ))}
        </p>
      )}
      {sources.length > 0 && (
        <table className="grid narrow">
          <thead>
            <tr>
              <th>View</th>
              <th>Read from</th>
            </tr>
          </thead>
          <tbody>
            {sources.map(([view, src]) => (
              <tr key={view}>
                <td>{view}</td>
                <td>
                  {src === 'db'
                    ? 'SQLite export'
                    : src === 'csv'
                      ? 'CSV file'
                      : src === 'json'
                        ? 'JSON file'
                        : src}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function InputsTable({ inputs }: { inputs: InputReport[] }) {
  return (
    <table className="grid" data-testid="inputs-table">
      <thead>
        <tr>
          <th>File</th>
          <th>Kind</th>
          <th className="num">Size</th>
          <th>Status</th>
          <th>Notes</th>
        </tr>
      </thead>
      <tbody>
        {inputs.map((i) => (
          <tr key={i.path} data-status={i.status}>
            <td className="path">{i.path}</td>
            <td>{i.kind}</td>
            <td className="num">{formatBytes(i.bytes)}</td>
            <td className={`status ${i.status}`}>{i.status}</td>
            <td>
              {i.reason}
              {i.warnings?.map((w) => (
                <div key={w.code} className="warning">
                  <code>{w.code}</code> ×{formatCount(w.count)}: {w.example}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TraceReport({ trace }: { trace: TraceModel }) {
  const s = trace.stats;
  const phases = Object.entries(s.byPhase).sort((a, b) => b[1] - a[1]);
  return (
    <section data-testid="trace-report">
      <h2>Trace</h2>
      <dl className="facts">
        <dt>Events</dt>
        <dd data-testid="trace-events">{formatCount(s.events)}</dd>
        <dt>By phase</dt>
        <dd>{phases.map(([ph, n]) => `${ph}: ${formatCount(n)}`).join(' · ')}</dd>
        <dt>Span</dt>
        <dd>
          {formatDuration(trace.endNs)} from <code>{trace.baseNs}</code> ns (timestamps of the file:{' '}
          <code>{s.firstTsNs ?? '–'}</code> to <code>{s.lastTsNs ?? '–'}</code> ns, metadata events
          included)
        </dd>
        <dt>Distinct timestamps</dt>
        <dd>{formatCount(s.distinctTs)}</dd>
        <dt>Processes</dt>
        <dd>{s.processNames.join(', ') || '–'}</dd>
        <dt>Slices</dt>
        <dd>
          {formatCount(s.slices)} (max depth {s.maxDepth}, {formatCount(s.overflowSlices)} on
          overflow lanes)
        </dd>
        <dt>Flows</dt>
        <dd>
          {formatCount(s.flows.matched)} matched · {formatCount(s.flows.startOnly)} start only ·{' '}
          {formatCount(s.flows.endOnly)} end only · {formatCount(s.flows.unbound)} endpoints without
          a slice
        </dd>
        {trace.importTimings && (
          <>
            <dt>Import time</dt>
            <dd data-testid="import-timings">
              scan {formatCount(trace.importTimings.scanMs)} ms
              {trace.importTimings.ranges > 1
                ? ` (${trace.importTimings.ranges} parallel ranges)`
                : ''}
              , build {formatCount(trace.importTimings.finalizeMs)} ms
            </dd>
          </>
        )}
        <dt>Counters / instants</dt>
        <dd>
          {formatCount(s.counters)} samples in {trace.counters.length} tracks ·{' '}
          {formatCount(s.instants)} instants
        </dd>
      </dl>
      <TraceMetadataReport trace={trace} />
      <h3>Threads ({formatCount(trace.threads.length)})</h3>
      <ThreadsTable trace={trace} />
      {trace.warnings.length > 0 && (
        <>
          <h3>Dropped or repaired</h3>
          <table className="grid" data-testid="warnings-table">
            <thead>
              <tr>
                <th>Code</th>
                <th className="num">Count</th>
                <th>Example</th>
              </tr>
            </thead>
            <tbody>
              {trace.warnings.map((w) => (
                <tr key={w.code}>
                  <td>
                    <code>{w.code}</code>
                  </td>
                  <td className="num">{formatCount(w.count)}</td>
                  <td>{w.example}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
