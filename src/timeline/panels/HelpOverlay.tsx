/** The `?` overlay: every key and mouse gesture of the timeline (from keymap.ts). */
import { HELP_ROWS } from '../input/keymap';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="tl-help-backdrop" onClick={onClose} data-testid="timeline-help">
      <div
        className="tl-help"
        role="dialog"
        aria-label="Timeline keyboard and mouse help"
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
