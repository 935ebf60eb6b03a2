// Tencent's FAQ, cause 3: antivirus tools or Safedog can block the image creation scripts. Detected by
// process image name, service name and install-path fragment from a table the user can extend.
// Tencent's own agents (host security, monitoring) are never counted as third-party software.
import { defineCheck, DOCS, type Evidence, type FindingDraft, type Remediation, type Severity } from './define-check.js';
import { isTencentComponent } from './shared/agent-match.js';
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

function pathHit(path: string | null | undefined, fragments: readonly string[] | undefined): boolean {
  if (!path || !fragments?.length) return false;
  const lower = path.toLowerCase();
  return fragments.some((f) => lower.includes(f.toLowerCase()));
}

function detect(product: SecurityProduct, services: readonly Service[], processes: readonly Process[]): Detection {
  const names = new Set((product.processes ?? []).map(imageKey));
  const svcNames = new Set((product.services ?? []).map((s) => s.toLowerCase()));
  return {
    product,
    processes: processes.filter((p) => names.has(imageKey(p.Name)) || pathHit(p.ExecutablePath, product.pathFragments)),
    services: services.filter((s) => svcNames.has(s.Name.toLowerCase()) || pathHit(s.PathName, product.pathFragments)),
  };
}

function remediation(d: Detection, runningServices: Service[]): Remediation[] {
  const stop: Remediation = {
    message: d.product.stopHint ? { id: 'fix.securityStopHint', params: { hint: d.product.stopHint } } : { id: 'fix.securityStop', params: { product: d.product.name } },
    commands: runningServices.map((s) => `sc.exe stop ${scName(s.Name)}`),
  };
  const start: Remediation = {
    message: d.product.startHint ? { id: 'fix.securityStartHint', params: { hint: d.product.startHint } } : { id: 'fix.securityStart', params: { product: d.product.name } },
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
    const services = (factValue(snapshot, 'services') ?? []).filter((s) => !isTencentComponent(config.agents, { service: s }));
    const processes = (factValue(snapshot, 'processes') ?? []).filter((p) => !isTencentComponent(config.agents, { process: p }));
    const findings: FindingDraft[] = [];
    for (const product of config.securityProducts) {
      const d = detect(product, services, processes);
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
