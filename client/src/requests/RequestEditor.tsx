/** The operator's request form: what and where (pin on a map, or an existing structure), the antennas, the
 *  live pre-check, the sharing options with the reason for not sharing, the documents; saved as a draft or
 *  submitted. A file chosen before the first save saves the draft first, as the file belongs to it. */
import { useId, useMemo, useRef, useState } from 'react';
import { STRUCTURE_TYPES, type StructureType } from '../../../shared/model.js';
import { REQUEST_LIMITS, REQUEST_TYPES, type AttachmentKind, type RequestType } from '../../../shared/site-requests.js';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { navigate } from '../router.js';
import { AntennasEditor } from './AntennasEditor.js';
import { AttachmentsField } from './AttachmentsField.js';
import { FieldError } from './FieldError.js';
import { LocationFields } from './LocationFields.js';
import { PrecheckSection } from './PrecheckSection.js';
import { SharingOptions } from './SharingOptions.js';
import { typeKey } from './format.js';
import { draftBody, draftErrors, draftOf, emptyDraft, pinOf, sitingInput, type Draft } from './request-draft.js';
import { requestsApi, type RequestView, type SharingOption } from './requests-api.js';
import { useOperatorName } from './use-operators.js';
import { useSharing } from './use-sharing.js';

interface Props {
  view: RequestView | null;
  operatorId: string;
  onChange(view: RequestView): void;
}

/** The form. */
export function RequestEditor({ view, operatorId, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const operatorName = useOperatorName();
  const [draft, setDraft] = useState<Draft>(() => (view ? draftOf(view) : emptyDraft()));
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  // The stored request as of the last answer: async steps (several files in a row) must not create twice.
  const saved = useRef<RequestView | null>(view);
  if (view && (!saved.current || view.updated_at >= saved.current.updated_at)) saved.current = view;

  const isNew = draft.type === 'new_structure';
  const pin = pinOf(draft);
  const sharing = useSharing(pin, isNew);
  const justificationRequired = isNew && (sharing.answer?.justification_required ?? false);
  const localErrors = useMemo(() => draftErrors(draft, operatorId), [draft, operatorId]);
  const errors: Record<string, string> = { ...(attempted ? localErrors : {}), ...serverErrors };
  const input = useMemo(() => sitingInput(draft, operatorId), [draft, operatorId]);

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors({});
    setMessage(null);
  };

  /** Moves focus to the first field in error, after React has drawn the messages. */
  const focusFirstError = () => window.setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);

  const save = async (): Promise<RequestView | null> => {
    setAttempted(true);
    if (Object.keys(localErrors).length > 0) {
      focusFirstError();
      return null;
    }
    try {
      const body = draftBody(draft, operatorId);
      let v: RequestView;
      if (saved.current === null) {
        v = await requestsApi.create({ type: draft.type, ...body });
        // The address of the saved draft, without leaving the form (its state stays as typed).
        window.history.replaceState(null, '', `/requests/${v.id}`);
        if (draft.type !== 'new_structure') setDraft(draftOf(v));
      } else {
        v = await requestsApi.patch(saved.current.id, body);
      }
      saved.current = v;
      onChange(v);
      return v;
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        setServerErrors(e.fields);
        focusFirstError();
      }
      setMessage(t('requests.form.saveFailed', { message: e instanceof Error ? e.message : String(e) }));
      return null;
    }
  };

  const run = async (what: 'save' | 'submit') => {
    setBusy(what);
    setMessage(null);
    try {
      if (what === 'submit' && justificationRequired && draft.sharing_justification.trim() === '') {
        setServerErrors({ 'body.sharing_justification': 'required' });
        focusFirstError();
        return;
      }
      const v = await save();
      if (!v) return;
      if (what === 'save') {
        setMessage(t('requests.form.saved'));
        return;
      }
      onChange(await requestsApi.submit(v.id));
    } catch (e) {
      setMessage(t('requests.form.submitFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(null);
    }
  };

  const upload = async (kind: AttachmentKind, file: File) => {
    const v = saved.current ?? (await save());
    if (!v) throw new Error('not saved');
    await requestsApi.attach(v.id, file, file.name, kind);
    onChange(await requestsApi.get(v.id));
  };

  const shareInstead = async (o: SharingOption) => {
    const body = draftBody(draft, operatorId);
    const antennas = Object.keys(localErrors).some((k) => k.startsWith('body.antennas')) ? [] : body.antennas;
    try {
      const v = await requestsApi.create({ type: 'colocation', site_id: o.site_id, antennas, purpose: body.purpose, address: body.address });
      navigate(`/requests/${v.id}`);
    } catch (e) {
      setMessage(t('requests.form.saveFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const err = (f: string) => errors[`body.${f}`];
  const describe = (f: string) => (err(f) ? `${id}-${f}-err` : undefined);

  return (
    <form ref={form} className="request-form" noValidate onSubmit={(e) => e.preventDefault()}>
      <section className="form-section" aria-labelledby={`${id}-what`}>
        <h2 id={`${id}-what`}>{t('requests.form.what')}</h2>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('requests.form.type')}</label>
          <select id={`${id}-type`} name="type" value={draft.type} disabled={view !== null} onChange={(e) => update({ type: e.target.value as RequestType, site_id: null, site_code: null })}>
            {REQUEST_TYPES.map((rt) => (
              <option key={rt} value={rt}>
                {t(typeKey(rt))}
              </option>
            ))}
          </select>
        </div>
        <LocationFields draft={draft} editable={isNew} nearby={sharing.answer?.options ?? []} radiusM={sharing.answer?.radius_m ?? null} errors={errors} onChange={update} />
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-structure`}>{t('requests.form.structureType')}</label>
            <select id={`${id}-structure`} name="structure_type" value={draft.structure_type} disabled={!isNew} onChange={(e) => update({ structure_type: e.target.value as StructureType | '' })}>
              <option value="">{t('requests.form.choose')}</option>
              {STRUCTURE_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`structure.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-height`}>{t('requests.form.height')}</label>
            <input id={`${id}-height`} name="height_m" type="number" inputMode="decimal" dir="ltr" min={0} max={650} step="any" value={draft.height_m} aria-invalid={err('height_m') ? true : undefined} aria-describedby={describe('height_m')} onChange={(e) => update({ height_m: e.target.value })} />
            <FieldError id={`${id}-height_m-err`} field="body.height_m" message={err('height_m')} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-purpose`}>{t('requests.form.purpose')}</label>
          <textarea id={`${id}-purpose`} name="purpose" rows={3} maxLength={REQUEST_LIMITS.purposeChars} value={draft.purpose} aria-describedby={`${id}-purpose-hint`} onChange={(e) => update({ purpose: e.target.value })} />
          <p id={`${id}-purpose-hint`} className="muted">{t('requests.form.purposeHint')}</p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-address`}>{t('requests.form.address')}</label>
          <input id={`${id}-address`} name="address" maxLength={200} value={draft.address} onChange={(e) => update({ address: e.target.value })} />
        </div>
      </section>

      <section className="form-section" aria-labelledby={`${id}-ant`}>
        <h2 id={`${id}-ant`}>{t('requests.form.antennasTitle')}</h2>
        <AntennasEditor rows={draft.antennas} operatorName={operatorName(operatorId)} structureHeight={draft.height_m} errors={errors} onChange={(antennas) => update({ antennas })} />
      </section>

      <section className="form-section" aria-labelledby={`${id}-check`}>
        <h2 id={`${id}-check`}>{t('requests.precheck.title')}</h2>
        <PrecheckSection input={input} />
      </section>

      {isNew ? (
        <section className="form-section" aria-labelledby={`${id}-share`}>
          <h2 id={`${id}-share`}>{t('requests.sharing.title')}</h2>
          {pin ? (
            <SharingOptions
              options={sharing.answer?.options ?? []}
              radiusM={sharing.answer?.radius_m ?? null}
              loading={sharing.loading}
              onShare={(o) => void shareInstead(o)}
              justification={{ value: draft.sharing_justification, required: justificationRequired, error: err('sharing_justification'), onChange: (v) => update({ sharing_justification: v }) }}
            />
          ) : (
            <p className="muted">{t('requests.sharing.needsPin')}</p>
          )}
        </section>
      ) : null}

      <section className="form-section" aria-labelledby={`${id}-docs`}>
        <h2 id={`${id}-docs`}>{t('requests.files.title')}</h2>
        <p className="muted">{t(isNew ? 'requests.files.needNew' : 'requests.files.needChange')}</p>
        <AttachmentsField attachments={view?.attachments ?? []} editable onUpload={upload} />
      </section>

      <div className="form-actions">
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void run('save')} data-testid="save-draft">
          {busy === 'save' ? t('requests.form.saving') : t('requests.form.save')}
        </button>
        <button type="button" className="button" disabled={busy !== null} onClick={() => void run('submit')} data-testid="submit-request">
          {busy === 'submit' ? t('requests.form.submitting') : t('requests.form.submit')}
        </button>
        <p className="form-message" role="status">
          {message ?? (attempted && Object.keys(localErrors).length > 0 ? t('requests.form.fixErrors') : '')}
        </p>
      </div>
    </form>
  );
}
