/** The documents of a request as links (drawings and photomontages open or download from the server). */
import { useI18n } from '../i18n/i18n.js';
import { kindKey } from './format.js';
import type { Attachment } from './requests-api.js';

/** Size in kB (or MB above one), as the language writes numbers. */
function useSize() {
  const { t, num } = useI18n();
  return (bytes: number) => (bytes >= 1048576 ? t('requests.files.mb', { value: num(bytes / 1048576, 1) }) : t('requests.files.kb', { value: num(Math.max(1, bytes / 1024), 0) }));
}

/** The list, or a line saying there is none. */
export function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  const { t } = useI18n();
  const size = useSize();
  if (attachments.length === 0) return <p className="muted">{t('requests.files.none')}</p>;
  return (
    <ul className="attachment-list" data-testid="attachments">
      {attachments.map((a) => (
        <li key={a.id} data-kind={a.kind}>
          <span className="kind-chip">{t(kindKey(a.kind))}</span>{' '}
          <a href={a.url} target="_blank" rel="noopener">
            <bdi>{a.filename}</bdi>
          </a>{' '}
          <span className="muted">
            {t('requests.files.meta', { type: a.content_type === 'application/pdf' ? 'PDF' : a.content_type.replace('image/', '').toUpperCase(), size: size(a.size_bytes) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
