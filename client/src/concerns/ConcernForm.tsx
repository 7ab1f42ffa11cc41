/** The concern form beside the map (a full-screen sheet on a phone): category, description, photo,
 *  private contact; before sending, nearby open concerns of the same kind are offered as "me too";
 *  after sending, the concern's page opens with its tracking code. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ConcernCategory } from '../../../shared/concerns.js';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { navigate } from '../router.js';
import { concernsApi, type NearbyConcern } from './concerns-api.js';
import { CategoryField, ContactFields, DescriptionField, Honeypot, type Contact, type FieldErrors } from './FilingFields.js';
import { NearbyOffer } from './NearbyOffer.js';
import { PhotoField } from './PhotoField.js';
import type { FilingTarget } from './use-concern-filing.js';
import './concerns-form.css';

interface Props {
  target: FilingTarget;
  onBack(): void;
  onClose(): void;
}

type Phase = 'edit' | 'checking' | 'offer' | 'sending';

/** The form and its sending. */
export function ConcernForm({ target, onBack, onClose }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [category, setCategory] = useState<ConcernCategory | null>(null);
  const [description, setDescription] = useState('');
  const [photo, setPhoto] = useState<string | null>(null);
  const [photoBusy, setPhotoBusy] = useState(false);
  const [contact, setContact] = useState<Contact>({ name: '', email: '', phone: '' });
  const [website, setWebsite] = useState('');
  const [phase, setPhase] = useState<Phase>('edit');
  const [nearby, setNearby] = useState<NearbyConcern[]>([]);
  const [supporting, setSupporting] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  // The category a resident chose to send anyway after seeing the nearby ones: not offered again.
  const sendAnyway = useRef<ConcernCategory | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const fail = (e: unknown) => {
    setPhase('edit');
    if (e instanceof ApiError) {
      setErrors(e.fields);
      setError(e.status === 429 ? t('concerns.form.rateLimited') : e.status === 0 ? t('concerns.form.offline') : t('concerns.form.error', { message: e.message }));
    } else setError(t('concerns.form.error', { message: String(e) }));
    window.setTimeout(() => errorBox.current?.focus(), 0);
  };

  const send = async (chosen: ConcernCategory) => {
    setPhase('sending');
    try {
      const view = await concernsApi.file({
        lat: target.lat,
        lon: target.lon,
        site_id: target.site?.id ?? null,
        category: chosen,
        description,
        name: contact.name || null,
        email: contact.email || null,
        phone: contact.phone || null,
        photo_base64: photo,
        website,
      });
      navigate(`/concerns/${view.code}?filed=1`);
    } catch (e) {
      fail(e);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setErrors({});
    if (!category) {
      setErrors({ category: t('concerns.form.chooseCategory') });
      document.querySelector<HTMLInputElement>('.category-field input')?.focus();
      return;
    }
    if (sendAnyway.current === category) return send(category);
    setPhase('checking');
    try {
      const near = await concernsApi.nearby(target.lat, target.lon, category);
      if (near.length > 0) {
        setNearby(near);
        setPhase('offer');
        return;
      }
    } catch (err) {
      // The check helps; it must not stop a resident from being heard.
      console.warn('nearby concerns', err);
    }
    await send(category);
  };

  const meToo = async (code: string) => {
    setSupporting(code);
    try {
      const r = await concernsApi.support(code);
      navigate(`/concerns/${code}?${r.counted ? 'joined' : 'counted'}=1`);
    } catch (e) {
      setSupporting(null);
      fail(e);
    }
  };

  const fileAnyway = () => {
    if (!category) return;
    sendAnyway.current = category;
    void send(category);
  };

  const busy = phase === 'checking' || phase === 'sending';
  return (
    <section className="concern-form-panel" aria-labelledby={`${id}-title`} data-testid="concern-form">
      <div className="concern-form-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {t('concerns.form.title')}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('concerns.form.close')}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path d="M5 5l14 14M19 5L5 19" stroke="currentColor" strokeWidth="2.5" />
          </svg>
        </button>
      </div>
      <p className="muted">{t('concerns.form.intro')}</p>
      <div className="form-where">
        <p>
          <strong>{t('concerns.form.where')}</strong> {target.site ? t('concerns.pick.site', { code: target.site.code }) : t('concerns.form.atPoint')}
        </p>
        <button type="button" className="text-button" onClick={onBack} disabled={busy}>
          {t('concerns.form.changePlace')}
        </button>
      </div>
      {error ? (
        <div ref={errorBox} className="form-error" role="alert" tabIndex={-1}>
          {error}
        </div>
      ) : null}
      {phase === 'offer' ? (
        <NearbyOffer items={nearby} busyCode={supporting} onMeToo={(code) => void meToo(code)} onFileAnyway={fileAnyway} />
      ) : null}
      {/* Kept mounted under the offer, so the chosen photo and typed text stay as they were. */}
      <form className="concern-form" hidden={phase === 'offer'} onSubmit={(e) => void submit(e)} noValidate>
        <CategoryField id={id} value={category} error={errors.category ?? errors['body.category']} onChange={setCategory} />
        <DescriptionField id={id} value={description} error={errors['body.description']} onChange={setDescription} />
        <PhotoField id={id} value={photo} error={errors['body.photo_base64']} onChange={setPhoto} onBusy={setPhotoBusy} />
        <ContactFields id={id} value={contact} errors={errors} onChange={setContact} />
        <Honeypot value={website} onChange={setWebsite} />
        <button type="submit" className="button concern-wide" disabled={busy || photoBusy} aria-busy={busy} data-testid="concern-submit">
          {phase === 'checking' ? t('concerns.form.checking') : phase === 'sending' ? t('concerns.form.sending') : t('concerns.form.submit')}
        </button>
      </form>
    </section>
  );
}
