// Tencent's FAQ, cause 3: antivirus tools or Safedog can block the image creation scripts. Detected by
// process image name, service name and install-path fragment from a table the user can extend.
// Tencent's own agents (host security, monitoring) are never counted as third-party software.
import { defineCheck, DOCS, type Evidence, type FindingDraft, type Remediation, type Severity } from './define-check.js';
import { tencentComponentFilter } from './shared/agent-match.js';
import { processEvidence, scName, serviceEvidence, serviceState } from './shared/services.js';
import type { SecurityProduct } from '../catalog/security-products.js';
import { factValue } from '../snapshot/facts.js';
import type { Process, Service } from '../snapshot/schema.js';
import { imageKey } from '../util/windows-path.js';

interface Detection {
  product: SecurityProduct;
  processes: Process[];
  services: Service[];
}

/** The product table indexed once, so a machine with 10,000 processes is one pass, not one per product. */
function detectAll(products: readonly SecurityProduct[], services: readonly Service[], processes: readonly Process[]): Detection[] {
  const byImage = new Map<string, number[]>();
  const byService = new Map<string, number[]>();
  const fragments: Array<[string, number]> = [];
  products.forEach((product, i) => {
    for (const name of product.processes ?? []) byImage.set(imageKey(name), [...(byImage.get(imageKey(name)) ?? []), i]);
    for (const name of product.services ?? []) byService.set(name.toLowerCase(), [...(byService.get(name.toLowerCase()) ?? []), i]);
    for (const f of product.pathFragments ?? []) fragments.push([f.toLowerCase(), i]);
  });
  const hits = products.map((product): Detection => ({ product, processes: [], services: [] }));
  const matchPath = (path: string | null | undefined, into: Set<number>) => {
    if (!path) return;
    const lower = path.toLowerCase();
    for (const [f, i] of fragments) if (lower.includes(f)) into.add(i);
  };
  for (const proc of processes) {
    const found = new Set(byImage.get(imageKey(proc.Name)) ?? []);
    matchPath(proc.ExecutablePath, found);
    for (const i of found) hits[i]!.processes.push(proc);
  }
  for (const svc of services) {
    const found = new Set(byService.get(svc.Name.toLowerCase()) ?? []);
    matchPath(svc.PathName, found);
    for (const i of found) hits[i]!.services.push(svc);
  }
  return hits;
}

function remediation(d: Detection, runningServices: Service[]): Remediation[] {
  const product = { product: d.product.name };
  // Without services to stop, only the product's own console can turn it off: no trailing colon.
  const withCommands = runningServices.length > 0;
  const stop: Remediation = {
    message: d.product.stopHint ? { id: 'fix.securityStopHint', params: { hint: d.product.stopHint } } : { id: withCommands ? 'fix.securityStop' : 'fix.securityStopConsole', params: product },
    commands: runningServices.map((s) => `sc.exe stop ${scName(s.Name)}`),
  };
  const start: Remediation = {
    message: d.product.startHint ? { id: 'fix.securityStartHint', params: { hint: d.product.startHint } } : { id: withCommands ? 'fix.securityStart' : 'fix.securityStartConsole', params: product },
    commands: runningServices.map((s) => `sc.exe start ${scName(s.Name)}`),
  };
  return [stop, start];
}

export const securitySoftware = defineCheck({
  meta: {
    id: 'security-software',
    group: 'security',
    title: 'security.title',
    description: 'security.description',
    docsUrl: `${DOCS}#security-software`,
    requiredFacts: ['services', 'processes'],
  },
  run({ snapshot, config }) {
    const tencent = tencentComponentFilter(config.agents);
    const services = (factValue(snapshot, 'services') ?? []).filter((s) => !tencent.service(s));
    const processes = (factValue(snapshot, 'processes') ?? []).filter((p) => !tencent.process(p));
    const findings: FindingDraft[] = [];
    for (const d of detectAll(config.securityProducts, services, processes)) {
      const { product } = d;
      if (d.processes.length === 0 && d.services.length === 0) continue;
      const runningServices = d.services.filter((s) => serviceState(s) === 'running');
      const running = d.processes.length > 0 || runningServices.length > 0;
      const evidence: Evidence[] = [...d.services.map(serviceEvidence), ...d.processes.map(processEvidence)];
      const params = { product: product.name };
      if (product.kind === 'builtin') {
        findings.push({ code: 'builtin-antivirus', severity: 'info', evidence, message: { id: running ? 'security.builtinRunning' : 'security.builtinStopped', params }, remediation: running ? remediation(d, []) : undefined });
        continue;
      }
      if (!running) {
        findings.push({ code: 'installed-stopped', severity: 'info', evidence, message: { id: 'security.installedStopped', params } });
        continue;
      }
      const severity: Severity = product.kind === 'safedog' ? 'fail' : 'warn';
      findings.push({
        code: product.kind === 'safedog' ? 'safedog-running' : 'third-party-running', severity, evidence,
        message: { id: product.kind === 'safedog' ? 'security.safedogRunning' : 'security.thirdPartyRunning', params },
        remediation: remediation(d, runningServices),
      });
    }
    if (findings.length === 0) {
      findings.push({ code: 'none-detected', severity: 'pass', message: { id: 'security.noneDetected', params: { count: config.securityProducts.length } } });
    }
    return findings;
  },
});
