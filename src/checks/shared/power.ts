// The active power scheme's AC values as Windows applies them: Group Policy's value, else the scheme's own
// override (PowerSchemes\{scheme}\{subgroup}\{setting}), else the scheme's default
// (PowerSettings\…\DefaultPowerSchemeValues\{scheme}). Read from the registry, never from powercfg's
// translated text. A value found nowhere is unknown, never assumed (some builds keep the defaults
// compiled in, with no DefaultPowerSchemeValues key).
import { POWER_SCHEMES_KEY, POWER_SETTINGS, defaultValuesKey, policyKey, type PowerSetting } from '../../catalog/power-settings.js';
import { asNumber, asString, lookupKey, lookupValue } from '../../snapshot/registry.js';
import type { Registry } from '../../snapshot/schema.js';

export interface PowerValue {
  ac: number | undefined;
  source: 'policy' | 'scheme' | 'default' | undefined;
  /** The registry key the value came from, for the evidence. */
  path?: string;
}

export interface PowerState {
  /** The active scheme's GUID, lower case; undefined when ActivePowerScheme could not be read. */
  scheme: string | undefined;
  values: Record<PowerSetting['id'], PowerValue>;
}

export function resolvePower(registry: Registry): PowerState {
  const scheme = asString(lookupValue(lookupKey(registry, POWER_SCHEMES_KEY), 'ActivePowerScheme'))
    ?.trim()
    .toLowerCase();
  const read = (path: string) => asNumber(lookupValue(lookupKey(registry, path), 'ACSettingIndex'));
  const resolve = (s: PowerSetting): PowerValue => {
    const policy = read(policyKey(s));
    if (policy !== undefined) return { ac: policy, source: 'policy', path: policyKey(s) };
    if (!scheme) return { ac: undefined, source: undefined };
    const own = `${POWER_SCHEMES_KEY}\\${scheme}\\${s.subgroup}\\${s.setting}`;
    const overridden = read(own);
    if (overridden !== undefined) return { ac: overridden, source: 'scheme', path: own };
    const fallback = `${defaultValuesKey(s)}\\${scheme}`;
    const byDefault = read(fallback);
    return byDefault !== undefined ? { ac: byDefault, source: 'default', path: fallback } : { ac: undefined, source: undefined };
  };
  const values = Object.fromEntries(POWER_SETTINGS.map((s) => [s.id, resolve(s)])) as PowerState['values']; // eslint-disable-line @typescript-eslint/no-unsafe-type-assertion -- one entry per POWER_SETTINGS id
  return { scheme, values };
}

/** Every key the power facts come from, for the could-not-read finding. */
export function powerKeyPaths(): string[] {
  return [POWER_SCHEMES_KEY, ...POWER_SETTINGS.flatMap((s) => [defaultValuesKey(s), policyKey(s)])];
}
