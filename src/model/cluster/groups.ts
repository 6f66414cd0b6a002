/**
 * The run's communication groups: the parallel groups every rank's profiler_metadata.json lists
 * (`parallel_group_info`: HCCL group id → name such as tp / dp / pp and its global ranks),
 * msprof-analyze's communication_group.json when present, and the group hashes that key the
 * communication files (`op@hash`), tied to a named group when their member ranks match its ranks.
 */
import type { ClusterOutput } from './cluster-output';
import type { RankSummary } from './rank-summary';

export interface ClusterGroup {
  /** The HCCL group id, or `hash:<hash>` when only the communication files know the group. */
  key: string;
  /** tp, dp, pp, default_group…; '' when unknown. */
  name: string;
  /** Global ranks, ascending. */
  ranks: number[];
  /** Group hashes of the communication files that belong to this group. */
  hashes: string[];
}

const NAME_ORDER = ['tp', 'dp', 'pp', 'cp', 'ep', 'mp', 'dp_cp'];

/** Groups ordered by name (tp, dp, pp first; default_group last), then by first rank. */
const nameRank = (g: ClusterGroup) => {
  if (g.name === 'default_group') return 1000;
  const i = NAME_ORDER.indexOf(g.name);
  return i < 0 ? (g.name ? 100 : 500) : i;
};

export function compareGroups(a: ClusterGroup, b: ClusterGroup): number {
  return (
    nameRank(a) - nameRank(b) ||
    a.name.localeCompare(b.name) ||
    (a.ranks[0] ?? 0) - (b.ranks[0] ?? 0) ||
    a.key.localeCompare(b.key)
  );
}

const setKey = (ranks: readonly number[]) => ranks.join(',');

export function clusterGroups(
  ranks: readonly RankSummary[],
  output: ClusterOutput | null = null,
): ClusterGroup[] {
  const byKey = new Map<string, { name: string; ranks: Set<number>; hashes: Set<string> }>();
  const upsert = (key: string, name: string, members: Iterable<number>) => {
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { name, ranks: new Set(), hashes: new Set() }));
    if (!g.name && name) g.name = name;
    for (const r of members) g.ranks.add(r);
    return g;
  };
  for (const r of ranks) {
    for (const pg of r.groups) upsert(pg.id, pg.name, [...pg.globalRanks, r.rank]);
  }
  for (const g of output?.groups ?? []) {
    if (g.id) {
      const e = upsert(g.id, g.name ?? '', g.ranks);
      if (g.hash) e.hashes.add(g.hash);
    }
  }
  // Group hash → member ranks, from each rank's own communication files.
  const hashRanks = new Map<string, Set<number>>();
  const addHash = (hash: string, rank: number) => {
    if (!/^\d+$/.test(hash)) return; // trace lane names are not hashes
    let s = hashRanks.get(hash);
    if (!s) hashRanks.set(hash, (s = new Set()));
    s.add(rank);
  };
  for (const r of ranks) {
    for (const c of r.collectives) addHash(c.group, r.rank);
    for (const m of r.commMatrix ?? []) addHash(m.groupHash, r.rank);
  }
  for (const g of output?.groups ?? []) {
    if (!g.hash) continue;
    for (const rank of g.ranks) addHash(g.hash, rank);
  }
  const named = [...byKey.values()].map((g) => ({
    g,
    set: setKey([...g.ranks].sort((a, b) => a - b)),
  }));
  for (const [hash, members] of hashRanks) {
    if (named.some((x) => x.g.hashes.has(hash))) continue;
    const sk = setKey([...members].sort((a, b) => a - b));
    const matches = named
      .filter((x) => x.set === sk)
      .sort((a, b) => Number(a.g.name === 'default_group') - Number(b.g.name === 'default_group'));
    if (matches.length > 0) matches[0]!.g.hashes.add(hash);
    else {
      const fromOutput = output?.groups.find((g) => g.hash === hash && g.name);
      upsert(`hash:${hash}`, fromOutput?.name ?? '', members).hashes.add(hash);
    }
  }
  return [...byKey.entries()]
    .map(([key, g]) => ({
      key,
      name: g.name,
      ranks: [...g.ranks].sort((a, b) => a - b),
      hashes: [...g.hashes].sort(),
    }))
    .sort(compareGroups);
}

/**
 * The group a rank is compared with: of its groups of at least two ranks, the first by name (tp,
 * then dp, pp…: tensor-parallel peers wait on each other most often), the smallest among
 * unnamed ones, and the all-ranks default group only when there is nothing else.
 */
export function peerGroupOf(rank: number, groups: readonly ClusterGroup[]): ClusterGroup | null {
  const mine = groups.filter((g) => g.ranks.length >= 2 && g.ranks.includes(rank));
  if (mine.length === 0) return null;
  return [...mine].sort(
    (a, b) => nameRank(a) - nameRank(b) || a.ranks.length - b.ranks.length || compareGroups(a, b),
  )[0]!;
}

/** The group a communication-file hash belongs to, if known. */
export function groupOfHash(hash: string, groups: readonly ClusterGroup[]): ClusterGroup | null {
  return groups.find((g) => g.hashes.includes(hash)) ?? null;
}

/** "0–7", "0, 8", "0–3, 8–11" (runs of consecutive ranks). */
export function formatRankSet(ranks: readonly number[]): string {
  const s = [...ranks].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${s[i]}–${s[j]}` : j > i ? `${s[i]}, ${s[j]}` : `${s[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** "tp · ranks 0–7" */
export function groupLabel(g: ClusterGroup): string {
  const who = `rank${g.ranks.length === 1 ? '' : 's'} ${formatRankSet(g.ranks)}`;
  return g.name ? `${g.name} · ${who}` : `group ${g.hashes[0] ?? g.key} · ${who}`;
}
