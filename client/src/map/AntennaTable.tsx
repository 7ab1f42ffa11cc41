/** A site's antennas with each one's predicted main-beam compliance distance (shared/exposure.ts). */
import { complianceDistanceM } from '../../../shared/exposure.js';
import type { Antenna } from '../../../shared/model.js';
import { useI18n } from '../i18n/i18n.js';

/** r_c = sqrt(F_PR · P / (4π S_lim(f))) in metres, or null when the frequency is outside the ICNIRP table. */
export function antennaComplianceM(a: Antenna, lon: number, lat: number): number | null {
  try {
    return complianceDistanceM({ lon, lat, height_m: a.height_m, azimuth_deg: a.azimuth_deg, tilt_deg: a.tilt_deg, eirp_w: a.eirp_w, frequency_mhz: a.frequency_mhz, power_reduction: a.power_reduction });
  } catch {
    return null;
  }
}

interface Props {
  code: string;
  antennas: readonly Antenna[];
  lon: number;
  lat: number;
  operatorName(id: string): string;
}

/** The antennas table, scrollable sideways on a phone. */
export function AntennaTable({ code, antennas, lon, lat, operatorName }: Props) {
  const { t, num } = useI18n();
  const caption = t('antenna.caption', { code });
  return (
    // A focusable, labelled scroll region: the table is wider than a phone.
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="antenna-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('antenna.operator')}</th>
            <th scope="col">{t('antenna.technology')}</th>
            <th scope="col">{t('antenna.frequency')}</th>
            <th scope="col">{t('antenna.azimuth')}</th>
            <th scope="col">{t('antenna.tilt')}</th>
            <th scope="col">{t('antenna.height')}</th>
            <th scope="col">{t('antenna.eirp')}</th>
            <th scope="col">{t('antenna.compliance')}</th>
          </tr>
        </thead>
        <tbody>
          {antennas.map((a) => {
            const rc = antennaComplianceM(a, lon, lat);
            return (
              <tr key={a.id} className="antenna-row">
                <td>{operatorName(a.operator_id)}</td>
                <td>
                  <bdi>{a.technology}</bdi>
                </td>
                <td>{num(a.frequency_mhz)}</td>
                <td>{a.azimuth_deg === null ? t('antenna.omni') : t('unit.degrees', { value: num(a.azimuth_deg) })}</td>
                <td>{t('unit.degrees', { value: num(a.tilt_deg, 1) })}</td>
                <td>{num(a.height_m, 1)}</td>
                <td>{num(a.eirp_w)}</td>
                <td className="rc">{rc === null ? '–' : num(rc, 1)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
