/** The legend line of the proposals layer, drawn as the map draws a proposal. */
import { useI18n } from '../i18n/i18n.js';

/** One legend item. */
export function ProposalLegend() {
  const { t } = useI18n();
  return (
    <li>
      <svg className="legend-symbol" aria-hidden="true" viewBox="0 0 28 28" width="28" height="28">
        <rect x="7" y="7" width="14" height="14" transform="rotate(45 14 14)" className="proposal-legend-mark" />
      </svg>
      {t('proposal.legend')}
    </li>
  );
}
