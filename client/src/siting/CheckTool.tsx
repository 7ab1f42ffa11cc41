/** The "check a location" tool on the map: the pin, the proposed structure, the live check and the lines to the
 *  objects it involves. Mounted while the tool is on; everything it drew leaves with it. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type L from 'leaflet';
import type { Operator } from '../../../shared/model.js';
import { useI18n } from '../i18n/i18n.js';
import { toLonLat } from '../map/latlng.js';
import { checkInput, DEFAULT_FORM, type CheckForm } from './check-form.js';
import { CheckPanel } from './CheckPanel.js';
import { CheckPin } from './check-pin.js';
import { useSitingFormat } from './format.js';
import { keepClearOf } from './keep-clear.js';
import { RelatedLayer, relatedTargets } from './related-layer.js';
import { useSitingCheck } from './use-siting-check.js';

interface Props {
  map: L.Map;
  operators: readonly Operator[];
  operatorName(id: string): string;
  onClose(): void;
}

/** The tool while it is on. */
export function CheckTool({ map, operators, operatorName, onClose }: Props) {
  const { t, num } = useI18n();
  const f = useSitingFormat();
  // The height in the language's digits, as the person would type it.
  const [form, setForm] = useState<CheckForm>(() => ({ ...DEFAULT_FORM, heightText: num(Number(DEFAULT_FORM.heightText)) }));
  const [pin, setPin] = useState<[number, number] | null>(null);
  const [holding, setHolding] = useState(false);
  const pinRef = useRef<CheckPin | null>(null);
  const lines = useRef<RelatedLayer | null>(null);
  const panel = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const p = new CheckPin(map, t('siting.check.pin'), {
      onMove: (at, h) => {
        setPin(toLonLat(at));
        setHolding(h);
      },
    });
    const l = new RelatedLayer(map);
    pinRef.current = p;
    lines.current = l;
    return () => {
      p.remove();
      l.remove();
      pinRef.current = null;
      lines.current = null;
    };
    // Made once per tool session: the pin's title is read when it is made.
  }, [map]);

  const input = useMemo(() => checkInput(form, pin), [form, pin]);
  const check = useSitingCheck(input, holding);

  useEffect(() => {
    const l = lines.current;
    if (!l) return;
    const ctx = check.context;
    l.draw(pin ?? [0, 0], pin && check.result && ctx ? relatedTargets(check.result, pin, ctx.sensitivePlaces, ctx.sites, f.metres) : []);
  }, [pin, check.result, check.context, f]);

  // On a phone the panel is a sheet over the map's lower part: once the pin rests, it is kept above the sheet.
  const resultShown = check.result !== null;
  useEffect(() => {
    const at = pinRef.current?.position();
    if (holding || !at || !panel.current) return;
    const frame = requestAnimationFrame(() => panel.current && keepClearOf(map, at, panel.current));
    return () => cancelAnimationFrame(frame);
  }, [map, pin, holding, resultShown]);

  const onCentre = useCallback(() => pinRef.current?.place(map.getCenter()), [map]);

  return (
    <CheckPanel
      panelRef={panel}
      form={form}
      onForm={setForm}
      placed={pin !== null}
      check={check}
      operators={operators}
      operatorName={operatorName}
      onCentre={onCentre}
      onClose={onClose}
    />
  );
}
