// Windows language IDs (LCIDs, as hex strings in HKLM\SYSTEM\CurrentControlSet\Control\Nls\Language)
// and their culture names, for the languages a Tencent Cloud CVM is likely to be installed in. Data:
// an unknown ID just leaves the UI culture unknown, and the report falls back to English.
// Source: Microsoft's [MS-LCID] table.
export const LCID_CULTURES: Readonly<Record<string, string>> = {
  '0409': 'en-US',
  '0809': 'en-GB',
  '0c09': 'en-AU',
  '1009': 'en-CA',
  '4009': 'en-IN',
  '4809': 'en-SG',
  '0804': 'zh-CN',
  '1004': 'zh-SG',
  '0404': 'zh-TW',
  '0c04': 'zh-HK',
  '1404': 'zh-MO',
  '0416': 'pt-BR',
  '0816': 'pt-PT',
  '0421': 'id-ID',
  '0411': 'ja-JP',
  '0412': 'ko-KR',
  '041e': 'th-TH',
  '042a': 'vi-VN',
  '043e': 'ms-MY',
  '0407': 'de-DE',
  '040c': 'fr-FR',
  '0c0a': 'es-ES',
  '080a': 'es-MX',
  '0410': 'it-IT',
  '0419': 'ru-RU',
  '0413': 'nl-NL',
  '0415': 'pl-PL',
  '041f': 'tr-TR',
  '0401': 'ar-SA',
};

/** "0804" (or "804", any case) -> "zh-CN"; undefined when the ID is not in the table. */
export function cultureOfLcid(lcid: unknown): string | undefined {
  if (typeof lcid !== 'string' || !/^[0-9a-f]{1,4}$/i.test(lcid.trim())) return undefined;
  return LCID_CULTURES[lcid.trim().toLowerCase().padStart(4, '0')];
}
