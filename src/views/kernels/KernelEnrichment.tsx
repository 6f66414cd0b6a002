/**
 * The kernel_details row of the slice selected on the timeline (shapes, block dim, wait, PMU
 * ratios), shown in the timeline's details panel under the slice's args. Nothing when the slice
 * is not a kernel or the profile has no kernel table from a side file.
 */
import { t } from '../../i18n/t';
import { useMemo } from 'react';
import { kernelEnrichment } from '../../model/analysis/enrich';
import { useAppStore } from '../../store/use-app-store';

export function KernelEnrichmentSection({
  profileId,
  track,
  index,
}: {
  profileId: string;
  track: number;
  index: number;
}) {
  const profile = useAppStore((s) => s.profiles[profileId]);
  const e = useMemo(
    () => (profile ? kernelEnrichment(profile, track, index) : null),
    [profile, track, index],
  );
  if (!e) return null;
  return (
    <>
      <h4>
        {t('kernels:kernel_details')}{' '}
        <span className="muted small">
          {t('kernels:from')} {e.source}
        </span>
      </h4>
      <dl className="tl-args tl-args-box" data-testid="details-kernel">
        {e.fields.map(([h, v]) => (
          <div key={h} className="tl-arg">
            <dt>{h}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
