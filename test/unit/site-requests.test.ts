/** The site-request workflow as pure functions: every transition for every role, decisions, the clocks with
 *  time passed in, the completeness check, sharing options and the predicted exposure at key points. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { Policy } from '../../shared/policy.js';
import {
  REQUEST_STATUSES, WORKFLOW_ROLES, addMonths, approvalLapsesAt, canTransition, compareQueue, consultationEnds, daysLeft,
  decide, decisionDeadline, dueTransition, isConsultationOpen, isOverdue, isRefusal, keyExposurePoints, missingForCompleteness,
  nextStatuses, requiresJustification, sharingOptions, type RequestStatus, type SiteRequest, type WorkflowRole,
} from '../../shared/site-requests.js';

const policy = Policy.parse(JSON.parse(readFileSync(fileURLToPath(new URL('../../data/policy/karaj.json', import.meta.url)), 'utf8')));

/** The allowed steps written out by hand from DOMAIN.md section 2 (an independent copy of the table). */
const ALLOWED = new Set([
  'draft>submitted:operator', 'incomplete>submitted:operator',
  'submitted>incomplete:system', 'submitted>incomplete:planner', 'submitted>consultation:system', 'submitted>consultation:planner',
  'consultation>under_review:system', 'consultation>under_review:planner',
  'under_review>approved:planner', 'under_review>approved_with_conditions:planner', 'under_review>rejected:planner',
  'draft>withdrawn:operator', 'submitted>withdrawn:operator', 'incomplete>withdrawn:operator', 'consultation>withdrawn:operator',
  'under_review>withdrawn:operator',
  'approved>lapsed:system', 'approved_with_conditions>lapsed:system',
]);

const base = (over: Partial<SiteRequest> = {}): SiteRequest => ({
  id: 1, type: 'new_structure', status: 'draft', operator_id: 'irancell', site_id: null, lon: 50.99, lat: 35.83,
  structure_type: 'monopole', height_m: 30,
  antennas: [{ operator_id: 'irancell', technology: 'LTE', frequency_mhz: 1800, eirp_w: 1000, azimuth_deg: 120, tilt_deg: 10, height_m: 30, power_reduction: 1 }],
  purpose: 'Capacity for the Gohardasht LTE layer', address: null, sharing_justification: null, sharing_options: [],
  attachment_kinds: ['drawing', 'photomontage'], submitted_at: null, consultation_started_at: null, consultation_days: null,
  decision_due_at: null, decision: null, reasons: null, conditions: [], decided_at: null, lapses_at: null, built_at: null,
  ...over,
});

describe('transitions', () => {
  const all: Array<[RequestStatus, RequestStatus, WorkflowRole]> = [];
  for (const from of REQUEST_STATUSES) for (const to of REQUEST_STATUSES) for (const role of WORKFLOW_ROLES) all.push([from, to, role]);

  it.each(all.filter(([f, t, r]) => ALLOWED.has(`${f}>${t}:${r}`)))('allows %s → %s by %s', (from, to, role) => {
    expect(canTransition(from, to, role)).toBe(true);
  });

  it.each(all.filter(([f, t, r]) => !ALLOWED.has(`${f}>${t}:${r}`)))('refuses %s → %s by %s', (from, to, role) => {
    expect(canTransition(from, to, role)).toBe(false);
  });

  it('covers every state and lists next states consistently with canTransition', () => {
    expect(all).toHaveLength(10 * 10 * 3);
    expect(ALLOWED.size).toBe(18);
    for (const from of REQUEST_STATUSES) for (const role of WORKFLOW_ROLES) {
      expect(nextStatuses(from, role).sort()).toEqual(REQUEST_STATUSES.filter((to) => ALLOWED.has(`${from}>${to}:${role}`)).sort());
    }
    for (const final of ['rejected', 'withdrawn', 'lapsed'] as const) for (const role of WORKFLOW_ROLES) expect(nextStatuses(final, role)).toEqual([]);
  });
});

describe('decide', () => {
  const now = new Date('2025-03-01T10:00:00Z');
  const review = base({ status: 'under_review' });

  it('approves with reasons and stamps the decision time', () => {
    const r = decide(review, { decision: 'approve', reasons: '  Meets every rule.  ' }, now);
    expect(isRefusal(r)).toBe(false);
    expect(r).toMatchObject({ status: 'approved', decision: 'approve', reasons: 'Meets every rule.', conditions: [], decided_at: '2025-03-01T10:00:00.000Z' });
  });

  it('approves with conditions, dropping blank ones', () => {
    const r = decide(review, { decision: 'approve_with_conditions', reasons: 'OK if painted', conditions: ['Paint it green', ' '] }, now);
    expect(r).toMatchObject({ status: 'approved_with_conditions', conditions: ['Paint it green'] });
  });

  it('rejects with reasons', () => {
    expect(decide(review, { decision: 'reject', reasons: 'Within 100 m of a school' }, now)).toMatchObject({ status: 'rejected' });
  });

  it.each([
    [{ decision: 'approve', reasons: '   ' }, 'reasons_required'],
    [{ decision: 'reject', reasons: '' }, 'reasons_required'],
    [{ decision: 'approve_with_conditions', reasons: 'x', conditions: [] }, 'conditions_required'],
    [{ decision: 'approve_with_conditions', reasons: 'x', conditions: ['  '] }, 'conditions_required'],
    [{ decision: 'approve', reasons: 'x', conditions: ['a'] }, 'conditions_not_allowed'],
    [{ decision: 'reject', reasons: 'x', conditions: ['a'] }, 'conditions_not_allowed'],
  ] as const)('refuses %j with %s', (input, code) => {
    const r = decide(review, input, now);
    expect(isRefusal(r) && r.code).toBe(code);
  });

  it.each(REQUEST_STATUSES.filter((s) => s !== 'under_review'))('refuses to decide a request that is %s', (status) => {
    for (const decision of ['approve', 'approve_with_conditions', 'reject'] as const) {
      const r = decide(base({ status }), { decision, reasons: 'x', conditions: decision === 'approve_with_conditions' ? ['c'] : [] }, now);
      expect(isRefusal(r) && r.code).toBe('wrong_state');
    }
  });
});

describe('clocks', () => {
  const submitted = '2025-01-10T08:00:00.000Z';
  const inConsultation = base({ status: 'consultation', submitted_at: submitted, consultation_started_at: submitted, consultation_days: 21 });

  it('ends the consultation 21 days after it opened and moves it under review then, not before', () => {
    expect(consultationEnds(inConsultation)).toBe('2025-01-31T08:00:00.000Z');
    expect(consultationEnds(base())).toBeNull();
    expect(isConsultationOpen(inConsultation, new Date('2025-01-31T07:59:59Z'))).toBe(true);
    expect(isConsultationOpen(inConsultation, new Date('2025-01-31T08:00:00Z'))).toBe(false);
    expect(dueTransition(inConsultation, new Date('2025-01-31T07:59:59Z'))).toBeNull();
    expect(dueTransition(inConsultation, new Date('2025-01-31T08:00:00Z'))).toBe('under_review');
  });

  it('gives new structures 150 days and changes and colocations 60, counted from the complete submission', () => {
    expect(decisionDeadline(base({ submitted_at: submitted }), policy)).toBe('2025-06-09T08:00:00.000Z'); // Jan 10 + 150 d
    expect(decisionDeadline(base({ type: 'change', submitted_at: submitted }), policy)).toBe('2025-03-11T08:00:00.000Z'); // + 60 d
    expect(decisionDeadline(base({ type: 'colocation', submitted_at: submitted }), policy)).toBe('2025-03-11T08:00:00.000Z');
    expect(decisionDeadline(base(), policy)).toBeNull();
    const edited = Policy.parse({ ...policy, decision_clock: { ...policy.decision_clock, change_days: 30 } });
    expect(decisionDeadline(base({ type: 'change', submitted_at: submitted }), edited)).toBe('2025-02-09T08:00:00.000Z');
  });

  it('counts days left, rounding up, and flags overdue only for pending requests', () => {
    const r = { ...inConsultation, decision_due_at: '2025-03-11T08:00:00.000Z' };
    expect(daysLeft(r, new Date('2025-03-01T08:00:00Z'))).toBe(10);
    expect(daysLeft(r, new Date('2025-03-10T20:00:00Z'))).toBe(1);
    expect(daysLeft(r, new Date('2025-03-11T08:00:00Z'))).toBe(0);
    expect(isOverdue(r, new Date('2025-03-11T08:00:00Z'))).toBe(false);
    expect(isOverdue(r, new Date('2025-03-11T08:00:00.001Z'))).toBe(true);
    expect(daysLeft(r, new Date('2025-03-14T08:00:00Z'))).toBe(-3);
    for (const status of ['draft', 'incomplete', 'approved', 'rejected', 'withdrawn'] as const) {
      expect(daysLeft({ ...r, status }, new Date('2025-03-14T08:00:00Z'))).toBeNull();
      expect(isOverdue({ ...r, status }, new Date('2025-03-14T08:00:00Z'))).toBe(false);
    }
  });

  it('lapses an unbuilt approval 12 calendar months after the decision', () => {
    const approved = base({ status: 'approved', decided_at: '2025-03-15T12:00:00.000Z' });
    const lapses = approvalLapsesAt(approved, policy);
    expect(lapses).toBe('2026-03-15T12:00:00.000Z');
    expect(approvalLapsesAt(base({ status: 'rejected', decided_at: '2025-03-15T12:00:00.000Z' }), policy)).toBeNull();
    const a = { ...approved, lapses_at: lapses };
    expect(dueTransition(a, new Date('2026-03-15T11:59:59Z'))).toBeNull();
    expect(dueTransition(a, new Date('2026-03-15T12:00:00Z'))).toBe('lapsed');
    expect(dueTransition({ ...a, built_at: '2025-09-01T00:00:00.000Z' }, new Date('2027-01-01T00:00:00Z'))).toBeNull();
    expect(dueTransition({ ...a, status: 'approved_with_conditions' }, new Date('2027-01-01T00:00:00Z'))).toBe('lapsed');
  });

  it('adds calendar months clamped to the month end', () => {
    expect(addMonths('2025-01-31T00:00:00.000Z', 1)).toBe('2025-02-28T00:00:00.000Z');
    expect(addMonths('2024-01-31T00:00:00.000Z', 1)).toBe('2024-02-29T00:00:00.000Z');
    expect(addMonths('2024-02-29T06:30:00.000Z', 12)).toBe('2025-02-28T06:30:00.000Z');
  });

  it('orders the queue overdue first, then by days left, then requests with no clock', () => {
    const q = [
      { id: 1, status: 'draft' as const, decision_due_at: null },
      { id: 2, status: 'under_review' as const, decision_due_at: '2025-05-01T00:00:00.000Z' },
      { id: 3, status: 'consultation' as const, decision_due_at: '2025-02-01T00:00:00.000Z' }, // overdue on 2025-03-01
      { id: 4, status: 'approved' as const, decision_due_at: '2025-01-01T00:00:00.000Z' }, // decided: no clock
      { id: 5, status: 'under_review' as const, decision_due_at: '2025-03-05T00:00:00.000Z' },
    ];
    expect([...q].sort(compareQueue).map((r) => r.id)).toEqual([3, 5, 2, 1, 4]);
  });
});

describe('completeness', () => {
  it('accepts a complete new structure', () => {
    expect(missingForCompleteness(base())).toEqual([]);
  });

  it('lists every missing item of an empty draft', () => {
    const empty = base({ lon: null, lat: null, structure_type: null, height_m: null, antennas: [], purpose: ' ', attachment_kinds: [] });
    expect(missingForCompleteness(empty)).toEqual(['location', 'structure_type', 'height', 'antennas', 'purpose', 'drawing', 'photomontage']);
  });

  it('asks why not sharing only when a structure nearby has free room', () => {
    const full = [{ free_slots: 0 }];
    const room = [{ free_slots: 1 }];
    expect(requiresJustification(full)).toBe(false);
    expect(requiresJustification(room)).toBe(true);
    const opt = (free: number) => [{ site_id: 9, code: 'X', lon: 0, lat: 0, structure_type: 'monopole' as const, height_m: 30, owner_operator_id: 'mci', operators: ['mci'], distance_m: 50, capacity: 3, free_slots: free }];
    expect(missingForCompleteness(base({ sharing_options: opt(0) }))).toEqual([]);
    expect(missingForCompleteness(base({ sharing_options: opt(2) }))).toEqual(['sharing_justification']);
    expect(missingForCompleteness(base({ sharing_options: opt(2), sharing_justification: 'MCI mast is 12 m, too low for our beam' }))).toEqual([]);
  });

  it('needs the structure for a change, no photomontage, and antennas of the applicant only', () => {
    const change = base({ type: 'change', site_id: null, attachment_kinds: ['drawing'] });
    expect(missingForCompleteness(change)).toEqual(['site']);
    expect(missingForCompleteness({ ...change, site_id: 7 })).toEqual([]);
    const foreign = { ...change, site_id: 7, antennas: [{ ...base().antennas[0]!, operator_id: 'mci' }] };
    expect(missingForCompleteness(foreign)).toEqual(['antenna_operator']);
  });
});

describe('sharing options', () => {
  const WGS84 = geodesic.Geodesic.WGS84;
  const at = (d: number, az: number) => {
    const g = WGS84.Direct(35.83, 50.99, az, d);
    return { lon: g.lon2!, lat: g.lat2! };
  };
  const site = (id: number, d: number, over: Record<string, unknown> = {}) => ({
    id, code: `S${id}`, ...at(d, 45), structure_type: 'monopole' as const, height_m: 30, status: 'active' as const,
    owner_operator_id: 'mci', operators: ['mci'], ...over,
  });

  it('lists structures within the radius nearest first with free room, skipping own, unpermitted and decommissioned ones', () => {
    const cands = [
      site(1, 399), site(2, 401), site(3, 100, { structure_type: 'rooftop', operators: ['mci', 'rightel'] }),
      site(4, 50, { operators: ['irancell'] }), site(5, 60, { status: 'unpermitted' }), site(6, 70, { status: 'decommissioned' }),
      site(7, 200, { operators: ['mci', 'rightel'] }),
    ];
    const opts = sharingOptions(50.99, 35.83, 'irancell', cands, 400);
    expect(opts.map((o) => o.site_id)).toEqual([3, 7, 1]);
    expect(opts.map((o) => o.free_slots)).toEqual([0, 1, 2]);
    expect(opts.map((o) => o.capacity)).toEqual([2, 3, 3]);
    expect(opts[2]!.distance_m).toBeCloseTo(399, 0);
  });
});

describe('predicted exposure at key points', () => {
  const ant = base().antennas;

  it('reports the foot, each fixed distance along the beam, and a peak where the tilted beam lands', () => {
    const pts = keyExposurePoints(50.99, 35.83, ant);
    expect(pts.map((p) => `${p.kind}:${p.distance_m}`)).toEqual(['foot:0', 'beam:50', 'beam:100', 'beam:200', 'beam:300', 'beam:500', `peak:${pts.at(-1)!.distance_m}`]);
    const peak = pts.at(-1)!;
    // DOMAIN.md section 5: ground exposure peaks about 125 m from a 30 m mast with 10° tilt; the foot gets the
    // 20 dB vertical floor of the pattern, partly made up by being 4-5 times closer (r = 28.5 m), so about 11 dB less.
    expect(peak.distance_m).toBeGreaterThan(100);
    expect(peak.distance_m).toBeLessThan(170);
    expect(peak.bearing_deg).toBe(120);
    expect(10 * Math.log10(peak.total_exposure_ratio / pts[0]!.total_exposure_ratio)).toBeGreaterThan(10);
    for (const p of pts) expect(p.total_exposure_ratio).toBeLessThanOrEqual(peak.total_exposure_ratio);
  });

  it('matches a hand computation at 200 m on the beam axis', () => {
    // S = P·10^(A/10)/(4πr²), A_V = −12(θ/10)², θ = atan2(30−1.5, 200)° − 10°, S_lim = 1800/200 = 9 W/m².
    const theta = (Math.atan2(28.5, 200) * 180) / Math.PI - 10;
    const gain = -Math.min(12 * (theta / 10) ** 2, 20);
    const r2 = 200 ** 2 + 28.5 ** 2;
    const ter = (1000 * 10 ** (gain / 10)) / (4 * Math.PI * r2) / 9;
    const p = keyExposurePoints(50.99, 35.83, ant).find((x) => x.kind === 'beam' && x.distance_m === 200)!;
    expect(p.total_exposure_ratio / ter).toBeCloseTo(1, 2);
  });

  it('is empty without antennas', () => {
    expect(keyExposurePoints(50.99, 35.83, [])).toEqual([]);
  });
});
