/**
 * The slice colour setting (issue 19): the default palette or the colour-vision-deficiency-safe
 * one (draw/cvd-palette.ts). Remembered in the browser (ui-slice.ts).
 */
import { t } from '../../i18n/t';
import { useAppStore } from '../../store/use-app-store';

export function PaletteSelect() {
  const palette = useAppStore((s) => s.palette);
  const setPalette = useAppStore((s) => s.setPalette);
  return (
    <select
      className="tl-palette-select"
      aria-label={t('timeline:slice_colours')}
      title={t('timeline:slice_colours_title')}
      data-testid="palette-select"
      value={palette}
      onChange={(e) => setPalette(e.currentTarget.value === 'cvd' ? 'cvd' : 'default')}
    >
      <option value="default">{t('timeline:default_colours')}</option>
      <option value="cvd">{t('timeline:colour_blind_safe')}</option>
    </select>
  );
}
