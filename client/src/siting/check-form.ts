/** The proposed structure of the "check a location" tool as typed: height (Persian or Latin digits), structure type
 *  and an optional operator, and the check's input built from it and the pin. */
import { STRUCTURE_TYPES, type StructureType } from '../../../shared/model.js';
import type { SitingInput } from '../../../shared/siting.js';

/** The tallest structure the check accepts (shared/siting/request.ts) and the slider's reach (most masts are lower). */
export const MAX_HEIGHT_M = 650;
export const SLIDER_MAX_M = 150;

export interface CheckForm {
  heightText: string;
  structureType: StructureType;
  /** '' when not given. */
  operatorId: string;
}

export const DEFAULT_FORM: CheckForm = { heightText: '30', structureType: 'monopole', operatorId: '' };

/** A typed number with Persian or Arabic-Indic digits and separators read as a JavaScript number (NaN if none). */
export function parseNumber(text: string): number {
  const latin = text
    .trim()
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[٫,،]/g, '.')
    .replace(/[٬\s]/g, '')
    .replace(/−/g, '-');
  return latin === '' || !/^-?\d*\.?\d+$|^-?\d+\.$/.test(latin) ? NaN : Number(latin);
}

/** The height in metres when it is one the check accepts, else null. */
export function heightOf(form: CheckForm): number | null {
  const h = parseNumber(form.heightText);
  return Number.isFinite(h) && h > 0 && h <= MAX_HEIGHT_M ? h : null;
}

/** The check's input for a pin at [lon, lat], or null without a pin or a valid height. */
export function checkInput(form: CheckForm, pin: readonly [number, number] | null): SitingInput | null {
  const height = heightOf(form);
  if (!pin || height === null) return null;
  return {
    lon: pin[0],
    lat: pin[1],
    height_m: height,
    structure_type: form.structureType,
    ...(form.operatorId ? { operator_id: form.operatorId } : {}),
  };
}

export { STRUCTURE_TYPES };
