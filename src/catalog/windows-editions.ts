// Windows Server activation facts, as data.
//
// GVLKs: Microsoft's public "KMS client setup keys". They make Windows a KMS client and activate only
// against a KMS host; they are also the keys `DISM /Set-Edition` takes to convert an evaluation edition.
// Source: Microsoft Learn, "Key Management Services (KMS) client activation and product keys"
// (MicrosoftDocs/windowsserverdocs, WindowsServerDocs/get-started/kms-client-activation-keys.md), read
// 2026-11; the builds are the LTSC releases' (9200 2012, 9600 2012 R2, 14393 2016, 17763 2019, 20348 2022,
// 26100 2025).
//
// Tencent Cloud's KMS: `slmgr.vbs /skms kms.tencentyun.com:1688` then `/ato`, "intended only for Windows
// Server public images provided by Tencent Cloud. It is not applicable for custom images or images imported
// from external sources" (Tencent Cloud CVM docs, "Windows activation", tencentyun/intlcloud-documents).

export const TENCENT_KMS = 'kms.tencentyun.com:1688';

export type ServerEdition = 'ServerStandard' | 'ServerDatacenter';

export const GVLK_BY_BUILD: Readonly<Record<string, { name: string; keys: Record<ServerEdition, string> }>> = {
  '9200': {
    name: 'Windows Server 2012',
    keys: { ServerStandard: 'XC9B7-NBPP2-83J2H-RHMBY-92BT4', ServerDatacenter: '48HP8-DN98B-MYWDG-T2DCC-8W83P' },
  },
  '9600': {
    name: 'Windows Server 2012 R2',
    keys: { ServerStandard: 'D2N9P-3P6X9-2R39C-7RTCD-MDVJX', ServerDatacenter: 'W3GGN-FT8W3-Y4M27-J84CP-Q3VJ9' },
  },
  '14393': {
    name: 'Windows Server 2016',
    keys: { ServerStandard: 'WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY', ServerDatacenter: 'CB7KF-BWN84-R7R2Y-793K2-8XDDG' },
  },
  '17763': {
    name: 'Windows Server 2019',
    keys: { ServerStandard: 'N69G4-B89J2-4G8F4-WWYCC-J464C', ServerDatacenter: 'WMDGN-G9PQG-XVVXX-R3X43-63DFG' },
  },
  '20348': {
    name: 'Windows Server 2022',
    keys: { ServerStandard: 'VDYBN-27WPP-V4HQT-9VMD4-VMK7H', ServerDatacenter: 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33' },
  },
  '26100': {
    name: 'Windows Server 2025',
    keys: { ServerStandard: 'TVRH6-WHNXV-R9WG3-9XRFY-MY832', ServerDatacenter: 'D764K-2NDRG-47T6Q-P8T8W-YP6DF' },
  },
};

/** Standard or Datacenter from an EditionID (ServerStandard, ServerDatacenterEval, ServerStandardCor…). */
export function serverEdition(editionId: string | null | undefined): ServerEdition | undefined {
  const m = /^Server(Standard|Datacenter)/i.exec(editionId ?? '');
  if (!m?.[1]) return undefined;
  return m[1].toLowerCase() === 'standard' ? 'ServerStandard' : 'ServerDatacenter';
}

/** The build number's digits before any dot ("17763", "17763.6189" and "10.0.17763" all give 17763). */
function buildOf(build: string | null | undefined): string | undefined {
  const digits = /(\d{4,5})(?:\.\d+)?$/.exec((build ?? '').trim());
  return digits?.[1];
}

/** The KMS client key for an edition and build, when both are known and Microsoft publishes one. */
export function gvlkFor(
  editionId: string | null | undefined,
  build: string | null | undefined,
): { edition: ServerEdition; key: string; name: string } | undefined {
  const edition = serverEdition(editionId);
  const entry = GVLK_BY_BUILD[buildOf(build) ?? ''];
  if (!edition || !entry) return undefined;
  return { edition, key: entry.keys[edition], name: entry.name };
}
