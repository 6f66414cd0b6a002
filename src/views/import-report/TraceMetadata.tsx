/**
 * The trace file's own top-level metadata (`distributedInfo`, `deviceProperties`, `otherData`,
 * Chrome's `metadata`, `stackFrames`…): in full in the import report, as one compact line in the
 * Overview (rank / world size / backend and the devices). Text only.
 */
import { t } from '../../i18n/t';
import { formatBytes } from '../../lib/format';
import type { TraceModel } from '../../model/trace-model';
import './trace-metadata.css';
import { traceFacts, type DeviceFacts, type TraceFacts } from '../../model/trace-facts';

function deviceText(d: DeviceFacts): string {
  const extra = [
    d.memoryBytes !== null ? formatBytes(d.memoryBytes) : null,
    d.compute !== null ? `compute ${d.compute}` : null,
    d.sms !== null ? `${d.sms} SMs` : null,
  ].filter((x): x is string => !!x);
  return `${d.id}: ${d.name}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

/** "rank 0 of 2 · nccl · 1 process group · NCCL 2.17.1", or null. */
function distributedText(f: TraceFacts): string | null {
  const d = f.distributed;
  if (!d) return null;
  return [
    d.rank !== null ? `rank ${d.rank}${d.worldSize !== null ? ` of ${d.worldSize}` : ''}` : null,
    d.rank === null && d.worldSize !== null ? `world size ${d.worldSize}` : null,
    d.backend,
    d.groups !== null ? t('report:n_process_groups', { count: d.groups }) : null,
    d.ncclVersion ? `NCCL ${d.ncclVersion}` : null,
  ]
    .filter((x): x is string => !!x)
    .join(' · ');
}

/** Devices as one line: identical names are counted ("8 × NVIDIA A100 (40 GiB, …)"). */
function devicesText(devices: DeviceFacts[]): string {
  const groups = new Map<string, number>();
  for (const d of devices) {
    const key = deviceText({ ...d, id: '' }).slice(2);
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].map(([k, n]) => (n > 1 ? `${n} × ${k}` : k)).join('; ');
}

/** The compact Overview block; renders nothing when the trace has no top-level metadata. */
export function TraceMetadataBlock({ trace }: { trace: TraceModel | null }) {
  if (!trace || Object.keys(trace.metadata).length === 0) return null;
  const f = traceFacts(trace.metadata);
  const dist = distributedText(f);
  const others = f.entries
    .map((e) => e.key)
    .filter((k) => k !== 'distributedInfo' && k !== 'deviceProperties');
  return (
    <dl className="facts trace-metadata-block" data-testid="trace-metadata-block">
      {dist && (
        <>
          <dt>{t('report:distributed')}</dt>
          <dd data-testid="trace-meta-distributed">{dist}</dd>
        </>
      )}
      {f.devices.length > 0 && (
        <>
          <dt>{t('report:devices')}</dt>
          <dd data-testid="trace-meta-devices">{devicesText(f.devices)}</dd>
        </>
      )}
      {others.length > 0 && (
        <>
          <dt>{t('report:trace_metadata')}</dt>
          <dd className="muted">
            {others.join(', ')} {t('report:in_the_import_report_and_the')}{' '}
            <code>{t('report:trace_metadata_2')}</code>)
          </dd>
        </>
      )}
    </dl>
  );
}

/** The import report's section: every top-level key with its value or what it holds. */
export function TraceMetadataReport({ trace }: { trace: TraceModel }) {
  const f = traceFacts(trace.metadata);
  if (f.entries.length === 0) return null;
  const dist = distributedText(f);
  return (
    <section data-testid="trace-metadata">
      <h3>
        {t('report:trace_metadata_3')}
        {f.entries.length} {t('report:top_level_keys')}
      </h3>
      {(dist || f.devices.length > 0) && (
        <dl className="facts">
          {dist && (
            <>
              <dt>{t('report:distributed')}</dt>
              <dd>{dist}</dd>
            </>
          )}
          {f.devices.length > 0 && (
            <>
              <dt>{t('report:devices')}</dt>
              <dd>
                {f.devices.map((d) => (
                  <div key={d.id}>{deviceText(d)}</div>
                ))}
              </dd>
            </>
          )}
        </dl>
      )}
      <table className="grid" data-testid="trace-metadata-table">
        <thead>
          <tr>
            <th>{t('report:key')}</th>
            <th>{t('report:value')}</th>
          </tr>
        </thead>
        <tbody>
          {f.entries.map((e) => (
            <tr key={e.key}>
              <td>
                <code>{e.key}</code>
              </td>
              <td className="trace-meta-value">{e.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t('report:every_leaf_is_in_the_sql')} <code>{t('report:trace_metadata_2')}</code>{' '}
        {t('report:table_key_value')}
      </p>
    </section>
  );
}
