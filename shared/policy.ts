/** The siting policy as data (DOMAIN.md section 4): the schema that validates data/policy/karaj.json and a
 *  planner's edits of it. The numbers live only in the JSON file, each with its source. */
import { z } from 'zod';
import { SENSITIVE_KINDS, STRUCTURE_TYPES, ZONE_KINDS } from './model.js';

const metres = z.number().finite().gt(0).lte(100_000);
const days = z.number().int().gt(0).lte(3650);
/** Where a number comes from; `note` says so when there is no primary source. */
const sourced = { source: z.string().trim().min(1).max(1000), note: z.string().trim().max(1000).optional() };
const breach = z.enum(['warn', 'fail']);
const sensitiveKinds = z.array(z.enum(SENSITIVE_KINDS)).max(SENSITIVE_KINDS.length);

export const ZoneAction = z.enum(['fail', 'warn', 'warn_unless_stealth', 'ignore']);
export type ZoneAction = z.infer<typeof ZoneAction>;

export const Policy = z
  .object({
    name: z.object({ fa: z.string().min(1).max(200), en: z.string().min(1).max(200) }).strict(),
    rules: z
      .object({
        share_first: z.object({ enabled: z.boolean(), status: breach, radius_m: metres, ...sourced }).strict(),
        sensitive_buffer: z
          .object({ enabled: z.boolean(), status: breach, buffer_m: z.partialRecord(z.enum(SENSITIVE_KINDS), metres), ...sourced })
          .strict(),
        fall_zone: z
          .object({
            enabled: z.boolean(),
            status: breach,
            height_factor: z.number().finite().gt(0).lte(10),
            structure_types: z.array(z.enum(STRUCTURE_TYPES)).max(STRUCTURE_TYPES.length),
            kinds: sensitiveKinds,
            ...sourced,
          })
          .strict(),
        density: z
          .object({
            enabled: z.boolean(),
            status: breach,
            max_per_km2: z.number().finite().gt(0).lte(100_000),
            // Integer cell ids address cells down to 20 m (shared/density.ts MIN_CELL_KM).
            cell_km: z.number().finite().gte(0.1).lte(50),
            ...sourced,
          })
          .strict(),
        exposure_sensitive: z
          .object({
            enabled: z.boolean(),
            max_total_exposure_ratio: z.number().finite().gt(0).lte(1),
            advisory_e_total_vm: z.number().finite().gt(0).lte(100),
            observer_height_m: z.number().finite().gte(0).lte(100),
            reflection_factor: z.number().finite().gte(1).lte(4),
            place_radius_m: metres.lte(5000),
            antenna_cutoff_m: metres.lte(10_000),
            kinds: sensitiveKinds,
            ...sourced,
          })
          .strict(),
        aviation: z.object({ enabled: z.boolean(), status: breach, ...sourced }).strict(),
        zone: z
          .object({ enabled: z.boolean(), actions: z.record(z.enum(ZONE_KINDS), ZoneAction), ...sourced })
          .strict(),
      })
      .strict(),
    consultation: z
      .object({ radius_min_m: metres, radius_height_factor: z.number().finite().gt(0).lte(20), comment_days: days, ...sourced })
      .strict(),
    decision_clock: z.object({ change_days: days, new_structure_days: days, ...sourced }).strict(),
    approval: z.object({ lapse_months: z.number().int().gt(0).lte(120), ...sourced }).strict(),
    consolidation: z.object({ ground_merge_m: metres.lte(5000), rooftop_merge_m: metres.lte(5000), ...sourced }).strict(),
  })
  .strict();
export type Policy = z.infer<typeof Policy>;

/** Radius within which residents are notified of a proposed structure: max(minimum, factor × height). */
export function consultationRadiusM(policy: Policy, heightM: number): number {
  return Math.max(policy.consultation.radius_min_m, policy.consultation.radius_height_factor * heightM);
}
