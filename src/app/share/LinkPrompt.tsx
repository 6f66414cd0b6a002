/**
 * A link to a view of local files: asks for those files ("open run-42 (4 files…) to see this
 * view"), and after they are opened says whether they match. Also shows the last share message.
 */
import { t } from '../../i18n/t';
import { messageNodes } from '../../ui/message-nodes';
import { useAppStore } from '../../store/use-app-store';
import { useSession } from '../../session/session-context';
import { describePicked, filesFromInput } from '../../session/read-dropped-items';
import { useShare } from './share-context';

export function LinkPrompt() {
  const controller = useSession();
  const share = useShare();
  const pending = useAppStore((s) => s.pendingLink);
  const message = useAppStore((s) => s.shareMessage);
  const setMessage = useAppStore((s) => s.setShareMessage);
  const onPick = (list: FileList | null) => {
    const files = filesFromInput(list);
    if (files.length === 0) return;
    // The run a link's view compares with opens beside the first one.
    if (pending?.alongside) void share.runs.open(files);
    else void controller.openPicked(files, describePicked(files));
  };
  return (
    <>
      {pending && (
        <div className="link-prompt" role="status" data-testid="link-prompt">
          {pending.alongside
            ? messageNodes('app:link_prompt_pair', { files: <strong>{pending.prompt}</strong> })
            : messageNodes('app:link_prompt_view', {
                files: <strong>{pending.prompt}</strong>,
              })}{' '}
          <label className="button">
            {t('app:open_folder')}
            <input
              type="file"
              className="visually-hidden"
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
            {t('app:open_files')}
            <input
              type="file"
              className="visually-hidden"
              multiple
              data-testid="link-open-files"
              onChange={(e) => {
                onPick(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </label>
          {pending.alongside && (
            <>
              {' '}
              <button
                className="button subtle"
                data-testid="link-skip-alongside"
                onClick={() => share.runs.skip()}
              >
                {t('app:skip')}
              </button>
            </>
          )}
        </div>
      )}
      {message && (
        <div className="share-message" role="status" data-testid="share-message">
          {message}{' '}
          <button
            className="button subtle"
            aria-label={t('app:dismiss')}
            onClick={() => setMessage(null)}
          >
            ×
          </button>
        </div>
      )}
    </>
  );
}
