/** The facts strip at the top of the cluster view: ranks, hosts, steps, findings, clocks. */
import { t } from '../../i18n/t';
import type { ClusterModel } from '../../model/cluster/cluster-model';
import { formatOffsetNs } from '../../model/cluster/offsets';
import { formatDuration } from '../../lib/format';
import {
  formatSteps,
  formatUs,
  headline,
  hostOffsets,
  slowestReason,
  slowRankShown,
} from './cluster-text';

export function ClusterFacts({ model }: { model: ClusterModel }) {
  const f = model.findings;
  const steps = [...new Set(model.ranks.flatMap((r) => r.steps.map((s) => s.step)))];
  const hosts = model.hostNames;
  const maxSkew = model.collectives.reduce((a, c) => Math.max(a, c.skewNs), 0);
  const medianStep = (() => {
    if (f.divergentStep === null) return NaN;
    const vals = model.ranks
      .map((r) => r.steps.find((s) => s.step === f.divergentStep)?.stepTimeUs ?? null)
      .filter((v): v is number => v !== null && Number.isFinite(v))
      .sort((a, b) => a - b);
    return vals.length > 0 ? vals[vals.length >> 1]! : NaN;
  })();
  const clocks = hostOffsets(model);
  // Offsets under a microsecond are within communication.json's precision.
  const skewedHosts = clocks.filter((h) => h.offsetNs >= 1000n || h.offsetNs <= -1000n);
  const text = headline(model);
  const slow = slowRankShown(model);
  return (
    <>
      {text && (
        <div
          className={`cl-headline${f.slowRankSignificant === false ? ' calm' : ''}`}
          role="note"
          data-testid="cluster-headline"
        >
          <span className="cl-headline-icon" aria-hidden>
            {f.slowRankSignificant === false ? '✓' : '▲'}
          </span>
          {text}
        </div>
      )}
      <div className="cl-facts" data-testid="cluster-facts">
        <Fact label={t('cluster:ranks')} value={String(model.ranks.length)} testId="fact-ranks">
          {hosts.length > 0
            ? t('cluster:on_n_hosts', { count: hosts.length })
            : t('cluster:hosts_unknown')}
        </Fact>
        <Fact label={t('cluster:steps_2')} value={String(steps.length)} testId="fact-steps">
          {formatSteps([...steps].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })))}
        </Fact>
        <Fact
          label={t('cluster:slowest_rank_2')}
          value={slow === null ? '–' : String(slow)}
          tone={slow === null ? undefined : 'bad'}
          testId="fact-slowest"
        >
          {slow !== null && model.hosts.get(slow) ? `${model.hosts.get(slow)} · ` : ''}
          {slowestReason(model)}
        </Fact>
        <Fact
          label={t('cluster:most_divergent_step_2')}
          value={f.divergentStep === null ? '–' : f.divergentStep || '(all)'}
          tone="accent"
          testId="fact-divergent"
        >
          {f.divergentStep === null
            ? model.ranks.filter((r) => r.steps.length > 0).length >= 2
              ? t('cluster:step_times_equal_across_ranks')
              : t('cluster:needs_two_ranks_with_steps')
            : `${t('cluster:step_time_spread')} ${formatUs(f.divergenceUs)}${
                Number.isFinite(medianStep) && medianStep > 0
                  ? ` (${((f.divergenceUs / medianStep) * 100).toFixed(1)}% of the median)`
                  : ''
              }`}
        </Fact>
        <Fact
          label={t('cluster:collectives')}
          value={String(model.collectives.length)}
          testId="fact-collectives"
        >
          {model.collectives.length > 0
            ? `${t('cluster:largest_arrival_skew')} ${formatDuration(maxSkew)}`
            : t('cluster:none_matched_across_ranks')}
        </Fact>
        <Fact
          label={t('cluster:clocks')}
          value={
            skewedHosts.length === 0
              ? t('cluster:clocks_in_step')
              : t('cluster:clocks_skewed', { n: skewedHosts.length })
          }
          testId="fact-clocks"
        >
          {skewedHosts.length === 0
            ? clocks.length > 0
              ? t('cluster:no_offset_between_hosts')
              : t('cluster:no_collectives_to_align_on')
            : skewedHosts
                .slice(0, 2)
                .map((h) => `${h.host} ${formatOffsetNs(h.offsetNs)}`)
                .join(' · ') + (skewedHosts.length > 2 ? ' …' : '')}
        </Fact>
      </div>
    </>
  );
}

function Fact(props: {
  label: string;
  value: string;
  tone?: 'bad' | 'accent';
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <div className={`cl-fact${props.tone ? ` ${props.tone}` : ''}`} data-testid={props.testId}>
      <div className="cl-fact-label">{props.label}</div>
      <div className="cl-fact-value">{props.value}</div>
      <div className="cl-fact-note">{props.children}</div>
    </div>
  );
}
