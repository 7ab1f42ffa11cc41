/** Where the structure goes: a pin placed by a click or a drag on the map, or typed as latitude and
 *  longitude (for keyboards and surveyed points); for a change or colocation, the structure picked by code. */
import { useId } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { FieldError } from './FieldError.js';
import { PinMap } from './PinMap.js';
import { SitePicker } from './SitePicker.js';
import { pinOf, type Draft } from './request-draft.js';
import type { SharingOption } from './requests-api.js';

interface Props {
  draft: Draft;
  /** A new structure: the pin moves; otherwise the structure is picked and the map only shows it. */
  editable: boolean;
  nearby: readonly SharingOption[];
  radiusM: number | null;
  errors: Readonly<Record<string, string>>;
  onChange(patch: Partial<Draft>): void;
}

/** Seven decimals: about 1 cm, more than any survey gives. */
const coord = (v: number) => v.toFixed(7);

/** The map, the coordinate fields and (for changes) the structure picker. */
export function LocationFields({ draft, editable, nearby, radiusM, errors, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const pin = pinOf(draft);
  const err = (f: 'lon' | 'lat') => errors[`body.${f}`];

  return (
    <div className="location-fields">
      {!editable ? (
        <SitePicker
          chosen={draft.site_code}
          onChoose={(f) =>
            onChange({
              site_id: f.properties.id, site_code: f.properties.code, lon: coord(f.geometry.coordinates[0]!), lat: coord(f.geometry.coordinates[1]!),
              structure_type: f.properties.structure_type, height_m: draft.height_m || String(f.properties.height_m),
            })
          }
        />
      ) : (
        <p className="muted" id={`${id}-how`}>{t('requests.form.pinHow')}</p>
      )}
      <PinMap
        position={pin}
        onMove={editable ? (lon, lat) => onChange({ lon: coord(lon), lat: coord(lat) }) : undefined}
        radiusM={editable ? radiusM : null}
        nearby={nearby.map((o) => ({ id: o.site_id, lon: o.lon, lat: o.lat, label: o.code }))}
        label={t('requests.map.formLabel')}
        className="form-map"
      />
      {editable && radiusM !== null ? <p className="muted map-key">{t('requests.map.key', { radius: radiusM })}</p> : null}
      <div className="field-row">
        {(['lat', 'lon'] as const).map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`${id}-${f}`}>{t(f === 'lat' ? 'requests.form.lat' : 'requests.form.lon')}</label>
            <input
              id={`${id}-${f}`}
              name={f}
              inputMode="decimal"
              dir="ltr"
              readOnly={!editable}
              value={draft[f]}
              aria-invalid={err(f) ? true : undefined}
              aria-describedby={err(f) ? `${id}-${f}-err` : undefined}
              onChange={(e) => onChange({ [f]: e.target.value })}
            />
            <FieldError id={`${id}-${f}-err`} field={`body.${f}`} message={err(f)} />
          </div>
        ))}
      </div>
    </div>
  );
}
