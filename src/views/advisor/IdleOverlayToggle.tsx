/** Timeline toolbar toggle: draw the idle gaps of each device stream coloured by cause. */
import { t } from '../../i18n/t';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore } from '../../store/use-app-store';
import { useAdvice } from './use-advice';

export function IdleOverlayToggle() {
  const on = useAppStore((s) => s.idleOverlay);
  const set = useAppStore((s) => s.setIdleOverlay);
  const profile = useAppStore(selectActiveProfile);
  // Asks for the report when the overlay is on and the profile has none yet.
  useAdvice(on ? profile : null);
  return (
    <label className="tl-toggle" title={t('advisor:colour_the_idle_gaps_of_each')}>
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => set(e.target.checked)}
        data-testid="idle-overlay-toggle"
      />{' '}
      {t('advisor:idle_causes')}
    </label>
  );
}
