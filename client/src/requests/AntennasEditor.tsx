/** The applicant's antennas: one labelled row per sector (technology, frequency, EIRP, azimuth or omni,
 *  tilt, height), added and removed freely; the operator is always the signed-in operator's own. */
import { useId } from 'react';
import { TECHNOLOGIES, type Technology } from '../../../shared/model.js';
import { useI18n } from '../i18n/i18n.js';
import { newAntenna, type AntennaRow } from './request-draft.js';
import { FieldError } from './FieldError.js';

interface Props {
  rows: readonly AntennaRow[];
  operatorName: string;
  structureHeight: string;
  errors: Readonly<Record<string, string>>;
  disabled?: boolean;
  onChange(rows: AntennaRow[]): void;
}

type NumberField = 'frequency_mhz' | 'eirp_w' | 'azimuth_deg' | 'tilt_deg' | 'height_m';
const NUMBER_FIELDS: readonly { field: NumberField; label: 'requests.antenna.frequency' | 'requests.antenna.eirp' | 'requests.antenna.azimuth' | 'requests.antenna.tilt' | 'requests.antenna.height'; min: number; max: number; step: string }[] = [
  { field: 'frequency_mhz', label: 'requests.antenna.frequency', min: 30, max: 300000, step: 'any' },
  { field: 'eirp_w', label: 'requests.antenna.eirp', min: 0, max: 1000000, step: 'any' },
  { field: 'azimuth_deg', label: 'requests.antenna.azimuth', min: 0, max: 359.9, step: 'any' },
  { field: 'tilt_deg', label: 'requests.antenna.tilt', min: -30, max: 90, step: 'any' },
  { field: 'height_m', label: 'requests.antenna.height', min: 0, max: 650, step: 'any' },
];

/** The antenna rows with add and remove. */
export function AntennasEditor({ rows, operatorName, structureHeight, errors, disabled, onChange }: Props) {
  const { t, num } = useI18n();
  const id = useId();
  const set = (key: number, patch: Partial<AntennaRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  // A new sector faces away from the last one (three sectors 120° apart are the usual macro layout).
  const add = () => {
    const last = rows.at(-1);
    const az = last && !last.omni && last.azimuth_deg !== '' ? (Number(last.azimuth_deg) + 120) % 360 : 0;
    onChange([...rows, newAntenna(structureHeight, Number.isFinite(az) ? az : 0)]);
  };

  return (
    <fieldset className="antennas-editor" disabled={disabled}>
      <legend className="visually-hidden">{t('requests.form.antennas', { count: rows.length })}</legend>
      {rows.length === 0 ? <p className="muted">{t('requests.form.noAntennas')}</p> : null}
      <ol className="antenna-rows">
        {rows.map((r, i) => {
          const base = `${id}-${r.key}`;
          const err = (f: string) => errors[`body.antennas.${i}.${f}`];
          return (
            <li key={r.key} className="antenna-edit" data-testid="antenna-row">
              <fieldset>
                <legend>{t('requests.antenna.title', { n: num(i + 1) })}</legend>
                <div className="antenna-grid">
                  <div className="field">
                    <span className="field-label">{t('requests.antenna.operator')}</span>
                    <span className="field-static">{operatorName}</span>
                  </div>
                  <div className="field">
                    <label htmlFor={`${base}-tech`}>{t('requests.antenna.technology')}</label>
                    <select id={`${base}-tech`} name={`antenna-${i}-technology`} value={r.technology} onChange={(e) => set(r.key, { technology: e.target.value as Technology })}>
                      {TECHNOLOGIES.map((tech) => (
                        <option key={tech} value={tech}>
                          {t(`tech.${tech}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  {NUMBER_FIELDS.map(({ field, label, min, max, step }) =>
                    field === 'azimuth_deg' && r.omni ? null : (
                      <div className="field" key={field}>
                        <label htmlFor={`${base}-${field}`}>{t(label)}</label>
                        <input
                          id={`${base}-${field}`}
                          name={`antenna-${i}-${field}`}
                          type="number"
                          inputMode="decimal"
                          dir="ltr"
                          min={min}
                          max={max}
                          step={step}
                          value={r[field]}
                          aria-invalid={err(field) ? true : undefined}
                          aria-describedby={err(field) ? `${base}-${field}-err` : undefined}
                          onChange={(e) => set(r.key, { [field]: e.target.value })}
                        />
                        <FieldError id={`${base}-${field}-err`} field={`body.antennas.${i}.${field}`} message={err(field)} />
                      </div>
                    ),
                  )}
                  <div className="field field-check">
                    <label>
                      <input type="checkbox" name={`antenna-${i}-omni`} checked={r.omni} onChange={(e) => set(r.key, { omni: e.target.checked })} />
                      {t('requests.antenna.omni')}
                    </label>
                  </div>
                </div>
                <button type="button" className="button secondary small" onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
                  {t('requests.antenna.remove', { n: num(i + 1) })}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button secondary" onClick={add} data-testid="add-antenna">
        {t('requests.antenna.add')}
      </button>
    </fieldset>
  );
}
