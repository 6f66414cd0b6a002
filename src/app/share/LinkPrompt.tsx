/**
 * A link to a view of local files: asks for those files ("open run-42 (4 files…) to see this
 * view"), and after they are opened says whether they match. Also shows the last share message.
 */
import { useAppStore } from '../../store/use-app-store';
import { useSession } from '../../session/session-context';
import { describePicked, filesFromInput } from '../../session/read-dropped-items';

export function LinkPrompt() {
  const controller = useSession();
  const pending = useAppStore((s) => s.pendingLink);
  const message = useAppStore((s) => s.shareMessage);
  const setMessage = useAppStore((s) => s.setShareMessage);
  const onPick = (list: FileList | null) => {
    const files = filesFromInput(list);
    if (files.length > 0) void controller.openPicked(files, describePicked(files));
  };
  return (
    <>
      {pending && (
        <div className="link-prompt" role="status" data-testid="link-prompt">
          This link shows a view of <strong>{pending.prompt}</strong>. Open those files to see it
          (they stay in your browser; the link carries only their names, sizes and a hash).{' '}
          <label className="button">
            Open folder
            <input
              type="file"
              hidden
              webkitdirectory=""
              multiple
              data-testid="link-open-folder"
              onChange={(e) => {
                onPick(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </label>{' '}
          <label className="button">
            Open files
            <input
              type="file"
              hidden
              multiple
              data-testid="link-open-files"
              onChange={(e) => {
                onPick(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </label>
        </div>
      )}
      {message && (
        <div className="share-message" role="status" data-testid="share-message">
          {message}{' '}
          <button className="button subtle" aria-label="Dismiss" onClick={() => setMessage(null)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
