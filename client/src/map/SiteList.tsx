/** The masts (and groups) in view as a list of buttons: the keyboard way into the map. */
import type { MapPoint } from '../api.js';
import { useI18n } from '../i18n/i18n.js';

/** More rows than this are not read by anyone; the map says to zoom in instead. */
const MAX_ROWS = 60;

interface Props {
  points: readonly MapPoint[];
  selectedId: number | null;
  operatorName(id: string): string;
  colorOf(operatorId: string): string | undefined;
  onSite(id: number): void;
  onCluster(position: readonly number[], zoom: number): void;
}

/** Lists the masts and groups of the current answer as buttons. */
export function SiteList({ points, selectedId, operatorName, colorOf, onSite, onCluster }: Props) {
  const { t, list } = useI18n();
  const sites = points.filter((p) => !p.properties.cluster);
  const clusters = points.filter((p) => p.properties.cluster);
  // Single masts first (they open a panel), then the groups, biggest first.
  const rows = [...sites, ...clusters.sort((a, b) => pointCount(b) - pointCount(a))];
  const shown = rows.slice(0, MAX_ROWS);

  return (
    <section className="panel-section" aria-labelledby="site-list-title">
      <h2 id="site-list-title" className="section-title" tabIndex={-1}>{t('list.title')}</h2>
      {rows.length === 0 ? <p className="muted">{t('list.empty')}</p> : null}
      {clusters.length > 0 && sites.length === 0 ? <p className="muted">{t('list.zoomIn')}</p> : null}
      <ul className="site-list">
        {shown.map((f) => {
          const p = f.properties;
          if (p.cluster) {
            return (
              <li key={`c${p.cluster_id}`}>
                <button type="button" className="list-button" onClick={() => onCluster(f.geometry.coordinates, p.expansion_zoom)}>
                  <span className="cluster-dot" aria-hidden="true" />
                  {t('list.cluster', { count: p.point_count })}
                </button>
              </li>
            );
          }
          return (
            <li key={p.id}>
              <button type="button" className="list-button" aria-current={p.id === selectedId ? 'true' : undefined} onClick={() => onSite(p.id)} data-site-id={p.id}>
                <span className="op-dot" aria-hidden="true" style={{ background: colorOf(p.operators[0] ?? '') ?? '#777' }} />
                <bdi className="code">{p.code}</bdi>
                <span className="list-meta">
                  {list(p.operators.map(operatorName))} · {t(`status.${p.status}`)}
                  {p.shared ? ` · ${t('site.shared')}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {rows.length > shown.length ? <p className="muted">{t('list.more', { count: rows.length - shown.length })}</p> : null}
    </section>
  );
}

const pointCount = (f: MapPoint): number => (f.properties.cluster ? f.properties.point_count : 1);
