/**
 * Collectives across ranks: one row per collective seen on several ranks, with who arrived first
 * and last (aligned), the arrival skew, and the largest wait and mean transit (communication.json).
 * Choosing one highlights it on every rank open on the timeline and shows, per member, its
 * arrival, wait and transit on one scale: the last arriver waits for nobody.
 */
import { t } from '../../i18n/t';
import { useMemo } from 'react';
import { useSession } from '../../session/session-context';
import { MIN_SKEW_NS } from '../../model/cluster/analyze';
import type { ClusterModel } from '../../model/cluster/cluster-model';
import {
  collectiveKey,
  collectiveMembers,
  type CollectiveRow,
} from '../../model/cluster/collectives';
import { formatDuration } from '../../lib/format';
import { useAppStore } from '../../store/use-app-store';
import type { ColumnDef } from '../../tables/column';
import { TableToolbar } from '../common/TableToolbar';
import { useTableView } from '../common/use-table-view';
import { tableBoxHeight, ViewTable } from '../common/ViewTable';

const dur = (ns: number | null) => (ns === null || !Number.isFinite(ns) ? '' : formatDuration(ns));
const numOr = (v: number | null) => (v === null ? NaN : v);

function collectiveColumns(rows: readonly CollectiveRow[]): ColumnDef[] {
  return [
    {
      id: 'op',
      label: t('cluster:collective'),
      text: (r) => rows[r]!.op + (rows[r]!.seq > 0 ? ` #${rows[r]!.seq + 1}` : ''),
      width: 184,
    },
    { id: 'step', label: t('cluster:step'), text: (r) => rows[r]!.step, width: 50 },
    {
      id: 'group',
      label: t('cluster:group'),
      text: (r) => rows[r]!.groupName || rows[r]!.groupHash,
      width: 64,
    },
    {
      id: 'members',
      label: t('cluster:ranks'),
      text: (r) => String(rows[r]!.members),
      value: (r) => rows[r]!.members,
      width: 54,
    },
    {
      id: 'first',
      label: t('cluster:first'),
      title: t('cluster:first_to_arrive_waits_longest'),
      text: (r) => (rows[r]!.skewNs < MIN_SKEW_NS ? '–' : String(rows[r]!.firstRank)),
      value: (r) => (rows[r]!.skewNs < MIN_SKEW_NS ? NaN : rows[r]!.firstRank),
      width: 48,
    },
    {
      id: 'last',
      label: t('cluster:last'),
      title: t('cluster:last_to_arrive_the_others_wait'),
      text: (r) => (rows[r]!.skewNs < MIN_SKEW_NS ? '–' : String(rows[r]!.lastRank)),
      value: (r) => (rows[r]!.skewNs < MIN_SKEW_NS ? NaN : rows[r]!.lastRank),
      width: 48,
    },
    {
      id: 'skew',
      label: t('cluster:skew'),
      title: t('cluster:arrival_skew_last_arrival_first_arrival'),
      text: (r) => dur(rows[r]!.skewNs),
      value: (r) => rows[r]!.skewNs,
      width: 92,
    },
    {
      id: 'waitMax',
      label: t('cluster:max_wait'),
      title: t('cluster:largest_wait_of_a_member_communication'),
      text: (r) => dur(rows[r]!.waitMaxNs),
      value: (r) => numOr(rows[r]!.waitMaxNs),
      width: 80,
    },
    {
      id: 'transit',
      label: t('cluster:transit'),
      title: t('cluster:mean_transit_time_of_the_members'),
      text: (r) => dur(rows[r]!.transitMeanNs),
      value: (r) => numOr(rows[r]!.transitMeanNs),
      width: 92,
    },
  ];
}

export function CollectivesPanel({ model }: { model: ClusterModel }) {
  const controller = useSession();
  const chosen = useAppStore((s) => s.clusterCollective);
  const openIds = useAppStore((s) => s.clusterOpenRanks);
  // Most skewed first: the collectives where someone made the others wait.
  const rows = useMemo(
    () =>
      [...model.collectives].sort(
        (a, b) =>
          b.skewNs - a.skewNs ||
          (a.firstStartNs < b.firstStartNs ? -1 : a.firstStartNs > b.firstStartNs ? 1 : 0),
      ),
    [model.collectives],
  );
  const columns = useMemo(() => collectiveColumns(rows), [rows]);
  const view = useTableView({
    id: 'cluster-collectives',
    data: rows,
    columns,
    rowCount: rows.length,
  });
  const chosenKey = chosen ? collectiveKey(chosen.op, chosen.seq) : null;
  const chosenRow = chosenKey === null ? -1 : rows.findIndex((r) => r.key === chosenKey);
  const row = chosenRow >= 0 ? rows[chosenRow]! : null;
  const arrival = row
    ? model.arrivals.find((a) => collectiveKey(a.op, a.seq) === row.key)
    : undefined;
  const members = useMemo(
    () => (arrival ? collectiveMembers(arrival, model.index, model.hosts) : []),
    [arrival, model],
  );
  const openRanks = new Set(
    openIds.flatMap((id) => {
      const r = model.ranks.find((x) => x.profileId === id);
      return r ? [r.rank] : [];
    }),
  );
  const showOnTimeline = (r: CollectiveRow) => {
    const ids = [r.lastRank, r.firstRank].flatMap((rank) => {
      const id = model.byRank.get(rank)?.profileId;
      return id ? [id] : [];
    });
    void controller.openRanks(ids, {
      focus: ids[0],
      step: r.step || null,
      collective: { op: r.op, seq: r.seq },
    });
  };
  if (rows.length === 0) {
    return (
      <section className="panel cl-collectives" data-testid="cluster-collectives">
        <h2>{t('cluster:collectives')}</h2>
        <p className="muted">{t('cluster:no_collective_was_matched_across_ranks')}</p>
      </section>
    );
  }
  return (
    <section className="panel cl-collectives" data-testid="cluster-collectives">
      <h2>
        {t('cluster:collectives')}{' '}
        <span className="muted">{t('cluster:arrival_skew_and_who_made_the')}</span>
      </h2>
      <TableToolbar
        view={view}
        noun="collectives"
        exportName="cluster_collectives"
        filterPlaceholder={t('cluster:filter_op_step_group')}
      />
      <div className="cl-coll-table" style={{ height: tableBoxHeight(rows.length, 260) }}>
        <ViewTable
          ariaLabel={t('cluster:collectives_across_ranks')}
          testId="cluster-collectives-table"
          view={view}
          selectedRow={chosenRow >= 0 ? chosenRow : null}
          onRowActivate={(r) =>
            controller.highlightCollective({ op: rows[r]!.op, seq: rows[r]!.seq })
          }
        />
      </div>
      {row && arrival ? (
        <div className="cl-members" data-testid="cluster-collective-detail">
          <div className="cl-members-head">
            <b>{row.op}</b>
            <span className="muted">
              {row.step ? `${t('cluster:step_2')} ${row.step} · ` : ''}
              {row.groupName ? `${row.groupName} · ` : ''}
              {row.members} {t('cluster:ranks_2')}{' '}
              {row.skewNs < MIN_SKEW_NS
                ? t('cluster:all_arrived_within_1_s')
                : `${t('cluster:rank')} ${row.lastRank} ${t('cluster:arrived_last')} ${formatDuration(row.skewNs)} ${t('cluster:after_rank')} ${row.firstRank}`}
            </span>
            <span className="spacer" />
            <button
              type="button"
              className="tt-button"
              data-testid="cluster-collective-show"
              onClick={() => showOnTimeline(row)}
            >
              {openRanks.has(row.lastRank) && openRanks.has(row.firstRank)
                ? t('cluster:show_on_timeline')
                : `${t('cluster:open_ranks')} ${row.lastRank} & ${row.firstRank} ${t('cluster:on_timeline')}`}
            </button>
          </div>
          <MemberBars members={members} last={row.lastRank} open={openRanks} />
        </div>
      ) : (
        <p className="muted small">{t('cluster:choose_a_collective_to_see_each')}</p>
      )}
    </section>
  );
}

function MemberBars({
  members,
  last,
  open,
}: {
  members: ReturnType<typeof collectiveMembers>;
  last: number;
  open: ReadonlySet<number>;
}) {
  const span = Math.max(
    1,
    ...members.map((m) => m.arrivalNs + (Number.isFinite(m.elapseNs) ? m.elapseNs : 0)),
  );
  const pct = (ns: number) => `${Math.max(0, Math.min(100, (ns / span) * 100))}%`;
  return (
    <div
      className="cl-bars"
      role="table"
      aria-label={t('cluster:arrival_wait_and_transit_per_rank')}
    >
      <div className="cl-bars-legend" aria-hidden>
        <span>
          <i className="cl-sw arrive" /> {t('cluster:arrives')}
        </span>
        <span>
          <i className="cl-sw wait" /> {t('cluster:waits_for_peers')}
        </span>
        <span>
          <i className="cl-sw transit" /> {t('cluster:transit_2')}
        </span>
        <span>
          <i className="cl-sw other" /> {t('cluster:rest_of_the_op')}
        </span>
      </div>
      <div className="cl-bar-row head" role="row" aria-hidden>
        <span />
        <span className="muted small">{t('cluster:aligned_time_from_the_first_arrival')}</span>
        <span className="cl-bar-num muted small">{t('cluster:arrival')}</span>
        <span className="cl-bar-num muted small">{t('cluster:wait')}</span>
        <span className="cl-bar-num muted small">{t('cluster:transit_2')}</span>
      </div>
      {members.map((m) => {
        const wait = m.waitNs ?? 0;
        const transit = m.transitNs ?? 0;
        const elapse = Number.isFinite(m.elapseNs) ? m.elapseNs : wait + transit;
        const rest = Math.max(0, elapse - wait - transit);
        return (
          <div
            className={`cl-bar-row${m.rank === last ? ' last' : ''}`}
            role="row"
            key={m.rank}
            data-testid="cluster-member"
          >
            <span className="cl-bar-rank" role="cell">
              {open.has(m.rank) && (
                <span className="cl-chip-dot" title={t('cluster:on_the_timeline')} />
              )}
              {m.rank}
              {m.host && <span className="muted"> · {m.host}</span>}
              {m.rank === last && <span className="cl-tag">{t('cluster:last_2')}</span>}
            </span>
            <span
              className="cl-bar-track"
              role="cell"
              title={`${t('cluster:arrives_2')}${formatDuration(m.arrivalNs)} ${t('cluster:wait_2')} ${dur(m.waitNs) || '?'} ${t('cluster:transit_3')} ${dur(m.transitNs) || '?'}`}
            >
              <span
                className="cl-bar-seg wait"
                style={{ left: pct(m.arrivalNs), width: pct(wait) }}
              />
              <span
                className="cl-bar-seg transit"
                style={{ left: pct(m.arrivalNs + wait), width: pct(transit) }}
              />
              <span
                className="cl-bar-seg other"
                style={{ left: pct(m.arrivalNs + wait + transit), width: pct(rest) }}
              />
              <span className="cl-bar-arrive" style={{ left: pct(m.arrivalNs) }} />
            </span>
            <span className="cl-bar-num" role="cell">
              +{formatDuration(m.arrivalNs)}
            </span>
            <span className="cl-bar-num" role="cell">
              {dur(m.waitNs) || '–'}
            </span>
            <span className="cl-bar-num" role="cell">
              {dur(m.transitNs) || '–'}
            </span>
          </div>
        );
      })}
    </div>
  );
}
