/** A field's error under it, in the current language: what the field accepts (request-draft.ts errorKey). */
import { useI18n } from '../i18n/i18n.js';
import { errorKey } from './request-draft.js';

/** The message for `field` when `message` (the schema's, the server's, or 'required') says it is wrong; nothing otherwise. */
export function FieldError({ id, field, message }: { id: string; field: string; message: string | undefined }) {
  const { t } = useI18n();
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {t(message === 'required' ? 'requests.err.required' : errorKey(field))}
    </p>
  );
}
