/**
 * The idle-cause breakdown per step: one horizontal stacked bar per step (all device streams),
 * segments by cause. Clicking a bar frames the step on the timeline with the idle gaps drawn
 * by cause (the timeline's idle overlay is switched on).
 */
import { t } from '../../i18n/t';
import { useState } from 'react';
import { formatDuration, formatPercent } from '../../lib/format';
import { idleByStep } from '../../model/advisor/idle';
import { IDLE_CAUSES, type IdleStepRow } from '../../model/advisor/types';
import { idleCauseLabel } from './severity-label';
import { useAppStoreApi } from '../../store/use-app-store';
import { Legend } from '../../ui/Legend';
import { showRange } from '../common/navigate';
import { IDLE_CAUSE_COLOR } from './advisor-colors';

const BAND = 22;
const LABEL_W = 110;
const WIDTH = 640;

export function IdleChart({ rows }: { rows: readonly IdleStepRow[] }) {
  const store = useAppStoreApi();
  const bars = idleByStep(rows);
  const [hover, setHover] = useState<number | null>(null);
  if (bars.length === 0) return <p className="muted">{t('advisor:no_idle_gaps_on_the_device')}</p>;
  const max = Math.max(1, ...bars.map((b) => b.idleNs));
  const scale = (v: number) => (v / max) * (WIDTH - LABEL_W - 80);
  const h = hover !== null ? bars[hover] : undefined;
  return (
    <div className="advisor-idle-chart" data-testid="advisor-idle-chart">
      <Legend
        items={IDLE_CAUSES.map((c) => ({
          key: c,
          label: idleCauseLabel(c),
          color: IDLE_CAUSE_COLOR[c],
        }))}
      />
      <svg
        width={WIDTH}
        height={bars.length * BAND + 4}
        role="img"
        aria-label={t('advisor:idle_time_by_cause_per_step_2')}
      >
        {bars.map((b, i) => {
          let x = LABEL_W;
          return (
            <g
              key={`${b.step}-${i}`}
              transform={`translate(0,${i * BAND})`}
              className="advisor-idle-bar"
              data-testid={`advisor-idle-bar-${b.step || 'all'}`}
              onMouseEnter={() => setHover(i)}
              onMouseLeave={() => setHover(null)}
              onClick={() => {
                if (!Number.isFinite(b.startNs)) return;
                store.getState().setIdleOverlay(true);
                showRange(store, { start: b.startNs, end: b.endNs }, true);
              }}
            >
              <text
                x={LABEL_W - 6}
                y={BAND / 2 + 4}
                textAnchor="end"
                className="advisor-idle-label"
              >
                {b.step === ''
                  ? Number.isFinite(b.startNs)
                    ? t('advisor:capture')
                    : t('advisor:outside_steps')
                  : `${t('advisor:step_2')} ${b.step}`}
              </text>
              {IDLE_CAUSES.map((c) => {
                const w = scale(b.byCause[c]);
                const r =
                  w > 0 ? (
                    <rect
                      key={c}
                      x={x}
                      y={3}
                      width={w}
                      height={BAND - 6}
                      fill={IDLE_CAUSE_COLOR[c]}
                    />
                  ) : null;
                x += w;
                return r;
              })}
              <text x={x + 6} y={BAND / 2 + 4} className="advisor-idle-label">
                {formatDuration(b.idleNs)}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="muted advisor-idle-hover">
        {h
          ? `${h.step === '' ? t('advisor:capture_label') : t('steps:step_n', { step: h.step })}: ${IDLE_CAUSES.filter(
              (c) => h.byCause[c] > 0,
            )
              .map(
                (c) =>
                  `${idleCauseLabel(c)} ${formatDuration(h.byCause[c])} (${formatPercent(h.byCause[c] / h.idleNs)})`,
              )
              .join(', ')}`
          : t('advisor:idle_time_of_every_device_stream')}
      </p>
    </div>
  );
}
