/** What is proposed, in plain words: who, what kind of work, where, why, how high, and which antennas
 *  with their predicted compliance distances. Shared by the operator's, the planner's and the public page. */
import type { ProposalView } from './requests-api.js';
import { useI18n } from '../i18n/i18n.js';
import { AntennaTable } from '../map/AntennaTable.js';
import { typeKey } from './format.js';
import { useOperatorName } from './use-operators.js';

type Facts = Pick<ProposalView, 'id' | 'type' | 'operator' | 'operator_id' | 'site_code' | 'lon' | 'lat' | 'structure_type' | 'height_m' | 'antennas' | 'purpose' | 'address'>;

/** The facts list and the antennas table. */
export function RequestFacts({ facts }: { facts: Facts }) {
  const { t, num, name } = useI18n();
  const operatorName = useOperatorName();
  const unknown = t('site.unknown');
  const antennas = facts.antennas.map((a, i) => ({ ...a, id: i + 1, site_id: 0 }));
  return (
    <>
      <dl className="facts request-facts">
        <dt>{t('requests.facts.operator')}</dt>
        <dd>{name(facts.operator)}</dd>
        <dt>{t('requests.facts.type')}</dt>
        <dd>
          {t(typeKey(facts.type))}
          {facts.site_code ? (
            <>
              {' · '}
              <bdi>{facts.site_code}</bdi>
            </>
          ) : null}
        </dd>
        <dt>{t('requests.facts.structure')}</dt>
        <dd>{facts.structure_type ? t(`structure.${facts.structure_type}`) : unknown}</dd>
        <dt>{t('requests.facts.height')}</dt>
        <dd>{facts.height_m !== null ? t('unit.metres', { value: num(facts.height_m, 1) }) : unknown}</dd>
        <dt>{t('requests.facts.where')}</dt>
        <dd>
          {facts.address ? <><bdi>{facts.address}</bdi> · </> : null}
          {facts.lat !== null && facts.lon !== null ? <bdi dir="ltr">{`${facts.lat.toFixed(5)}, ${facts.lon.toFixed(5)}`}</bdi> : unknown}
        </dd>
        <dt>{t('requests.facts.why')}</dt>
        <dd className="prewrap" dir="auto">{facts.purpose || unknown}</dd>
      </dl>
      <h3>{t('site.antennas', { count: antennas.length })}</h3>
      {antennas.length === 0 ? (
        <p className="muted">{t('site.noAntennas')}</p>
      ) : (
        <AntennaTable code={t('requests.facts.caption', { id: num(facts.id) })} antennas={antennas} lon={facts.lon ?? 0} lat={facts.lat ?? 0} operatorName={operatorName} />
      )}
    </>
  );
}
