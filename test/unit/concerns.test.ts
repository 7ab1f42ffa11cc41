/** The concern lifecycle, queue priority, tracking codes, evidence wording, heat cells and rate parsing. */
import { describe, expect, it } from 'vitest';
import {
  CLOSED_STATUSES, CONCERN_STATUSES, OPEN_STATUSES, canTransition, classifyStatusChange, concernPriority, isOpen, type ConcernStatus,
} from '../../shared/concerns.js';
import { buildEvidence, permitStatus } from '../../shared/concern-evidence.js';
import { dammDigit, isTrackingCode, makeTrackingCode, normaliseTrackingCode } from '../../shared/tracking-code.js';
import { heatCells } from '../../server/concerns/heat.js';
import { parseRate, RateLimiter } from '../../server/http/rate-limit.js';
import { requestFilter } from '../../server/open311/params.js';

describe('the lifecycle (DOMAIN.md section 2)', () => {
  it('walks received → acknowledged → investigating → action_scheduled → resolved', () => {
    const path: ConcernStatus[] = ['received', 'acknowledged', 'investigating', 'action_scheduled', 'resolved'];
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`).toBe(true);
  });

  it('ends in resolved, not_upheld, duplicate or referred, and never jumps back to received', () => {
    for (const to of ['not_upheld', 'duplicate', 'referred'] as const) expect(canTransition('investigating', to)).toBe(true);
    for (const from of CONCERN_STATUSES) expect(canTransition(from, 'received')).toBe(false);
    expect(canTransition('received', 'resolved')).toBe(false);
    expect(canTransition('resolved', 'action_scheduled')).toBe(false);
    for (const to of CONCERN_STATUSES) expect(canTransition('duplicate', to)).toBe(false);
  });

  it('lets a planner reopen a resolved, rejected or referred concern into investigating', () => {
    for (const from of ['resolved', 'not_upheld', 'referred'] as const) expect(canTransition(from, 'investigating')).toBe(true);
  });

  it('splits the states into open and closed sets that cover all of them once', () => {
    expect([...OPEN_STATUSES, ...CLOSED_STATUSES].sort()).toEqual([...CONCERN_STATUSES].sort());
    for (const s of OPEN_STATUSES) expect(isOpen(s)).toBe(true);
    for (const s of CLOSED_STATUSES) expect(isOpen(s)).toBe(false);
  });

  it('classifies a request: same state is a note, duplicate only by merging, the rest by the table', () => {
    expect(classifyStatusChange('investigating', 'investigating')).toBe('note');
    expect(classifyStatusChange('resolved', 'resolved')).toBe('note');
    expect(classifyStatusChange('duplicate', 'duplicate')).toBe('illegal');
    expect(classifyStatusChange('received', 'duplicate')).toBe('merge_only');
    expect(classifyStatusChange('action_scheduled', 'duplicate')).toBe('illegal');
    expect(classifyStatusChange('received', 'acknowledged')).toBe('change');
    expect(classifyStatusChange('received', 'resolved')).toBe('illegal');
  });
});

describe('queue priority', () => {
  const now = new Date('2025-06-01T00:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  const c = (over: Partial<Parameters<typeof concernPriority>[0]> = {}) => ({ status: 'received' as ConcernStatus, near_sensitive: false, supporters: 0, created_at: daysAgo(0), ...over });

  it('is zero for closed concerns and for a fresh lone one', () => {
    expect(concernPriority(c({ status: 'resolved', near_sensitive: true, supporters: 50 }), now)).toBe(0);
    expect(concernPriority(c(), now)).toBe(0);
  });

  it('adds 40 near a sensitive place, 10 per doubling of supporters, a point a day up to 60', () => {
    expect(concernPriority(c({ near_sensitive: true }), now)).toBe(40);
    expect(concernPriority(c({ supporters: 1 }), now)).toBe(10);
    expect(concernPriority(c({ supporters: 7 }), now)).toBe(30);
    expect(concernPriority(c({ created_at: daysAgo(12) }), now)).toBe(12);
    expect(concernPriority(c({ created_at: daysAgo(400) }), now)).toBe(60);
  });

  it('ranks a concern near a kindergarten above an older lone one, and many supporters above both', () => {
    const nearSchool = concernPriority(c({ near_sensitive: true, created_at: daysAgo(2) }), now);
    const older = concernPriority(c({ created_at: daysAgo(30) }), now);
    const popular = concernPriority(c({ supporters: 63, created_at: daysAgo(5) }), now);
    expect(nearSchool).toBeGreaterThan(older);
    expect(popular).toBeGreaterThan(nearSchool);
  });
});

describe('tracking codes', () => {
  it('computes the Damm check digit of the published example (572 → 4)', () => {
    expect(dammDigit('572')).toBe(4);
    expect(dammDigit('5724')).toBe(0);
  });

  it('catches every single wrong digit and every swap of neighbours', () => {
    const code = makeTrackingCode('384712093');
    expect(isTrackingCode(code)).toBe(true);
    for (let i = 0; i < 10; i++) {
      for (let d = 0; d < 10; d++) {
        if (String(d) === code[i]) continue;
        expect(isTrackingCode(code.slice(0, i) + d + code.slice(i + 1))).toBe(false);
      }
      if (i < 9 && code[i] !== code[i + 1]) expect(isTrackingCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBe(false);
    }
  });

  it('reads Persian and Arabic-Indic digits, spaces and dashes', () => {
    const code = makeTrackingCode('100000000');
    const fa = code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect(normaliseTrackingCode(`${fa.slice(0, 3)}-${fa.slice(3, 6)} ${fa.slice(6)}`)).toBe(code);
    expect(normaliseTrackingCode(code.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!))).toBe(code);
    expect(() => makeTrackingCode('012345678')).toThrow(RangeError);
  });
});

describe('evidence and its plain-language summary', () => {
  const site = (distance_m: number, status: 'active' | 'unpermitted' | 'approved', permit_no: string | null) => ({ id: distance_m, code: `S-${distance_m}`, operators: ['mci'], status, permit_no, distance_m });
  const now = new Date('2025-06-01T00:00:00Z');

  it('names permits: unpermitted status wins, a number means permitted, none is unknown', () => {
    expect(permitStatus({ status: 'unpermitted', permit_no: 'X/1' })).toBe('unpermitted');
    expect(permitStatus({ status: 'active', permit_no: 'KRJ/1402/00001' })).toBe('permitted');
    expect(permitStatus({ status: 'active', permit_no: null })).toBe('unknown');
  });

  it('says how many masts, the nearest, the permits and the exposure, in Persian digits in fa', () => {
    const e = buildEvidence({
      sites: [site(240.4, 'active', 'P/1'), site(85.26, 'unpermitted', null), site(150, 'approved', 'P/2')],
      places: [{ id: 7, kind: 'kindergarten', name_fa: 'گل‌ها', name_en: 'Flowers', distance_m: 120.04 }],
      exposure: { total_exposure_ratio: 0.0123, e_total_vm: 2.1, antennas: 14, observer_height_m: 1.5 },
      now,
    });
    expect(e.sites.map((s) => s.distance_m)).toEqual([85.3, 150, 240.4]);
    expect(e.sites.map((s) => s.transmitting)).toEqual([true, false, true]);
    expect(e.summary.en).toContain('2 operating masts stand within 300 m of this spot; the nearest is 85 m away. 1 of them has no permit.');
    expect(e.summary.en).toContain('1.2% of the ICNIRP 2020 limit (within the limit), from 14 antennas within 2 km');
    expect(e.summary.en).toContain('kindergarten “Flowers” (120 m)');
    expect(e.summary.fa).toContain('۸۵ متری');
    expect(e.summary.fa).toContain('۱٫۲ درصد');
    expect(e.summary.fa).toContain('مهدکودک «گل‌ها» (۱۲۰ متر)');
    expect(e.summary.fa).not.toMatch(/[0-9]/);
    expect(e.summary.en).toContain('not a measurement');
  });

  it('says plainly when nothing stands near and the exposure is zero', () => {
    const e = buildEvidence({ sites: [], places: [], exposure: { total_exposure_ratio: 0, e_total_vm: 0, antennas: 0, observer_height_m: 1.5 }, now });
    expect(e.summary.en).toContain('No operating mast on record stands within 300 m');
    expect(e.summary.en).toContain('predicted exposure is zero');
    expect(e.summary.fa).toContain('صفر');
  });
});

describe('heat cells', () => {
  it('puts points 100 m apart in one cell at zoom 10 and in two at zoom 17, weighting supporters', () => {
    const pts: Array<[number, number, number]> = [[50.99, 35.83, 0], [50.991, 35.83, 3]];
    const z10 = heatCells(pts, 10);
    expect(z10).toHaveLength(1);
    expect(z10[0]).toMatchObject({ count: 2, weight: 5 });
    expect(z10[0]!.lon).toBeCloseTo((50.99 * 1 + 50.991 * 4) / 5, 9);
    expect(heatCells(pts, 17)).toHaveLength(2);
  });
});

describe('rate limits', () => {
  it('parses 10/10m and refuses nonsense', () => {
    expect(parseRate('10/10m')).toEqual({ max: 10, windowMs: 600_000 });
    expect(parseRate('3/1h')).toEqual({ max: 3, windowMs: 3_600_000 });
    expect(() => parseRate('ten per minute')).toThrow();
  });

  it('allows max hits per window and then says when to come back', () => {
    const l = new RateLimiter(2, 60_000);
    expect(l.hit('a', 0).ok).toBe(true);
    expect(l.hit('a', 10_000).ok).toBe(true);
    expect(l.hit('a', 20_000)).toEqual({ ok: false, retryAfterS: 40 });
    expect(l.hit('b', 20_000).ok).toBe(true);
    expect(l.hit('a', 60_001).ok).toBe(true);
  });
});

describe('Open311 list defaults (GeoReport v2)', () => {
  const now = Date.parse('2025-06-01T00:00:00Z');
  it('covers the last 90 days, at most 1000, every status, when nothing is asked', () => {
    const f = requestFilter({}, now);
    expect(f.endIso).toBe('2025-06-01T00:00:00.000Z');
    expect(f.startIso).toBe('2025-03-03T00:00:00.000Z');
    expect(f.limit).toBe(1000);
    expect(f.offset).toBe(0);
    expect(f.statuses.split(',').filter(Boolean).sort()).toEqual([...CONCERN_STATUSES].sort());
  });

  it('lets service_request_id override every other filter', () => {
    const code = makeTrackingCode('123456789');
    const f = requestFilter({ service_request_id: `${code},nonsense`, status: 'bogus', start_date: 'x' }, now);
    expect(f.codes).toEqual([code]);
  });
});
