/** Synthetic antennas for a synthetic site: per mobile operator, one to three band layers of three
 *  sectors on a macro site, or one omni antenna on a small cell. EIRP ranges are the typical values
 *  of DOMAIN.md section 5; the band plan is plausible for Iran but not an official allocation. */
import type { AntennaInput, StructureType, Technology } from '../../shared/model.js';
import { cumulativeWeights, type Rng } from './prng.js';

/** A band layer an operator may deploy: technology, nominal frequency and main-beam EIRP range. */
interface Band {
  technology: Technology;
  /** Nominal band in MHz (the exposure limit varies too little inside a band to matter here). */
  frequencyMhz: number;
  eirpMinW: number;
  eirpMaxW: number;
  /** Massive-MIMO power-reduction factor (DOMAIN.md section 5): 0.25 for NR 3500, else 1. */
  powerReduction: number;
}

const GSM900: Band = { technology: 'GSM', frequencyMhz: 900, eirpMinW: 300, eirpMaxW: 1500, powerReduction: 1 };
const UMTS2100: Band = { technology: 'UMTS', frequencyMhz: 2100, eirpMinW: 200, eirpMaxW: 1000, powerReduction: 1 };
const LTE800: Band = { technology: 'LTE', frequencyMhz: 800, eirpMinW: 300, eirpMaxW: 1500, powerReduction: 1 };
const LTE1800: Band = { technology: 'LTE', frequencyMhz: 1800, eirpMinW: 500, eirpMaxW: 2500, powerReduction: 1 };
const LTE2600: Band = { technology: 'LTE', frequencyMhz: 2600, eirpMinW: 400, eirpMaxW: 2000, powerReduction: 1 };
// ≈ 50 kW theoretical EIRP for a 3.5 GHz massive-MIMO sector (DOMAIN.md section 5).
const NR3500: Band = { technology: 'NR', frequencyMhz: 3500, eirpMinW: 20000, eirpMaxW: 50000, powerReduction: 0.25 };

/** Bands and relative weights per operator (invented; RighTel runs no GSM, only MCI and Irancell NR). */
const BAND_PLAN: Record<string, { bands: readonly Band[]; weights: readonly number[] }> = {
  mci: { bands: [GSM900, UMTS2100, LTE1800, LTE2600, LTE800, NR3500], weights: [20, 15, 35, 12, 8, 10] },
  irancell: { bands: [GSM900, UMTS2100, LTE1800, LTE2600, LTE800, NR3500], weights: [18, 15, 35, 14, 6, 12] },
  rightel: { bands: [UMTS2100, LTE1800, LTE2600], weights: [35, 45, 20] },
};
const SMALL_CELL_BANDS: readonly Band[] = [LTE1800, LTE2600, NR3500];
const SMALL_CELL_WEIGHTS = cumulativeWeights([50, 35, 15]);

/** Chance of a second and of a third band layer per operator on a macro site. */
const SECOND_LAYER = 0.45;
const THIRD_LAYER = 0.15;

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The distinct band layers one operator deploys on a macro site. */
function drawLayers(rng: Rng, operatorId: string): Band[] {
  const plan = BAND_PLAN[operatorId] ?? BAND_PLAN.mci!;
  const wanted = 1 + (rng.chance(SECOND_LAYER) ? 1 : 0) + (rng.chance(THIRD_LAYER) ? 1 : 0);
  const weights = [...plan.weights];
  const layers: Band[] = [];
  while (layers.length < wanted) {
    const i = rng.weighted(weights);
    const band = plan.bands[i];
    if (!band) break;
    layers.push(band);
    weights[i] = 0; // without replacement
  }
  return layers;
}

/** The antennas of the given mobile operators on a site of this type and height (m above ground). */
export function generateAntennas(
  rng: Rng,
  structureType: StructureType,
  siteHeightM: number,
  operatorIds: readonly string[],
): AntennaInput[] {
  const antennas: AntennaInput[] = [];
  for (const operatorId of operatorIds) {
    if (structureType === 'small_cell') {
      const band = SMALL_CELL_BANDS[rng.fromCumulative(SMALL_CELL_WEIGHTS)] ?? LTE1800;
      antennas.push({
        operator_id: operatorId,
        technology: band.technology,
        frequency_mhz: band.frequencyMhz,
        eirp_w: Math.round(rng.uniform(5, 50)),
        azimuth_deg: null,
        tilt_deg: round1(rng.uniform(2, 6)),
        height_m: round1(Math.max(1, siteHeightM - rng.uniform(0.3, 1))),
        power_reduction: 1,
      });
      continue;
    }
    const rotation = rng.int(0, 119);
    for (const band of drawLayers(rng, operatorId)) {
      const heightM = round1(Math.max(1, siteHeightM - rng.uniform(0.5, 4)));
      const tiltDeg = round1(rng.uniform(2, 10));
      const eirpW = rng.uniform(band.eirpMinW, band.eirpMaxW);
      for (let sector = 0; sector < 3; sector++) {
        antennas.push({
          operator_id: operatorId,
          technology: band.technology,
          frequency_mhz: band.frequencyMhz,
          eirp_w: band.eirpMinW >= 10000 ? Math.round(eirpW / 100) * 100 : Math.round(eirpW),
          azimuth_deg: (rotation + sector * 120) % 360,
          tilt_deg: tiltDeg,
          height_m: heightM,
          power_reduction: band.powerReduction,
        });
      }
    }
  }
  return antennas;
}
