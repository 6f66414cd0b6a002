/** Accepts folders and files dropped anywhere on the page. */
import { t } from '../i18n/t';
import { useState, type ReactNode } from 'react';
import { useSession } from '../session/session-context';
import { describePicked, filesFromDrop } from '../session/read-dropped-items';

export function DropZone({ children }: { children: ReactNode }) {
  const controller = useSession();
  const [over, setOver] = useState(false);
  return (
    <div
      className="drop-root"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        filesFromDrop(e.dataTransfer).then(
          ({ files, unreadable, name }) => {
            if (files.length > 0) void controller.openPicked(files, describePicked(files));
            else controller.reportEmpty(name, unreadable);
          },
          (err: unknown) => controller.reportEmpty('', [{ path: 'drop', reason: String(err) }]),
        );
      }}
    >
      {children}
      {over && (
        <div className="drop-overlay" aria-hidden>
          <div>{t('app:drop_an_ascend_profiler_output_folder')}</div>
        </div>
      )}
    </div>
  );
}
