/** The optional photo: chosen from the camera or the gallery, checked and re-encoded on the phone
 *  (photo-encode.ts), previewed, removable. */
import { useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';
import { preparePhoto, type PhotoProblem } from './photo-encode.js';

const PROBLEM: Record<PhotoProblem, MessageKey> = {
  type: 'concerns.form.photoType',
  size: 'concerns.form.photoSize',
  unreadable: 'concerns.form.photoUnreadable',
};

interface Props {
  id: string;
  /** The prepared photo as a JPEG data URL, or null. */
  value: string | null;
  error?: string;
  onChange(dataUrl: string | null): void;
  /** True while a chosen photo is being prepared (sending waits). */
  onBusy(busy: boolean): void;
}

/** The photo field. */
export function PhotoField({ id, value, error, onChange, onBusy }: Props) {
  const { t, num } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [size, setSize] = useState(0);
  const [busy, setBusy] = useState(false);

  const choose = async (file: File | undefined) => {
    setProblem(null);
    onChange(null);
    if (!file) return;
    setBusy(true);
    onBusy(true);
    try {
      const p = await preparePhoto(file);
      if (p.ok) {
        setSize(p.bytes);
        onChange(p.dataUrl);
      } else {
        setProblem(PROBLEM[p.problem]);
        if (input.current) input.current.value = '';
      }
    } finally {
      setBusy(false);
      onBusy(false);
    }
  };

  const remove = () => {
    onChange(null);
    setProblem(null);
    if (input.current) {
      input.current.value = '';
      input.current.focus();
    }
  };

  const message = problem ? t(problem) : error;
  const sizeText = size >= 1024 * 1024 ? t('concerns.form.megabytes', { value: num(size / 1024 / 1024, 1) }) : t('concerns.form.kilobytes', { value: num(Math.max(1, Math.round(size / 1024))) });
  return (
    <div className="field photo-field">
      <p id={`${id}-photo-title`} className="photo-title">
        {t('concerns.form.photo')}
      </p>
      <p id={`${id}-photo-help`} className="concern-field-help">
        {t('concerns.form.photoHelp')}
      </p>
      {/* The browser's own file button speaks the browser's language; this label is the visible button, in the page's. */}
      <input
        ref={input}
        id={`${id}-photo`}
        className="file-input"
        name="photo"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        onChange={(e) => void choose(e.target.files?.[0])}
        aria-labelledby={`${id}-photo-title ${id}-photo-button`}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-photo-help${message ? ` ${id}-photo-error` : ''}`}
      />
      <label id={`${id}-photo-button`} htmlFor={`${id}-photo`} className="button secondary file-button">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          <path d="M4 7h3l2-2.5h6L17 7h3v12H4z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
          <circle cx="12" cy="13" r="3.5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
        {value ? t('concerns.form.photoChosen') : t('concerns.form.photoChoose')}
      </label>
      <p className="photo-status" role="status">
        {busy ? t('concerns.form.photoPreparing') : value ? t('concerns.form.photoReady', { size: sizeText }) : ''}
      </p>
      {message ? (
        <p id={`${id}-photo-error`} className="concern-field-error">
          {message}
        </p>
      ) : null}
      {value ? (
        <div className="photo-preview">
          <img src={value} alt={t('concerns.form.photoPreview')} />
          <button type="button" className="button secondary" onClick={remove}>
            {t('concerns.form.photoRemove')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
