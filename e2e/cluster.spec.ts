// The cluster view on the checked-in generated run (8 ranks on 2 hosts; node1's clock is ahead
// by 1,734,567 ns; rank 5 is slow): heatmap, slow rank, and a click that opens the slow rank and
// its group's fastest rank on the timeline, aligned, with the collective highlighted on both.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { hasSamples, MS, samplePath, SKIP_REASON } from '../test/real-samples';

const RUN = 'fixtures/cluster-8/run_20250101';
const truth = JSON.parse(readFileSync('fixtures/cluster-8/truth.json', 'utf8')) as {
  slowRank: number;
  perRank: { rank: number; host: string; offsetNs: number }[];
};
const skewOf = (rank: number) => truth.perRank.find((r) => r.rank === rank)!.offsetNs;

interface Viewer {
  store: { getState(): Record<string, unknown> & { [k: string]: unknown } };
  cluster: {
    selectClusterModel(s: unknown): {
      findings: { slowestRank: number | null; divergentStep: string | null };
    } | null;
    selectTimelineGroups(s: unknown): {
      profileId: string;
      offsetNs: number;
      trace: {
        strings: string[];
        sliceTracks: { slices: { start: Float64Array; dur: Float64Array; name: Uint32Array } }[];
      };
    }[];
    selectHighlightedSlices(s: unknown): { profileId: string; track: number; index: number }[];
  };
  clusterHeatmap: { cellCenter(rank: number, step: string): { x: number; y: number } | null };
  timeline?: {
    view: { groups: { profileId: string }[]; selectHighlights(s: unknown): unknown[] };
  };
}

async function openCluster(page: Page) {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(RUN);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-cluster').click();
  await expect(page.getByTestId('cluster-heatmap')).toBeVisible();
}

test.describe('cluster view', () => {
  test('the advisor’s cluster rules run on the overview: slow rank and slow link', async ({
    page,
  }) => {
    await openCluster(page);
    const panel = page.getByTestId('cluster-advice');
    await expect(panel.locator('[data-rule="slow-rank"]')).toContainText(`Rank ${truth.slowRank}`);
    // slow-link reads the ranks' communication.json totals: checked, not "needs …".
    const link = panel.locator('[data-rule="slow-link"]');
    await expect(link).toBeVisible();
    await expect(link).not.toHaveAttribute('data-severity', 'not-checked');
    await page.screenshot({ path: '/tmp/truth-cluster-advice.png' });
    await panel.getByRole('button', { name: 'Evidence in the Advisor' }).click();
    await expect(page.getByTestId('advisor-cluster')).toContainText('slow-link');
  });

  test('heatmap, slow rank, and a click that opens both ranks aligned', async ({ page }) => {
    await openCluster(page);
    const canvas = page.getByTestId('cluster-heatmap').locator('canvas');
    await expect(canvas).toHaveAttribute('data-ranks', '8');
    await expect(canvas).toHaveAttribute('data-steps', '2');
    await expect(page.getByTestId('fact-slowest')).toContainText(String(truth.slowRank));
    await expect(page.getByTestId('fact-slowest')).toContainText('peers waited');
    await expect(page.getByTestId('cluster-headline')).toContainText(`Rank ${truth.slowRank}`);
    const found = await page.evaluate(() => {
      const v = (window as unknown as { __viewer: Viewer }).__viewer;
      const m = v.cluster.selectClusterModel(v.store.getState())!;
      return m.findings;
    });
    expect(found.slowestRank).toBe(truth.slowRank);
    expect(found.divergentStep).toBe('10');

    // Hover the slow cell for the readout, then click it.
    const at = await page.evaluate(
      ([rank, step]) =>
        (window as unknown as { __viewer: Viewer }).__viewer.clusterHeatmap.cellCenter(rank, step),
      [truth.slowRank, found.divergentStep!] as const,
    );
    expect(at).not.toBeNull();
    await page.mouse.move(at!.x, at!.y);
    await expect(page.getByTestId('cluster-heat-tooltip')).toContainText(`Rank ${truth.slowRank}`);
    await page.mouse.click(at!.x, at!.y);

    // The timeline opens with the slow rank and its group's fastest rank (rank 0).
    await expect(page.getByTestId('view-timeline')).toBeVisible();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (
              (window as unknown as { __viewer: Viewer }).__viewer.store.getState()
                .clusterTimeline as unknown[]
            ).length,
        ),
      )
      .toBe(2);
    const state = await page.evaluate(() => {
      const v = (window as unknown as { __viewer: Viewer }).__viewer;
      const s = v.store.getState();
      const groups = v.cluster.selectTimelineGroups(s);
      const hl = v.cluster.selectHighlightedSlices(s);
      return {
        timeline: s.clusterTimeline as { rank: number; clockOffsetNs: string; profileId: string }[],
        profiles: Object.keys(s.profiles as object),
        groups: groups.map((g) => ({ id: g.profileId, offset: g.offsetNs })),
        highlighted: hl.map((h) => {
          const g = groups.find((x) => x.profileId === h.profileId)!;
          const sl = g.trace.sliceTracks[h.track]!.slices;
          return {
            id: h.profileId,
            name: g.trace.strings[sl.name[h.index]!],
            end: g.offsetNs + sl.start[h.index]! + sl.dur[h.index]!,
          };
        }),
        selected: s.selected as { profileId: string } | null,
        visible: s.visibleWindow as { start: number; end: number },
      };
    });
    expect(state.timeline.map((t) => t.rank)).toEqual([truth.slowRank, 0]);
    for (const t of state.timeline)
      expect(t.clockOffsetNs, `rank ${t.rank}`).toBe(String(skewOf(t.rank) - skewOf(0)));
    expect(Number(state.timeline[0]!.clockOffsetNs)).toBe(1_734_567);
    for (const t of state.timeline) expect(state.profiles).toContain(t.profileId);
    expect(state.groups).toHaveLength(2);
    // The timeline itself draws both ranks, in that order, with the collective outlined on each.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const v = (window as unknown as { __viewer: Viewer }).__viewer;
          const view = v.timeline?.view;
          return view
            ? {
                groups: view.groups.map((g) => g.profileId),
                highlights: view.selectHighlights(v.store.getState()).length,
              }
            : null;
        }),
      )
      .toEqual({ groups: state.timeline.map((t) => t.profileId), highlights: 2 });
    // The collective is highlighted on each rank, and ends at the same aligned time on both.
    expect(state.highlighted.map((h) => h.id)).toEqual(state.timeline.map((t) => t.profileId));
    expect(state.highlighted[0]!.name).toMatch(/^hcom_allReduce/);
    expect(state.highlighted[0]!.name).toBe(state.highlighted[1]!.name);
    expect(state.highlighted[0]!.end).toBe(state.highlighted[1]!.end);
    // The slow rank's copy is selected, inside the window framed on the step.
    expect(state.selected?.profileId).toBe(state.timeline[0]!.profileId);
    expect(state.visible.start).toBeLessThan(state.highlighted[0]!.end);
    expect(state.visible.end).toBeGreaterThan(state.highlighted[0]!.end);

    // Back in the cluster view: both ranks are listed; closing rank 0 frees its profile.
    await page.getByTestId('tab-cluster').click();
    const chips = page.getByTestId('cluster-open-chip');
    await expect(chips).toHaveCount(2);
    await chips.filter({ hasText: 'rank 0' }).getByRole('button').click();
    await expect(chips).toHaveCount(1);
    const left = await page.evaluate(() => {
      const s = (window as unknown as { __viewer: Viewer }).__viewer.store.getState();
      return {
        profiles: Object.keys(s.profiles as object).length,
        timeline: (s.clusterTimeline as unknown[]).length,
      };
    });
    expect(left).toEqual({ profiles: 1, timeline: 1 });
  });

  test('offsets panel: exact offsets once open, manual correction, re-align', async ({ page }) => {
    await openCluster(page);
    await expect(page.getByTestId('cluster-offset-4')).toContainText('+1,735,');
    // Pick ranks 5 and 1 from the labels, open them together.
    await page.evaluate(() => {
      const s = (
        window as unknown as { __viewer: Viewer }
      ).__viewer.store.getState() as unknown as {
        setClusterSelectedRanks(r: number[]): void;
      };
      s.setClusterSelectedRanks([1, 5]);
    });
    await page.getByTestId('cluster-open-picked').click();
    await expect(page.getByTestId('view-timeline')).toBeVisible();
    await page.getByTestId('tab-cluster').click();
    await expect(page.getByTestId('cluster-offset-5')).toHaveText('+1,734,567 ns');
    await page.getByTestId('cluster-manual-5').fill('-2 µs');
    await page.getByTestId('cluster-manual-5').press('Enter');
    await expect(page.getByTestId('cluster-offset-5')).toHaveText('+1,732,567 ns');
    await page.getByTestId('cluster-realign').click();
    await expect(page.getByTestId('cluster-offset-5')).toHaveText('+1,734,567 ns');
  });
});

test.describe('msprof-analyze cluster output alone', () => {
  test.skip(!hasSamples, SKIP_REASON);

  test('cluster_analysis_output without rank folders still makes a cluster view', async ({
    page,
  }) => {
    await page.goto('./?demo=0');
    await page
      .getByTestId('open-folder')
      .setInputFiles(samplePath(`${MS}/cluster_analysis_output`));
    await expect(page.getByTestId('view-cluster')).toBeVisible();
    await expect(page.getByTestId('cluster-heatmap').locator('canvas')).toHaveAttribute(
      'data-ranks',
      '16',
    );
    await expect(page.getByTestId('cluster-sources')).toContainText(
      'cluster_step_trace_time.csv (16)',
    );
    await expect(page.getByTestId('cluster-pickbar')).toContainText('cluster output only');
    await expect(page.getByTestId('cluster-comm')).toContainText(
      'cluster_communication_matrix.json',
    );
  });
});
