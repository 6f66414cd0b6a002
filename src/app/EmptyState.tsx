/** What a first-time visitor sees when nothing is open (e.g. `?demo=0`). */
import { t } from '../i18n/t';
export function EmptyState() {
  return (
    <main className="empty-state">
      <h1>{t('app:open_a_profile')}</h1>
      <p>
        {t('app:drop_an')} <code>{t('app:ascend_profiler_output')}</code> {t('app:folder_a')}{' '}
        <code>{t('app:ascend_pt')}</code> {t('app:folder_a_folder_of_several_ranks')}{' '}
        <code>{t('app:zip')}</code> {t('app:of_one_or_any_chrome_trace')}{' '}
        <code>{t('app:json')}</code> / <code>{t('app:json_gz')}</code>{' '}
        {t('app:anywhere_on_this_page_or_use')} <em>{t('app:open_folder')}</em> /{' '}
        <em>{t('app:open_files')}</em>.
      </p>
      <p className="muted">{t('app:everything_is_read_in_your_browser')}</p>
    </main>
  );
}
