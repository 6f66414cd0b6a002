/**
 * Ranks on the timeline and clock offsets: the open ranks (close one to free its memory), and
 * per rank the automatic offset (exact ns; from which files, against which rank), a manual
 * correction, and the offset applied. Offsets are subtracted from a rank's times.
 */
import { useState } from 'react';
import { useSession } from '../../session/session-context';
import type { ClusterModel, OffsetSource } from '../../model/cluster/cluster-model';
import { formatOffsetNs, parseOffsetNs } from '../../model/cluster/offsets';
import { useAppStore } from '../../store/use-app-store';

const SOURCE_TEXT: Record<OffsetSource, string> = {
  reference: 'reference',
  trace: 'traces, exact',
  'communication.json': 'comm.json, µs',
  'cluster_communication.json': 'cluster output, µs',
  none: 'no shared op',
};

export function OffsetsPanel({ model }: { model: ClusterModel }) {
  const controller = useSession();
  const openIds = useAppStore((s) => s.clusterOpenRanks);
  const timeline = useAppStore((s) => s.clusterTimeline);
  const profiles = useAppStore((s) => s.profiles);
  const manual = useAppStore((s) => s.clusterManualOffsets);
  const setManual = useAppStore((s) => s.setRankManualOffset);
  const setTab = useAppStore((s) => s.setTab);
  const openRank = new Map(
    openIds.flatMap((id) => {
      const r = model.ranks.find((x) => x.profileId === id);
      return r ? [[r.rank, id] as const] : [];
    }),
  );
  const hasManual = Object.keys(manual).length > 0;
  return (
    <section className="panel cl-offsets" data-testid="cluster-offsets">
      <h2>
        Timeline &amp; clock offsets{' '}
        <span className="muted">— subtracted from each rank’s times to align them</span>
      </h2>
      <div className="cl-open" data-testid="cluster-open-ranks">
        {openIds.length === 0 ? (
          <span className="muted">
            No rank on the timeline yet: click a heatmap cell, or pick ranks and open them.
          </span>
        ) : (
          <>
            <span className="cl-open-label">On the timeline:</span>
            {openIds.map((id) => {
              const r = model.ranks.find((x) => x.profileId === id);
              const placed = timeline.find((t) => t.profileId === id);
              const loading = !profiles[id];
              return (
                <span className="cl-chip" key={id} data-testid="cluster-open-chip">
                  <span className="cl-chip-dot" aria-hidden />
                  rank {r?.rank ?? '?'}
                  {r?.host ? <span className="muted"> · {r.host}</span> : null}
                  {loading && <span className="muted"> · loading…</span>}
                  {placed && (
                    <span className="muted mono">
                      {' '}
                      {formatOffsetNs(BigInt(placed.clockOffsetNs))}
                    </span>
                  )}
                  <button
                    type="button"
                    aria-label={`Close rank ${r?.rank ?? id} (frees its memory)`}
                    title="Take off the timeline and free its memory"
                    onClick={() => controller.closeRank(id)}
                  >
                    ×
                  </button>
                </span>
              );
            })}
            <span className="spacer" />
            <button type="button" className="tt-button" onClick={() => setTab('timeline')}>
              Show timeline ↗
            </button>
            <button type="button" className="tt-button" onClick={() => controller.closeAllRanks()}>
              Close all
            </button>
          </>
        )}
      </div>
      <div className="cl-offsets-table">
        <table className="grid compact" data-testid="cluster-offsets-table">
          <thead>
            <tr>
              <th>Rank</th>
              <th className="num">Automatic</th>
              <th>From</th>
              <th className="num">Manual</th>
              <th className="num">Applied</th>
            </tr>
          </thead>
          <tbody>
            {model.ranks.map((r) => {
              const o = model.offsets.get(r.rank);
              if (!o) return null;
              return (
                <tr key={r.rank} className={openRank.has(r.rank) ? 'on' : undefined}>
                  <td>
                    {openRank.has(r.rank) && (
                      <span className="cl-chip-dot" title="On the timeline" />
                    )}
                    {r.rank}
                    {r.host && <span className="muted small"> · {r.host}</span>}
                  </td>
                  <td className="num mono">{formatOffsetNs(o.autoNs)}</td>
                  <td
                    className="muted small src"
                    title={
                      o.via !== null && o.via !== r.rank
                        ? `Median over ${o.pairs} collective(s) shared with rank ${o.via}`
                        : undefined
                    }
                  >
                    {SOURCE_TEXT[o.source]}
                  </td>
                  <td className="num">
                    <ManualInput
                      rank={r.rank}
                      value={manual[String(r.rank)] ?? ''}
                      onCommit={(ns) => setManual(r.rank, ns)}
                    />
                  </td>
                  <td className="num mono" data-testid={`cluster-offset-${r.rank}`}>
                    {formatOffsetNs(o.effectiveNs)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="cl-offsets-foot">
        <span className="muted small">
          Automatic: the median gap between the ends of the same collective on two ranks (a
          collective ends together on all its members). Traces give exact ns; communication.json
          only µs.
        </span>
        <button
          type="button"
          className="tt-button"
          disabled={!hasManual}
          data-testid="cluster-realign"
          onClick={() => controller.realign()}
        >
          Re-align
        </button>
      </div>
    </section>
  );
}

function ManualInput(props: {
  rank: number;
  value: string;
  onCommit: (ns: bigint | null) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? props.value;
  const parsed = text === null ? 0n : parseOffsetNs(text);
  const commit = () => {
    if (text === null) return;
    if (parsed !== null) props.onCommit(parsed);
    setText(null);
  };
  return (
    <input
      className={`cl-offset-input${parsed === null ? ' bad' : ''}`}
      aria-label={`Manual offset of rank ${props.rank} (ns)`}
      title="ns, or with a unit: 1.5 µs, 2 ms. Added to the automatic offset."
      placeholder="0"
      inputMode="numeric"
      value={shown}
      data-testid={`cluster-manual-${props.rank}`}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(null);
      }}
    />
  );
}
