/** The request's documents: one file picker per kind (technical drawing, photomontage, other), each file
 *  sent as it is and checked by the server from its bytes; a refused file says why, in words. */
import { useId, useState } from 'react';
import { ATTACHMENT_KINDS, REQUEST_LIMITS, type AttachmentKind } from '../../../shared/site-requests.js';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';
import { AttachmentList } from './AttachmentList.js';
import type { Attachment } from './requests-api.js';

const ADD_KEY: Record<AttachmentKind, MessageKey> = {
  drawing: 'requests.files.addDrawing',
  photomontage: 'requests.files.addPhotomontage',
  other: 'requests.files.addOther',
};

/** Why a file was refused, from the server's status (or the size checked before sending). */
function refusal(e: unknown): MessageKey {
  if (e instanceof ApiError) {
    if (e.status === 415) return 'requests.files.wrongType';
    if (e.status === 413) return 'requests.files.tooBig';
    if (e.code === 'too_many_files') return 'requests.files.tooMany';
    if (e.status === 409) return 'requests.files.notEditable';
    if (e.status === 400) return 'requests.files.empty';
  }
  return 'requests.files.failed';
}

interface Props {
  attachments: readonly Attachment[];
  editable: boolean;
  /** Saves the draft if needed and sends the file. */
  onUpload(kind: AttachmentKind, file: File): Promise<void>;
}

/** The pickers and the list. */
export function AttachmentsField({ attachments, editable, onUpload }: Props) {
  const { t, num } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState<AttachmentKind | null>(null);
  const [errors, setErrors] = useState<Partial<Record<AttachmentKind, string>>>({});

  const pick = async (kind: AttachmentKind, input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    setBusy(kind);
    setErrors((e) => ({ ...e, [kind]: undefined }));
    const problems: string[] = [];
    for (const file of files) {
      try {
        if (file.size > REQUEST_LIMITS.attachmentBytes) throw new ApiError(413, 'too_large', 'too large');
        await onUpload(kind, file);
      } catch (e) {
        problems.push(t(refusal(e), { name: file.name, mb: num(REQUEST_LIMITS.attachmentBytes / 1048576) }));
      }
    }
    setBusy(null);
    if (problems.length) setErrors((e) => ({ ...e, [kind]: problems.join(' ') }));
  };

  return (
    <div className="attachments">
      <AttachmentList attachments={attachments} />
      {editable ? (
        <div className="file-pickers">
          {ATTACHMENT_KINDS.map((kind) => (
            <div key={kind} className="field">
              <label htmlFor={`${id}-${kind}`}>{t(ADD_KEY[kind])}</label>
              <input
                id={`${id}-${kind}`}
                name={`attach-${kind}`}
                type="file"
                multiple
                accept="application/pdf,image/jpeg,image/png,image/webp,.pdf,.jpg,.jpeg,.png,.webp"
                disabled={busy !== null}
                aria-describedby={`${id}-hint${errors[kind] ? ` ${id}-${kind}-err` : ''}`}
                onChange={(e) => void pick(kind, e.currentTarget)}
              />
              {busy === kind ? <p className="muted" role="status">{t('requests.files.sending')}</p> : null}
              {errors[kind] ? (
                <p id={`${id}-${kind}-err`} className="field-error" role="alert" data-testid="attachment-error">
                  {errors[kind]}
                </p>
              ) : null}
            </div>
          ))}
          <p id={`${id}-hint`} className="muted">
            {t('requests.files.hint', { mb: num(REQUEST_LIMITS.attachmentBytes / 1048576) })}
          </p>
        </div>
      ) : null}
    </div>
  );
}
