/** zone: no structure in a no-build zone; stealth structures only in a stealth-required zone (DOMAIN.md section 4). */
import { pointInPolygon } from '../geodesy.js';
import type { SitingContext, SitingInput } from './request.js';
import { worstStatus, type RelatedObject, type RuleResult, type RuleStatus } from './rule-result.js';
import { ZONE_KIND_EN, ZONE_KIND_FA } from './wording.js';

/** Applies the policy's action for every zone containing the point; the worst one decides. */
export function checkZone(input: SitingInput, ctx: SitingContext): RuleResult {
  const actions = ctx.policy.rules.zone.actions;
  const hits: { status: RuleStatus; related: RelatedObject; fa: string; en: string }[] = [];
  for (const zone of ctx.zones) {
    const action = actions[zone.kind];
    if (action === 'ignore' || !pointInPolygon(input.lon, input.lat, zone.geometry)) continue;
    const stealth = input.structure_type === 'stealth';
    const status: RuleStatus = action === 'warn_unless_stealth' ? (stealth ? 'pass' : 'warn') : action;
    const name = { fa: `${ZONE_KIND_FA[zone.kind]} «${zone.name_fa}»`, en: `${ZONE_KIND_EN[zone.kind]} “${zone.name_en}”` };
    const said =
      action === 'warn_unless_stealth'
        ? stealth
          ? { fa: `محل در ${name.fa} است و سازه استتارشده است.`, en: `The point is in the ${name.en} and the structure is stealth.` }
          : { fa: `محل در ${name.fa} است؛ سازه باید از نوع استتارشده باشد.`, en: `The point is in the ${name.en}; the structure must be stealth.` }
        : status === 'fail'
          ? { fa: `محل در ${name.fa} است و نصب دکل در آن مجاز نیست.`, en: `The point is in the ${name.en}, where no structure may be built.` }
          : { fa: `محل در ${name.fa} است و به بررسی ویژه نیاز دارد.`, en: `The point is in the ${name.en} and needs special review.` };
    hits.push({ status, related: { type: 'zone', id: zone.id, kind: zone.kind, name: zone.name_en, name_fa: zone.name_fa }, ...said });
  }
  const order = { fail: 0, warn: 1, pass: 2 } as const;
  hits.sort((a, b) => order[a.status] - order[b.status]);
  return {
    rule: 'zone',
    status: worstStatus(hits.map((h) => h.status)),
    measured: null,
    limit: null,
    unit: '',
    related: hits.map((h) => h.related),
    message:
      hits.length === 0
        ? { fa: 'محل در هیچ پهنهٔ دارای محدودیت نیست.', en: 'The point is in no restricted zone.' }
        : { fa: hits.map((h) => h.fa).join(' '), en: hits.map((h) => h.en).join(' ') },
  };
}
