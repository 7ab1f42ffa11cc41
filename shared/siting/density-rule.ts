/** density: structures per km² in the equal-area cell of the proposed point, the new one included (DOMAIN.md section 4). */
import { cellIdOf } from '../density.js';
import type { SitingContext, SitingInput } from './request.js';
import type { RuleResult } from './rule-result.js';
import { enNumber, faNumber } from './wording.js';

/** Warns when the cell's density after adding the structure exceeds the policy's maximum. */
export function checkDensity(input: SitingInput, ctx: SitingContext): RuleResult {
  const rule = ctx.policy.rules.density;
  const cellId = cellIdOf(input.lon, input.lat, rule.cell_km);
  let existing = ctx.densityCount;
  if (existing === undefined) {
    existing = 0;
    for (const s of ctx.sites) {
      if (s.id !== input.site_id && s.status !== 'decommissioned' && cellIdOf(s.lon, s.lat, rule.cell_km) === cellId) existing++;
    }
  }
  const count = existing + 1;
  const perKm2 = count / (rule.cell_km * rule.cell_km);
  const cell = { fa: faNumber(rule.cell_km * rule.cell_km, 2), en: enNumber(rule.cell_km * rule.cell_km, 2) };
  const text = {
    fa: `با این سازه، ${faNumber(count, 0)} سازه در سلول ${cell.fa} کیلومترمربعی این نقطه خواهد بود: ${faNumber(perKm2)} سازه در هر کیلومترمربع`,
    en: `With this structure the ${cell.en} km² cell of this point holds ${count} structure${count === 1 ? '' : 's'}: ${enNumber(perKm2)} per km²`,
  };
  const over = perKm2 > rule.max_per_km2;
  return {
    rule: 'density', status: over ? rule.status : 'pass', measured: perKm2, limit: rule.max_per_km2, unit: 'structures/km²', related: [],
    message: {
      fa: `${text.fa}؛ ${over ? 'بیش از' : 'در حد'} سقف ${faNumber(rule.max_per_km2)}.`,
      en: `${text.en}; ${over ? 'above' : 'within'} the maximum of ${enNumber(rule.max_per_km2)}.`,
    },
  };
}
