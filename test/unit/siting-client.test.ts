/** The siting client's pure parts: the check form reads Persian digits, the browser/server comparison flags any
 *  difference the engine could make, the exposure and density classes put their boundaries where the limits are,
 *  and the policy draft refuses what the server's schema refuses (by the same paths) and names what changed. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Policy } from '../../shared/policy.js';
import { RULE_NAMES, type SitingResult } from '../../shared/siting.js';
import { checkInput, heightOf, parseNumber, DEFAULT_FORM } from '../../client/src/siting/check-form.js';
import { resultDifferences } from '../../client/src/siting/compare-results.js';
import { densityBreaks, densityColor, DENSITY_COLORS } from '../../client/src/siting/density-scale.js';
import { exposureCellM, exposureClass } from '../../client/src/siting/exposure-scale.js';
import { candidateOf, draftOf, policyChanges, validateDraft } from '../../client/src/siting/policy-draft.js';
import { POLICY_SECTIONS } from '../../client/src/siting/policy-spec.js';

const karaj = Policy.parse(JSON.parse(readFileSync(fileURLToPath(new URL('../../data/policy/karaj.json', import.meta.url)), 'utf8')));

describe('the check form', () => {
  it('reads Persian and Arabic-Indic digits and separators, and refuses what is not a number', () => {
    expect(parseNumber('۱۲٫۵')).toBe(12.5);
    expect(parseNumber('٣٠')).toBe(30);
    expect(parseNumber(' 1٬250 ')).toBe(1250);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('12m')).toBeNaN();
    expect(parseNumber('1.2.3')).toBeNaN();
  });

  it('gives the check an input only with a pin and a height the engine accepts (0 < h ≤ 650)', () => {
    expect(checkInput(DEFAULT_FORM, null)).toBeNull();
    expect(checkInput({ ...DEFAULT_FORM, heightText: '۰' }, [51, 35.8])).toBeNull();
    expect(heightOf({ ...DEFAULT_FORM, heightText: '651' })).toBeNull();
    expect(checkInput({ ...DEFAULT_FORM, heightText: '۴۵', operatorId: 'mci' }, [51, 35.8])).toEqual({ lon: 51, lat: 35.8, height_m: 45, structure_type: 'monopole', operator_id: 'mci' });
    expect(checkInput(DEFAULT_FORM, [51, 35.8])).not.toHaveProperty('operator_id');
  });
});

describe('browser and server results compared', () => {
  const result = (): SitingResult => ({
    verdict: 'fail',
    policy_version: 1,
    rules: RULE_NAMES.map((rule) => ({ rule, status: rule === 'sensitive_buffer' ? 'fail' : 'pass', measured: 50, limit: 100, unit: 'm', related: [{ type: 'site', id: 7 }], message: { fa: '', en: '' } })),
  });

  it('agree when only the wording or a last-digit rounding differs', () => {
    const server = result();
    server.rules[0]!.measured = 50 * (1 + 1e-9);
    server.rules[1]!.message = { fa: 'دیگر', en: 'other' };
    expect(resultDifferences(result(), server)).toEqual([]);
  });

  it('name the verdict, the version and each rule whose status, value, limit or objects differ', () => {
    const server = result();
    server.verdict = 'warn';
    server.policy_version = 2;
    server.rules[0]!.status = 'warn';
    server.rules[2]!.measured = 50.1;
    server.rules[3]!.limit = null;
    server.rules[4]!.related = [{ type: 'site', id: 8 }];
    server.rules.pop();
    expect(resultDifferences(result(), server)).toEqual(['verdict', 'policy_version', 'share_first', 'fall_zone', 'density', 'exposure_sensitive', 'zone']);
  });
});

describe('map classes', () => {
  it('puts exposure in decades, a ratio of exactly 1 within the limit and anything above it in the last class', () => {
    expect([0, 0.000999, 0.001, 0.0099, 0.01, 0.5, 1, 1.0001, 40].map(exposureClass)).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 4]);
  });

  it('asks 25 m cells from zoom 16 and twice as large per zoom level out', () => {
    expect([18, 16, 15, 14, 12].map(exposureCellM)).toEqual([25, 25, 50, 100, 400]);
  });

  it('colours density around the policy limit: the limit itself is the third class, above it darker', () => {
    const breaks = densityBreaks(karaj.rules.density.max_per_km2);
    expect(breaks).toEqual([5, 10, 20, 40]);
    expect([0, 4.9, 5, 19, 20, 21, 39, 40, 500].map((v) => DENSITY_COLORS.indexOf(densityColor(v, breaks) as (typeof DENSITY_COLORS)[number]))).toEqual([0, 0, 1, 2, 2, 3, 3, 4, 4]);
  });
});

describe('the policy draft', () => {
  it('covers every number of the schema once', () => {
    const numbers = POLICY_SECTIONS.flatMap((s) => s.fields.filter((f) => f.kind === 'number').map((f) => f.path.join('.')));
    expect(new Set(numbers).size).toBe(numbers.length);
    const leaves: string[] = [];
    const walk = (v: unknown, p: string[]) => {
      if (typeof v === 'number') leaves.push(p.join('.'));
      else if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    };
    walk(karaj, []);
    expect(leaves.filter((l) => !numbers.includes(l))).toEqual([]);
  });

  it('reads typed Persian numbers, drops an emptied optional buffer, and the schema accepts the result', () => {
    const d = { ...draftOf(karaj), texts: { 'rules.sensitive_buffer.buffer_m.school': '۱۵۰', 'rules.sensitive_buffer.buffer_m.hospital': ' ', 'rules.density.cell_km': '۰٫۵' } };
    const checked = validateDraft(d);
    if (!('policy' in checked)) throw new Error(JSON.stringify(checked.issues));
    expect(checked.policy.rules.sensitive_buffer.buffer_m).toEqual({ kindergarten: 100, school: 150 });
    expect(checked.policy.rules.density.cell_km).toBe(0.5);
    expect(policyChanges(karaj, checked.policy).map((c) => [c.path.join('.'), c.before, c.after])).toEqual([
      ['rules.sensitive_buffer.buffer_m.school', 100, 150],
      ['rules.sensitive_buffer.buffer_m.hospital', 100, undefined],
      ['rules.density.cell_km', 1, 0.5],
    ]);
  });

  it('refuses what the server refuses, at the same paths (the server prefixes them with body.)', () => {
    const d = { ...draftOf(karaj), texts: { 'rules.share_first.radius_m': '-5', 'decision_clock.change_days': '2.5', 'consultation.comment_days': 'abc' } };
    const checked = validateDraft(d);
    if (!('issues' in checked)) throw new Error('accepted');
    expect(Object.keys(checked.issues).sort()).toEqual(['consultation.comment_days', 'decision_clock.change_days', 'rules.share_first.radius_m']);
    expect(checked.issues['rules.share_first.radius_m']).toMatchObject({ code: 'too_small', minimum: 0 });
    expect(Policy.safeParse(candidateOf(d)).success).toBe(false);
  });
});
