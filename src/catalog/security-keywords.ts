// Words that give security software away in a service's display name or description, or in the folder it
// runs from, for products the table in security-products.ts does not know. In the four languages the
// reports speak, lower case. Only words that name security software on their own are listed: "security",
// "protection", "防护", "segurança" or "keamanan" alone also name Windows' own and unrelated services.
// Tencent's own vocabulary for such products: "安全软件", "杀毒软件", "第三方安全软件", "programa de
// segurança", "program keamanan" (password-reset troubleshooting page, doc 213/… in zh/pt/id).
// A match is a heuristic on localized text: it warns, never blocks (docs/checks.md#unknown-security-software).

/** Matched anywhere in the text (CJK has no word boundaries; the Latin ones are long enough not to hide in other words). */
export const SECURITY_PHRASES: readonly string[] = [
  // English
  'antivirus',
  'anti-virus',
  'antimalware',
  'anti-malware',
  'endpoint protection',
  'endpoint security',
  'endpoint detection',
  'threat protection',
  'threat detection',
  'threat defense',
  'intrusion prevention',
  'host intrusion',
  'real-time protection',
  'realtime protection',
  'virus scan',
  // Chinese (Simplified)
  '杀毒',
  '防病毒',
  '反病毒',
  '病毒防护',
  '安全卫士',
  '主机防护',
  '主机安全',
  '终端安全',
  '终端防护',
  '实时防护',
  '木马',
  '入侵防御',
  '防篡改',
  // Portuguese
  'antivírus',
  'proteção em tempo real',
  'proteção de endpoint',
  'proteção contra ameaças',
  'segurança de endpoint',
  // Indonesian
  'perlindungan real-time',
  'perlindungan waktu nyata',
  'perlindungan endpoint',
  'keamanan endpoint',
];

/** Matched as whole words only (letters or digits on neither side): short acronyms. */
export const SECURITY_WORDS: readonly string[] = ['edr', 'hips', 'xdr', 'epp'];

/**
 * Windows' own security services, by service name (never localized): they are Windows, not third-party
 * software, whatever their display name says in the server's language. Sources: Microsoft's service
 * guidance for Windows Server 2016 and Windows IoT Enterprise (WinDefend, WdNisSvc, Sense,
 * SecurityHealthService, wscsvc, mpssvc); MDCoreSvc (Microsoft Defender Core Service), MsMpSvc (System
 * Center Endpoint Protection / Microsoft Antimalware on 2012 R2), webthreatdefsvc (Web Threat Defense),
 * SgrmBroker and BFE [U: names from Windows installs, not a Microsoft page].
 */
export const WINDOWS_SECURITY_SERVICES: readonly string[] = [
  'WinDefend',
  'WdNisSvc',
  'Sense',
  'SecurityHealthService',
  'wscsvc',
  'mpssvc',
  'MDCoreSvc',
  'MsMpSvc',
  'NisSrv',
  'webthreatdefsvc',
  'SgrmBroker',
  'BFE',
];

/**
 * Folders of Microsoft's own security programs (Defender's platform folder, Defender for Endpoint): a
 * process running from one of them is Windows, even without a service to tell.
 */
export const WINDOWS_SECURITY_FOLDERS: readonly string[] = [
  '\\microsoft\\windows defender\\',
  '\\windows defender\\',
  '\\windows defender advanced threat protection\\',
  '\\microsoft security client\\',
];
