/** The `?` overlay: every key and mouse gesture of the timeline (from keymap.ts). */
import { useRef } from 'react';
import { useModalFocus } from '../../ui/use-modal-focus';
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
        aria-label="Timeline keyboard and mouse help"
        ref={ref}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="tl-help-head">
          <strong>Timeline help</strong>
          <button className="button subtle" onClick={onClose} aria-label="Close help">
            Close
          </button>
        </div>
        {HELP_ROWS.map((sec) => (
          <section key={sec.section}>
            <h3>{sec.section}</h3>
            <table>
              <tbody>
                {sec.rows.map(([keys, what]) => (
                  <tr key={keys}>
                    <td>
                      <kbd>{keys}</kbd>
                    </td>
                    <td>{what}</td>
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
