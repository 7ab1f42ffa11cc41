/** The request form's translation to the API (client/src/requests/request-draft.ts): it refuses what the
 *  shared contract refuses, with the server's field keys, reads Persian digits, and gives the pre-check an
 *  input only once the location, height and structure type read. */
import { describe, expect, it } from 'vitest';
import { RequestPatch } from '../../shared/api/requests.js';
import { draftBody, draftErrors, emptyDraft, newAntenna, pinOf, sitingInput, type Draft } from '../../client/src/requests/request-draft.js';

const filled = (): Draft => ({
  ...emptyDraft(), lon: '50.9915', lat: '35.8355', structure_type: 'monopole', height_m: '30', purpose: 'capacity',
  antennas: [newAntenna('30', 0), newAntenna('30', 120)],
});

describe('the request form', () => {
  it('builds a body the shared contract accepts, antennas the operator’s own, 2 m under the top', () => {
    const body = draftBody(filled(), 'irancell');
    expect(RequestPatch.safeParse(body).success).toBe(true);
    expect(body.antennas.map((a) => [a.operator_id, a.azimuth_deg, a.height_m])).toEqual([['irancell', 0, 28], ['irancell', 120, 28]]);
    expect(draftErrors(filled(), 'irancell')).toEqual({});
  });

  it('keys each refused field as the server does (body.antennas.1.eirp_w), blank height allowed in a draft', () => {
    const d = filled();
    d.antennas[1] = { ...d.antennas[1]!, eirp_w: '-5', azimuth_deg: '360' };
    d.lat = '95';
    expect(Object.keys(draftErrors(d, 'irancell')).sort()).toEqual(['body.antennas.1.azimuth_deg', 'body.antennas.1.eirp_w', 'body.lat']);
    expect(draftErrors({ ...filled(), height_m: '' }, 'irancell')).toEqual({});
    expect(Object.keys(draftErrors({ ...filled(), height_m: 'abc' }, 'irancell'))).toEqual(['body.height_m']);
  });

  it('reads Persian digits and the Persian decimal separator', () => {
    const d = { ...filled(), lat: '۳۵٫۸۳۵۵', height_m: '۳۰' };
    expect(draftBody(d, 'mci')).toMatchObject({ lat: 35.8355, height_m: 30 });
  });

  it('gives the pre-check an input once location, height and type read; unreadable antennas are left out', () => {
    expect(sitingInput({ ...filled(), structure_type: '' }, 'irancell')).toBeNull();
    expect(sitingInput({ ...filled(), height_m: '0' }, 'irancell')).toBeNull();
    expect(pinOf({ ...filled(), lon: '' })).toBeNull();
    const d = filled();
    d.antennas[0] = { ...d.antennas[0]!, frequency_mhz: '' };
    const input = sitingInput(d, 'irancell')!;
    expect(input).toMatchObject({ lon: 50.9915, lat: 35.8355, height_m: 30, structure_type: 'monopole', operator_id: 'irancell' });
    expect(input.antennas!.map((a) => a.azimuth_deg)).toEqual([120]);
    expect(input).not.toHaveProperty('site_id');
    expect(sitingInput({ ...filled(), type: 'change', site_id: 7 }, 'irancell')).toMatchObject({ site_id: 7 });
  });
});
