/** The dashboard: structures counted by operator, status, technology and type as SVG charts; density per district
 *  as a chart against the policy's limit, a table and a map; concern hotspots; request throughput. */
import type { SummaryResponse } from '../../../shared/api/planning.js';
import type { MessageKey } from '../i18n/fa.js';
import { useI18n } from '../i18n/i18n.js';
import { BarChart, barsOf } from './charts.js';
import { DensityMapPanel } from './DensityMapPanel.js';
import { ExportLinks, Figure, useExportLinks } from './parts.js';
import type { Basics } from './use-basics.js';

const STATUS_COLOR: Record<string, string> = { active: '#2e7d32', approved: '#1f5fbf', proposed: '#8a959e', unpermitted: '#b3261e' };

/** The request throughput tiles, or a line saying there are none yet. */
function Requests({ requests }: { requests: SummaryResponse['requests'] }) {
  const { t, num } = useI18n();
  return (
    <section className="planning-card" aria-labelledby="requests-title">
      <h2 id="requests-title">{t('planning.dash.requests')}</h2>
      {!requests.available || requests.submitted === 0 ? (
        <p className="muted">{t('planning.dash.requestsNone')}</p>
      ) : (
        <div className="plan-figures" data-testid="request-figures">
          <Figure value={num(requests.submitted)} caption={t('planning.dash.submitted')} />
          <Figure value={num(requests.decided)} caption={t('planning.dash.decided')} />
          <Figure value={requests.median_days_to_decision === null ? t('planning.dash.noMedian') : num(requests.median_days_to_decision, 1)} caption={t('planning.dash.median')} />
          <Figure value={num(requests.overdue)} caption={t('planning.dash.overdue')} tone={requests.overdue > 0 ? 'bad' : undefined} />
        </div>
      )}
    </section>
  );
}

/** The district table: area, structures, per km² (over the limit in bold), shared, unpermitted, open concerns. */
export function DistrictTable({ summary, limit }: { summary: SummaryResponse; limit: number }) {
  const { t, num, lang } = useI18n();
  return (
    <div className="plan-table-wrap">
      <table className="plan-table" data-testid="district-table">
        <thead>
          <tr>
            {(['district', 'area', 'structures', 'perKm2', 'shared', 'unpermitted', 'concerns'] as const).map((c) => (
              <th key={c} scope="col">{t(`planning.dash.col.${c}` as MessageKey)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.districts.map((d) => (
            <tr key={d.id} className={summary.district?.id === d.id ? 'plan-current' : undefined}>
              <th scope="row">{lang === 'fa' ? d.name_fa : d.name_en}</th>
              <td>{num(d.area_km2, 1)}</td>
              <td>{num(d.structures)}</td>
              <td className={d.per_km2 > limit ? 'plan-over' : undefined}>{num(d.per_km2, 1)}</td>
              <td>{num(d.shared)}</td>
              <td>{num(d.unpermitted)}</td>
              <td>{num(d.open_concerns)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The counts as charts. */
export function CountCharts({ summary, basics }: { summary: SummaryResponse; basics: Basics }) {
  const { t } = useI18n();
  const s = summary.sites;
  return (
    <div className="plan-charts">
      <BarChart title={t('planning.dash.byOperator')} bars={barsOf(s.by_operator, basics.operatorName, basics.operatorColor)} />
      <BarChart title={t('planning.dash.byStatus')} bars={barsOf(s.by_status, (k) => t(`status.${k}` as MessageKey), (k) => STATUS_COLOR[k])} />
      <BarChart title={t('planning.dash.byTechnology')} bars={barsOf(s.by_technology, (k) => t(`tech.${k}` as MessageKey))} />
      <BarChart title={t('planning.dash.byStructure')} bars={barsOf(s.by_structure, (k) => t(`structure.${k}` as MessageKey))} />
    </div>
  );
}

/** The dashboard section for the whole city or one district. */
export function DashboardView({ summary, basics, limit, cellKm, district }: { summary: SummaryResponse; basics: Basics; limit: number; cellKm: number; district?: number }) {
  const { t, num, lang } = useI18n();
  const s = summary.sites;
  const top = summary.concerns.hotspots[0]?.count ?? 0;
  const links = useExportLinks();
  return (
    <div className="planning-section">
      <div className="plan-figures" data-testid="dashboard-figures">
        <Figure value={num(s.total)} caption={t('planning.dash.total')} />
        <Figure value={num(s.shared)} caption={t('planning.dash.shared')} />
        <Figure value={num(s.by_status.unpermitted ?? 0)} caption={t('planning.dash.unpermitted')} tone={(s.by_status.unpermitted ?? 0) > 0 ? 'bad' : undefined} />
        <Figure value={num(summary.concerns.open)} caption={t('planning.dash.col.concerns')} />
      </div>
      <CountCharts summary={summary} basics={basics} />
      <DensityMapPanel basics={basics} summary={summary} cellKm={cellKm} />
      <section className="planning-card" aria-labelledby="districts-title">
        <h2 id="districts-title">{t('planning.dash.districts')}</h2>
        <BarChart
          title={t('planning.dash.perKm2Chart')}
          bars={summary.districts.map((d) => ({ key: String(d.id), label: lang === 'fa' ? d.name_fa : d.name_en, value: d.per_km2, color: d.per_km2 > limit ? '#bd0026' : '#fd8d3c' }))}
          format={(v) => num(v, 1)}
          mark={{ value: limit, label: `${num(limit)} / km²` }}
        />
        <DistrictTable summary={summary} limit={limit} />
        <ExportLinks path="/api/planning/summary" query={{ district }} links={links} />
      </section>
      <section className="planning-card" aria-labelledby="concerns-title">
        <h2 id="concerns-title">{t('planning.dash.concerns')}</h2>
        <p>{summary.concerns.total === 0 ? t('planning.dash.concernsNone') : t('planning.dash.concernsSummary', { total: num(summary.concerns.total), open: num(summary.concerns.open), top: num(top) })}</p>
      </section>
      <Requests requests={summary.requests} />
    </div>
  );
}
