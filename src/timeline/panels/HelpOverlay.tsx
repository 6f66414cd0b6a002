/** The `?` overlay: every key and mouse gesture of the timeline (from keymap.ts). */
import { useRef } from 'react';
import { t } from '../../i18n/t';
import { useModalFocus } from '../../ui/use-modal-focus';
import { helpText } from './help-text';
import { HELP_ROWS } from '../input/keymap';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useModalFocus(ref, onClose);
  return (
    <div className="tl-help-backdrop" onClick={onClose} data-testid="timeline-help">
      <div
        className="tl-help"
        role="dialog"
        aria-modal="true"
        aria-label={t('timeline:timeline_keyboard_and_mouse_help')}
        ref={ref}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="tl-help-head">
          <strong>{t('timeline:timeline_help')}</strong>
          <button className="button subtle" onClick={onClose} aria-label={t('timeline:close_help')}>
            {t('timeline:close')}
          </button>
        </div>
        {HELP_ROWS.map((sec) => (
          <section key={sec.section}>
            <h3>{helpText(sec.section)}</h3>
            <table>
              <tbody>
                {sec.rows.map(([keys, what]) => (
                  <tr key={keys}>
                    <td>
                      <kbd>{helpText(keys)}</kbd>
                    </td>
                    <td>{helpText(what)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </div>
  );
}
