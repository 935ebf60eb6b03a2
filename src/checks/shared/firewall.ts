// Windows Firewall rules as Windows stores them in the registry: one REG_SZ per rule, "v2.30|Action=Allow|
// Active=TRUE|Dir=In|Protocol=6|Profile=Public|LPort=3389|App=…|Svc=termservice|Name=@FirewallAPI.dll,-28775|"
// ([MS-GPFAS] 2.2.2.19). Judged by port, protocol, direction, action and profile, never by the rule's
// name, which is a resource reference or localized text.
import type { Registry, RegistryKey } from '../../snapshot/schema.js';

export interface FirewallRule {
  id: string;
  store: 'local' | 'policy';
  action: 'allow' | 'block' | 'bypass' | 'other';
  active: boolean;
  inbound: boolean;
  /** IANA protocol number; undefined means any. */
  protocol: number | undefined;
  /** NET_FW_PROFILE_TYPE2 bits (1 domain, 2 private, 4 public); 7 when the rule names none. */
  profiles: number;
  /** LPort, LPort2_10 and LPort2_20 entries: numbers, ranges "a-b" or keywords; empty means any. */
  localPorts: string[];
  app: string | undefined;
  service: string | undefined;
  /** Remote addresses it is limited to (RA4/RA6/RA42/RA62), if any. */
  remoteLimited: boolean;
  raw: string;
}

const PROFILE_BITS: Record<string, number> = { domain: 1, private: 2, public: 4 };

export function parseRule(id: string, text: string, store: FirewallRule['store']): FirewallRule | undefined {
  if (!/^v\d+\.\d+\|/.test(text)) return undefined;
  const fields = text.split('|').slice(1);
  const all = (name: string) =>
    fields.filter((f) => f.toLowerCase().startsWith(`${name.toLowerCase()}=`)).map((f) => f.slice(name.length + 1));
  const one = (name: string) => all(name)[0];
  const actionText = (one('Action') ?? '').toLowerCase();
  const profiles = all('Profile').reduce((bits, p) => bits | (PROFILE_BITS[p.toLowerCase()] ?? 0), 0);
  const protocol = one('Protocol');
  return {
    id,
    store,
    action: actionText === 'allow' ? 'allow' : actionText === 'block' ? 'block' : actionText === 'bypass' ? 'bypass' : 'other',
    active: (one('Active') ?? 'TRUE').toUpperCase() === 'TRUE',
    inbound: (one('Dir') ?? '').toLowerCase() === 'in',
    protocol: protocol !== undefined && /^\d{1,3}$/.test(protocol) ? Number(protocol) : undefined,
    profiles: profiles === 0 ? 7 : profiles,
    localPorts: [...all('LPort'), ...all('LPort2_10'), ...all('LPort2_20')],
    app: one('App'),
    service: one('Svc'),
    remoteLimited: ['RA4', 'RA6', 'RA42', 'RA62'].some((f) => all(f).some((v) => v !== '' && v.toLowerCase() !== '*')),
    raw: text,
  };
}

/** Every rule of a FirewallRules key. */
export function rulesOf(key: RegistryKey | undefined, store: FirewallRule['store']): FirewallRule[] {
  return (key?.values ?? []).flatMap((v) => (typeof v.data === 'string' ? (parseRule(v.name, v.data, store) ?? []) : []));
}

/** The local rules and Group Policy's, from the registry facts. */
export function firewallRules(registry: Registry, localPolicyPath: string, groupPolicyPath: string): FirewallRule[] {
  const find = (path: string) => registry.keys.find((k) => k.path.toLowerCase() === `${path}\\FirewallRules`.toLowerCase());
  return [...rulesOf(find(localPolicyPath), 'local'), ...rulesOf(find(groupPolicyPath), 'policy')];
}

function portMatches(entry: string, port: number): boolean {
  const e = entry.trim();
  if (e === '*' || e.toLowerCase() === 'any') return true;
  const range = /^(\d+)-(\d+)$/.exec(e);
  if (range) return Number(range[1]) <= port && port <= Number(range[2]);
  return /^\d+$/.test(e) && Number(e) === port;
}

/**
 * Whether a rule governs inbound TCP to `port` for the service on profile `profile`: TCP or any protocol,
 * the port listed (or any), and no program other than the service's host named.
 */
export function coversTcpPort(rule: FirewallRule, port: number, profile: number, service: string): boolean {
  if (!rule.active || !rule.inbound || (rule.profiles & profile) === 0) return false;
  if (rule.protocol !== undefined && rule.protocol !== 6) return false;
  if (rule.localPorts.length > 0 && !rule.localPorts.some((p) => portMatches(p, port))) return false;
  if (rule.service && rule.service !== '*' && rule.service.toLowerCase() !== service.toLowerCase()) return false;
  if (rule.app && !rule.service && !/\\svchost\.exe$/i.test(rule.app)) return false;
  return true;
}
