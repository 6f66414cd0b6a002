/**
 * The slice colour setting (issue 19): the default palette or the colour-vision-deficiency-safe
 * one (draw/cvd-palette.ts). Remembered in the browser (ui-slice.ts).
 */
import { useAppStore } from '../../store/use-app-store';

export function PaletteSelect() {
  const palette = useAppStore((s) => s.palette);
  const setPalette = useAppStore((s) => s.setPalette);
  return (
    <select
      className="tl-palette-select"
      aria-label="Slice colours"
      title="Slice colours: the default palette, or one told apart under colour-vision deficiencies"
      data-testid="palette-select"
      value={palette}
      onChange={(e) => setPalette(e.currentTarget.value === 'cvd' ? 'cvd' : 'default')}
    >
      <option value="default">Default colours</option>
      <option value="cvd">Colour-blind safe</option>
    </select>
  );
}
