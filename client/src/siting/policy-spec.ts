/** The policy page's fields, section by section, as data: where each value lives in the Policy schema
 *  (shared/policy.ts), how it is entered and what unit it has. The form, the read-only view and the version
 *  history's "what changed" all read this one list. */
import { SENSITIVE_KINDS, STRUCTURE_TYPES, ZONE_KINDS } from '../../../shared/model.js';
import type { MessageKey } from '../i18n/fa.js';

export type Path = readonly string[];

export type FieldSpec =
  | { kind: 'number'; path: Path; label: MessageKey; unit: MessageKey | null; optional?: boolean }
  | { kind: 'bool'; path: Path; label: MessageKey }
  | { kind: 'choice'; path: Path; label: MessageKey; options: readonly string[]; prefix: string }
  | { kind: 'set'; path: Path; label: MessageKey; options: readonly string[]; prefix: string }
  | { kind: 'text'; path: Path; label: MessageKey };

export interface SectionSpec {
  id: string;
  title: MessageKey;
  /** Where the section's source and note live; null for the policy's name. */
  base: Path | null;
  fields: FieldSpec[];
}

const rule = (name: string, ...rest: string[]): Path => ['rules', name, ...rest];
const enabled = (name: string): FieldSpec => ({ kind: 'bool', path: rule(name, 'enabled'), label: 'policy.field.enabled' });
const breach = (name: string): FieldSpec => ({ kind: 'choice', path: rule(name, 'status'), label: 'policy.field.status', options: ['warn', 'fail'], prefix: 'siting.status.' });

/** Every editable value of the policy. */
export const POLICY_SECTIONS: readonly SectionSpec[] = [
  {
    id: 'name', title: 'policy.section.name', base: null,
    fields: [
      { kind: 'text', path: ['name', 'fa'], label: 'policy.field.nameFa' },
      { kind: 'text', path: ['name', 'en'], label: 'policy.field.nameEn' },
    ],
  },
  {
    id: 'sensitive_buffer', title: 'siting.rule.sensitive_buffer', base: rule('sensitive_buffer'),
    fields: [
      enabled('sensitive_buffer'), breach('sensitive_buffer'),
      ...SENSITIVE_KINDS.map((k): FieldSpec => ({ kind: 'number', path: rule('sensitive_buffer', 'buffer_m', k), label: `policy.kind.${k}`, unit: 'policy.unit.m', optional: true })),
    ],
  },
  {
    id: 'share_first', title: 'siting.rule.share_first', base: rule('share_first'),
    fields: [enabled('share_first'), breach('share_first'), { kind: 'number', path: rule('share_first', 'radius_m'), label: 'policy.field.radius', unit: 'policy.unit.m' }],
  },
  {
    id: 'fall_zone', title: 'siting.rule.fall_zone', base: rule('fall_zone'),
    fields: [
      enabled('fall_zone'), breach('fall_zone'),
      { kind: 'number', path: rule('fall_zone', 'height_factor'), label: 'policy.field.heightFactor', unit: 'policy.unit.times' },
      { kind: 'set', path: rule('fall_zone', 'structure_types'), label: 'policy.field.structureTypes', options: STRUCTURE_TYPES, prefix: 'structure.' },
      { kind: 'set', path: rule('fall_zone', 'kinds'), label: 'policy.field.kinds', options: SENSITIVE_KINDS, prefix: 'policy.kind.' },
    ],
  },
  {
    id: 'density', title: 'siting.rule.density', base: rule('density'),
    fields: [
      enabled('density'), breach('density'),
      { kind: 'number', path: rule('density', 'max_per_km2'), label: 'policy.field.maxPerKm2', unit: 'policy.unit.perKm2' },
      { kind: 'number', path: rule('density', 'cell_km'), label: 'policy.field.cellKm', unit: 'policy.unit.km' },
    ],
  },
  {
    id: 'exposure_sensitive', title: 'siting.rule.exposure_sensitive', base: rule('exposure_sensitive'),
    fields: [
      enabled('exposure_sensitive'),
      { kind: 'number', path: rule('exposure_sensitive', 'max_total_exposure_ratio'), label: 'policy.field.maxRatio', unit: null },
      { kind: 'number', path: rule('exposure_sensitive', 'advisory_e_total_vm'), label: 'policy.field.advisoryVm', unit: 'policy.unit.vm' },
      { kind: 'number', path: rule('exposure_sensitive', 'observer_height_m'), label: 'policy.field.observerHeight', unit: 'policy.unit.m' },
      { kind: 'number', path: rule('exposure_sensitive', 'reflection_factor'), label: 'policy.field.reflection', unit: null },
      { kind: 'number', path: rule('exposure_sensitive', 'place_radius_m'), label: 'policy.field.placeRadius', unit: 'policy.unit.m' },
      { kind: 'number', path: rule('exposure_sensitive', 'antenna_cutoff_m'), label: 'policy.field.antennaCutoff', unit: 'policy.unit.m' },
      { kind: 'set', path: rule('exposure_sensitive', 'kinds'), label: 'policy.field.kinds', options: SENSITIVE_KINDS, prefix: 'policy.kind.' },
    ],
  },
  { id: 'aviation', title: 'siting.rule.aviation', base: rule('aviation'), fields: [enabled('aviation'), breach('aviation')] },
  {
    id: 'zone', title: 'siting.rule.zone', base: rule('zone'),
    fields: [
      enabled('zone'),
      ...ZONE_KINDS.map((k): FieldSpec => ({ kind: 'choice', path: rule('zone', 'actions', k), label: `zone.${k}`, options: ['fail', 'warn', 'warn_unless_stealth', 'ignore'], prefix: 'policy.action.' })),
    ],
  },
  {
    id: 'consultation', title: 'policy.section.consultation', base: ['consultation'],
    fields: [
      { kind: 'number', path: ['consultation', 'radius_min_m'], label: 'policy.field.radiusMin', unit: 'policy.unit.m' },
      { kind: 'number', path: ['consultation', 'radius_height_factor'], label: 'policy.field.radiusFactor', unit: 'policy.unit.times' },
      { kind: 'number', path: ['consultation', 'comment_days'], label: 'policy.field.commentDays', unit: 'policy.unit.days' },
    ],
  },
  {
    id: 'decision_clock', title: 'policy.section.clock', base: ['decision_clock'],
    fields: [
      { kind: 'number', path: ['decision_clock', 'change_days'], label: 'policy.field.changeDays', unit: 'policy.unit.days' },
      { kind: 'number', path: ['decision_clock', 'new_structure_days'], label: 'policy.field.newDays', unit: 'policy.unit.days' },
    ],
  },
  { id: 'approval', title: 'policy.section.approval', base: ['approval'], fields: [{ kind: 'number', path: ['approval', 'lapse_months'], label: 'policy.field.lapseMonths', unit: 'policy.unit.months' }] },
  {
    id: 'consolidation', title: 'policy.section.consolidation', base: ['consolidation'],
    fields: [
      { kind: 'number', path: ['consolidation', 'ground_merge_m'], label: 'policy.field.groundMerge', unit: 'policy.unit.m' },
      { kind: 'number', path: ['consolidation', 'rooftop_merge_m'], label: 'policy.field.rooftopMerge', unit: 'policy.unit.m' },
    ],
  },
];

/** The field at a path (source and note fields included), for naming a change or an error. */
export function fieldAt(path: Path): { section: SectionSpec; field: FieldSpec | 'source' | 'note' } | null {
  const key = path.join('.');
  for (const section of POLICY_SECTIONS) {
    for (const field of section.fields) if (field.path.join('.') === key || key.startsWith(`${field.path.join('.')}.`)) return { section, field };
    if (section.base && (key === [...section.base, 'source'].join('.') || key === [...section.base, 'note'].join('.'))) {
      return { section, field: path[path.length - 1] === 'source' ? 'source' : 'note' };
    }
  }
  return null;
}
