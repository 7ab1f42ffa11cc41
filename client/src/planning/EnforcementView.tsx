/** The Article 100 case list: structures without a permit, inside a sensitive place's buffer or fall zone, or with
 *  residents' open concerns; filtered by reason, sortable by column, on a map, exportable. */
import { useMemo, useState } from 'react';
import { ENFORCEMENT_REASONS, type EnforcementCase, type EnforcementReason } from '../../../shared/api/planning.js';
import type { MessageKey } from '../i18n/fa.js';
import { useI18n } from '../i18n/i18n.js';
import { FocusOn, MarkersLayer, type MarkerPoint } from './map-layers.js';
import { PlanningMap } from './PlanningMap.js';
import { planningApi } from './planning-api.js';
import { ExportLinks, LoadState, useExportLinks } from './parts.js';
import { Swatch } from './scale.js';
import type { Basics } from './use-basics.js';
import { useLoad } from './use-load.js';

/** Marker colour by the gravest reason (a permit first: it is the Article 100 violation). */
const REASON_COLOR: Record<EnforcementReason, string> = {
  unpermitted: '#b3261e', no_permit_number: '#e8590c', sensitive_buffer: '#6a3d9a', fall_zone: '#9c36b5', open_concerns: '#1f5fbf',
};
const LISTED = 300;
type Column = 'code' | 'status' | 'district' | 'reasons' | 'place' | 'concerns';

const sortKey: Record<Column, (c: EnforcementCase) => string | number> = {
  code: (c) => c.code,
  status: (c) => c.status,
  district: (c) => c.district_id ?? 0,
  reasons: (c) => -c.reasons.length,
  place: (c) => c.place?.distance_m ?? Infinity,
  concerns: (c) => -c.open_concerns,
};

/** The section. */
export function EnforcementView({ basics, district }: { basics: Basics; district?: number }) {
  const { t, num, list, name } = useI18n();
  const [reason, setReason] = useState<EnforcementReason | ''>('');
  const [sort, setSort] = useState<{ by: Column; up: boolean }>({ by: 'reasons', up: true });
  const [focus, setFocus] = useState<readonly number[] | null>(null);
  const data = useLoad((signal) => planningApi.enforcement({ district, reason: reason || undefined }, signal), `${district}/${reason}`);
  const links = useExportLinks();

  const cases = useMemo(() => {
    const key = sortKey[sort.by];
    const sorted = [...(data.data?.cases ?? [])].sort((a, b) => {
      const x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : a.code.localeCompare(b.code)) * (sort.up ? 1 : -1);
    });
    return sorted;
  }, [data.data, sort]);
  const points = useMemo<MarkerPoint[]>(() => cases.map((c) => ({
    id: c.site_id, position: [c.lon, c.lat], color: REASON_COLOR[c.reasons[0]!], radius: 5,
    label: `${c.code}: ${list(c.reasons.map((r) => t(`planning.reason.${r}` as MessageKey)))}`,
  })), [cases, list, t]);

  const header = (col: Column) => {
    const active = sort.by === col;
    return (
      <th scope="col" aria-sort={active ? (sort.up ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="plan-sort" onClick={() => setSort({ by: col, up: active ? !sort.up : true })}>
          {t(`planning.enf.col.${col}` as MessageKey)}
          <span aria-hidden="true">{active ? (sort.up ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="planning-section">
      <p className="plan-intro">{t('planning.enf.intro')}</p>
      <div className="plan-params">
        <div className="field">
          <label htmlFor="enf-reason">{t('planning.enf.reason')}</label>
          <select id="enf-reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value as EnforcementReason | '')}>
            <option value="">{t('planning.enf.allReasons')}</option>
            {ENFORCEMENT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`planning.reason.${r}` as MessageKey)}
                {data.data?.counts[r] !== undefined && !reason ? ` (${num(data.data.counts[r]!)})` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LoadState state={data} />
      {data.data ? (
        <>
          <p data-testid="case-count" data-count={cases.length}>{t('planning.enf.count', { count: num(cases.length) })}</p>
          <div className="plan-map-legend">
            <PlanningMap config={basics.config} districts={basics.districts} label={t('planning.tab.enforcement')}>
              <MarkersLayer points={points} onPick={(id) => document.getElementById(`case-${id}`)?.scrollIntoView({ block: 'center' })} />
              <FocusOn focus={focus} />
            </PlanningMap>
            <ul className="plan-legend">
              {ENFORCEMENT_REASONS.map((r) => <li key={r}><Swatch color={REASON_COLOR[r]} shape="dot" /> {t(`planning.reason.${r}` as MessageKey)}</li>)}
            </ul>
          </div>
          <ExportLinks path="/api/planning/enforcement" query={{ district, reason: reason || undefined }} links={links} />
          <div className="plan-table-wrap">
            <table className="plan-table" data-testid="case-table">
              <thead>
                <tr>
                  {header('code')}
                  {header('status')}
                  <th scope="col">{t('planning.enf.col.operators')}</th>
                  {header('district')}
                  {header('reasons')}
                  {header('place')}
                  {header('concerns')}
                </tr>
              </thead>
              <tbody>
                {cases.slice(0, LISTED).map((c) => (
                  <tr key={c.site_id} id={`case-${c.site_id}`}>
                    <th scope="row">
                      <button type="button" className="text-button plan-code" onClick={() => setFocus([c.lon, c.lat])}>{c.code}</button>
                    </th>
                    <td>{t(`status.${c.status}` as MessageKey)}</td>
                    <td>{list(c.operators.map(basics.operatorName))}</td>
                    <td className="plan-nowrap">{basics.districtName(c.district_id)}</td>
                    <td>{list(c.reasons.map((r) => t(`planning.reason.${r}` as MessageKey)))}</td>
                    <td>{c.place ? t('planning.enf.placeAt', { place: `${t(`place.${c.place.kind}` as MessageKey)} «${name(c.place)}»`, distance: num(c.place.distance_m, 1), limit: num(c.place.limit_m) }) : '—'}</td>
                    <td>{num(c.open_concerns)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cases.length > LISTED ? <p className="muted">{t('planning.enf.listed', { shown: num(LISTED), total: num(cases.length) })}</p> : null}
        </>
      ) : null}
    </div>
  );
}
