import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Policy, consultationRadiusM } from '../../shared/policy.js';

const raw: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('../../data/policy/karaj.json', import.meta.url)), 'utf8'));

describe('data/policy/karaj.json', () => {
  const policy = Policy.parse(raw);

  it('holds the defaults of DOMAIN.md section 4', () => {
    const r = policy.rules;
    expect(r.share_first).toMatchObject({ radius_m: 400, status: 'warn' });
    expect(r.sensitive_buffer.buffer_m).toEqual({ kindergarten: 100, school: 100, hospital: 100 });
    expect(r.sensitive_buffer.status).toBe('fail');
    expect(r.fall_zone.height_factor).toBe(1);
    expect(r.fall_zone.structure_types).not.toContain('rooftop');
    expect(r.density).toMatchObject({ max_per_km2: 20, status: 'warn' });
    expect(r.exposure_sensitive).toMatchObject({ max_total_exposure_ratio: 1, advisory_e_total_vm: 6, observer_height_m: 1.5 });
    expect(r.aviation.enabled).toBe(true);
    expect(r.zone.actions).toMatchObject({ no_build: 'fail', stealth_required: 'warn_unless_stealth' });
    expect(policy.consultation).toMatchObject({ radius_min_m: 300, radius_height_factor: 3, comment_days: 21 });
    expect(policy.decision_clock).toMatchObject({ change_days: 60, new_structure_days: 150 });
    expect(policy.approval.lapse_months).toBe(12);
    expect(policy.consolidation).toMatchObject({ ground_merge_m: 150, rooftop_merge_m: 50 });
  });

  it('gives every entry a source', () => {
    const entries = [...Object.values(policy.rules), policy.consultation, policy.decision_clock, policy.approval, policy.consolidation];
    expect(entries).toHaveLength(11);
    for (const e of entries) expect(e.source.length).toBeGreaterThan(10);
  });

  it('consultation radius is max(300 m, 3 × height)', () => {
    expect(consultationRadiusM(policy, 30)).toBe(300);
    expect(consultationRadiusM(policy, 150)).toBe(450);
  });
});

/** The policy file as loosely typed JSON, for editing it into invalid shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Policy schema rejects bad planner edits', () => {
  const edit = (f: (p: Json) => void) => {
    const p = structuredClone(raw) as Json;
    f(p);
    return Policy.safeParse(p);
  };
  it.each([
    ['a negative buffer', (p: Json) => (p.rules.sensitive_buffer.buffer_m.school = -5)],
    ['a buffer for an unknown kind', (p: Json) => (p.rules.sensitive_buffer.buffer_m.mosque = 100)],
    ['a missing source', (p: Json) => delete p.rules.share_first.source],
    ['a string where a number belongs', (p: Json) => (p.rules.density.max_per_km2 = '20')],
    ['an unknown rule', (p: Json) => (p.rules.noise = { enabled: true, source: 'x' })],
    ['a zone kind without an action', (p: Json) => delete p.rules.zone.actions.heritage],
    ['an exposure limit above ICNIRP', (p: Json) => (p.rules.exposure_sensitive.max_total_exposure_ratio = 2)],
    ['fractional days', (p: Json) => (p.consultation.comment_days = 20.5)],
  ])('%s', (_, f) => {
    expect(edit(f).success).toBe(false);
  });
  it('accepts a valid edit', () => {
    expect(edit((p) => (p.rules.sensitive_buffer.buffer_m.clinic = 50)).success).toBe(true);
  });
});
