/**
 * The import report: what was found (profiles: rank, run, level, export type), every file's
 * status (read / skipped / failed with the reason), warnings by code with a count and an
 * example, and what the trace holds.
 */
import { t as tr } from '../../i18n/t';
import { messageOr, renderMessage } from '../../i18n/message';
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
import { processTitle, threadTitle } from '../common/track-labels';
import { TraceMetadataReport } from './TraceMetadata';
import { CrossChecks } from './CrossChecks';
import { warningText } from './warning-text';

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
          <h2>
            {tr('report:profiles_found')}
            {discovered.length})
          </h2>
          <table className="grid" data-testid="profile-list">
            <thead>
              <tr>
                <th>{tr('report:profile')}</th>
                <th>{tr('report:rank')}</th>
                <th>{tr('report:run_folder')}</th>
                <th>{tr('report:level')}</th>
                <th>{tr('report:export')}</th>
                <th>{tr('report:files')}</th>
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
                      {loaded[d.id] ? tr('report:show') : tr('report:open')}
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
          <h2>{tr('report:other_inputs')}</h2>
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
        label: tr('report:process'),
        width: 220,
        text: (i) => {
          const p = trace.processes[t[i]!.process]!;
          return processTitle(p);
        },
      },
      {
        id: 'thread',
        label: tr('report:thread'),
        width: 260,
        text: (i) => threadTitle(t[i]!),
      },
      {
        id: 'slices',
        label: tr('report:slices'),
        width: 100,
        text: (i) => formatCount(count(i)),
        value: count,
      },
      {
        id: 'overlapping',
        label: tr('report:overlapping'),
        width: 110,
        text: (i) => formatCount(over(i)?.slices.length ?? 0),
        value: (i) => over(i)?.slices.length ?? 0,
      },
      {
        id: 'depth',
        label: tr('report:max_depth'),
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
        ariaLabel={tr('report:threads_2')}
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
      <h2>{tr('report:reopen_cache')}</h2>
      <p>
        {tr('report:large_profiles_are_kept_parsed_in')}{' '}
        {usage ? (
          <>
            {tr('report:it_holds_profiles', { count: usage.entries })} ({formatBytes(usage.bytes)}).
          </>
        ) : (
          <>{tr('report:storage_is_not_available_here')}</>
        )}{' '}
        <button
          className="button subtle"
          data-testid="clear-cache"
          onClick={() => void controller.clearCache().then(refresh)}
        >
          {tr('report:clear_cache')}
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
          <span className="muted">
            {d.kind === 'ascend' ? tr('report:profiler_folder') : tr('report:trace_file')}
          </span>
        </h2>
        {profile.fromCache && (
          <p className="notice" data-testid="from-cache">
            {tr('report:loaded_from_the_reopen_cache_these')}
          </p>
        )}
        <p data-testid="input-counts">
          {counts.read} {tr('report:read')} {counts.skipped} {tr('report:skipped')} {counts.failed}{' '}
          {tr('report:failed')}
          {d.level && <> · {d.level}</>}
          {d.exportType && (
            <>
              {' '}
              {tr('report:export_2')} {d.exportType}
            </>
          )}
          {d.rank !== null && (
            <>
              {' '}
              {tr('report:rank_2')} {d.rank}
            </>
          )}
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
      <h2>{tr('report:sources')}</h2>
      {candidates.size > 1 && (
        <p>
          {tr('report:timeline_from')}{' '}
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
              <th>{tr('report:view')}</th>
              <th>{tr('report:read_from')}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map(([view, src]) => (
              <tr key={view}>
                <td>{view}</td>
                <td>
                  {src === 'db'
                    ? tr('report:sqlite_export')
                    : src === 'csv'
                      ? tr('report:csv_file')
                      : src === 'json'
                        ? tr('report:json_file')
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
          <th>{tr('report:file')}</th>
          <th>{tr('report:kind')}</th>
          <th className="num">{tr('report:size')}</th>
          <th>{tr('report:status')}</th>
          <th>{tr('report:notes')}</th>
        </tr>
      </thead>
      <tbody>
        {inputs.map((i) => (
          <tr key={i.path} data-status={i.status}>
            <td className="path">{i.path}</td>
            <td>{i.kind}</td>
            <td className="num">{formatBytes(i.bytes)}</td>
            <td className={`status ${i.status}`}>{statusLabel(i.status)}</td>
            <td>
              {i.reasonMsg ? renderMessage(i.reasonMsg) : i.reason}
              {i.warnings?.map((w) => (
                <div key={w.code} className="warning">
                  <code>{w.code}</code> {warningText(w.code)} ×{formatCount(w.count)}:{' '}
                  {messageOr(w.exampleMsg, w.example)}
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
      <h2>{tr('report:trace')}</h2>
      <dl className="facts">
        <dt>{tr('report:events')}</dt>
        <dd data-testid="trace-events">{formatCount(s.events)}</dd>
        <dt>{tr('report:by_phase')}</dt>
        <dd>{phases.map(([ph, n]) => `${ph}: ${formatCount(n)}`).join(' · ')}</dd>
        <dt>{tr('report:span')}</dt>
        <dd>
          {formatDuration(trace.endNs)} {tr('report:from')} <code>{trace.baseNs}</code>{' '}
          {tr('report:ns_timestamps_of_the_file')} <code>{s.firstTsNs ?? '–'}</code>{' '}
          {tr('report:to')} <code>{s.lastTsNs ?? '–'}</code>{' '}
          {tr('report:ns_metadata_events_included')}
        </dd>
        <dt>{tr('report:distinct_timestamps')}</dt>
        <dd>{formatCount(s.distinctTs)}</dd>
        <dt>{tr('report:processes')}</dt>
        <dd>{s.processNames.join(', ') || '–'}</dd>
        <dt>{tr('report:slices')}</dt>
        <dd>
          {formatCount(s.slices)} {tr('report:max_depth_2')} {s.maxDepth},{' '}
          {formatCount(s.overflowSlices)} {tr('report:on_overflow_lanes')}
        </dd>
        <dt>{tr('report:flows')}</dt>
        <dd>
          {formatCount(s.flows.matched)} {tr('report:matched')} {formatCount(s.flows.startOnly)}{' '}
          {tr('report:start_only')} {formatCount(s.flows.endOnly)} {tr('report:end_only')}{' '}
          {formatCount(s.flows.unbound)} {tr('report:endpoints_without_a_slice')}
        </dd>
        {trace.importTimings && (
          <>
            <dt>{tr('report:import_time')}</dt>
            <dd data-testid="import-timings">
              {tr('report:scan')} {formatCount(trace.importTimings.scanMs)} ms
              {trace.importTimings.ranges > 1
                ? ` (${trace.importTimings.ranges} ${tr('report:parallel_ranges')}`
                : ''}
              {tr('report:build')} {formatCount(trace.importTimings.finalizeMs)} ms
            </dd>
          </>
        )}
        <dt>{tr('report:counters_instants')}</dt>
        <dd>
          {formatCount(s.counters)} {tr('report:samples_in')} {trace.counters.length}{' '}
          {tr('report:tracks')} {formatCount(s.instants)} {tr('report:instants')}
        </dd>
      </dl>
      <TraceMetadataReport trace={trace} />
      <h3>
        {tr('report:threads')}
        {formatCount(trace.threads.length)})
      </h3>
      <ThreadsTable trace={trace} />
      {trace.warnings.length > 0 && (
        <>
          <h3>{tr('report:dropped_or_repaired')}</h3>
          <table className="grid" data-testid="warnings-table">
            <thead>
              <tr>
                <th>{tr('report:code')}</th>
                <th className="num">{tr('report:count')}</th>
                <th>{tr('report:example')}</th>
              </tr>
            </thead>
            <tbody>
              {trace.warnings.map((w) => (
                <tr key={w.code}>
                  <td>
                    <code>{w.code}</code>
                    <div className="muted">{warningText(w.code)}</div>
                  </td>
                  <td className="num">{formatCount(w.count)}</td>
                  <td>{messageOr(w.exampleMsg, w.example)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function statusLabel(s: string): string {
  if (s === 'read') return tr('report:status_read');
  if (s === 'skipped') return tr('report:status_skipped');
  if (s === 'failed') return tr('report:status_failed');
  return s; // i18n-ignore: a status this view does not know is shown as the data names it
}
