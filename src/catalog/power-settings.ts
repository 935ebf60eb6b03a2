// The power settings that decide whether Windows obeys Tencent's soft shutdown (an ACPI power-button
// event, doc 213/2917) or sleeps through it, as data. GUIDs and value meanings from the Windows SDK's
// ntpoapi.h (GUID_SYSTEM_BUTTON_SUBGROUP, GUID_POWERBUTTON_ACTION, POWERBUTTON_ACTION_INDEX_*,
// GUID_SLEEP_SUBGROUP, GUID_STANDBY_TIMEOUT, GUID_HIBERNATE_TIMEOUT, GUID_VIDEO_SUBGROUP,
// GUID_VIDEO_POWERDOWN_TIMEOUT); the scheme GUIDs from the same header and powercfg's aliases.

export const POWER_SCHEMES = {
  /** GUID_MIN_POWER_SAVINGS, powercfg SCHEME_MIN: what Tencent's power guide (doc 213/2756) asks for. */
  highPerformance: '8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c',
  /** GUID_TYPICAL_POWER_SAVINGS, SCHEME_BALANCED: Windows Server's default plan. */
  balanced: '381b4222-f694-41f0-9685-ff5bb260df2e',
  /** GUID_MAX_POWER_SAVINGS, SCHEME_MAX. */
  powerSaver: 'a1841308-3541-4fab-bc81-f71556f20b4a',
} as const;

export interface PowerSetting {
  id: 'powerButtonAction' | 'sleepAfter' | 'hibernateAfter' | 'displayOffAfter';
  subgroup: string;
  setting: string;
}

export const POWER_SETTINGS: readonly PowerSetting[] = [
  { id: 'powerButtonAction', subgroup: '4f971e89-eebd-4455-a8de-9e59040e7347', setting: '7648efa3-dd9c-4e3e-b566-50f929386280' },
  { id: 'sleepAfter', subgroup: '238c9fa8-0aad-41ed-83f4-97be242c8f20', setting: '29f6c1db-86da-48c5-9fdb-f2b67b1f44da' },
  { id: 'hibernateAfter', subgroup: '238c9fa8-0aad-41ed-83f4-97be242c8f20', setting: '9d7815a6-7ee4-497e-8888-515a05f02364' },
  { id: 'displayOffAfter', subgroup: '7516b95f-f776-4464-8c53-06167f40cc99', setting: '3c0bc021-c8a8-4e07-a973-6b14cbcb2b7e' },
];

/** POWERBUTTON_ACTION_INDEX_* (ntpoapi.h): what ACSettingIndex of the power button action holds. */
export const POWER_BUTTON_ACTIONS: Readonly<Record<number, string>> = {
  0: 'do nothing',
  1: 'sleep',
  2: 'hibernate',
  3: 'shut down',
  4: 'turn off the display',
};
export const POWER_BUTTON_SHUT_DOWN = 3;

const POWER = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Power';
/** The active scheme and the user's overrides: PowerSchemes\{scheme}\{subgroup}\{setting} ACSettingIndex. */
export const POWER_SCHEMES_KEY = `${POWER}\\User\\PowerSchemes`;
/** A scheme's default when it has no override: PowerSettings\{subgroup}\{setting}\DefaultPowerSchemeValues\{scheme}. */
export const defaultValuesKey = (s: PowerSetting) => `${POWER}\\PowerSettings\\${s.subgroup}\\${s.setting}\\DefaultPowerSchemeValues`;
/** Group Policy's value, which wins over the scheme (Power.admx). */
export const policyKey = (s: PowerSetting) => `HKLM\\SOFTWARE\\Policies\\Microsoft\\Power\\PowerSettings\\${s.setting}`;
