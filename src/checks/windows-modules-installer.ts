// Tencent's FAQ, cause 2: image creation relies on the Windows Modules Installer (TrustedInstaller).
// Its default is Manual and Stopped (it starts on demand); Windows itself switches it to Automatic while
// an update waits for a restart (KB 968440), so that is normal and must not be "fixed".
import { defineCheck, DOCS, type FindingDraft } from './define-check.js';
import { findService, processEvidence, serviceEvidence, serviceState, startMode } from './shared/services.js';
import { servicingRebootPending } from './shared/pending-reboot.js';
import { factValue } from '../snapshot/facts.js';
import { executableOf, imageKey, samePath } from '../util/windows-path.js';

const SERVICE = 'TrustedInstaller';
/** Worker processes that mean a servicing operation is running right now. */
const SERVICING_WORKERS = ['TiWorker.exe'];

export const windowsModulesInstaller = defineCheck({
  meta: {
    id: 'windows-modules-installer',
    group: 'servicing',
    title: 'ti.title',
    description: 'ti.description',
    docsUrl: `${DOCS}#windows-modules-installer`,
    requiredFacts: ['services'],
    optionalFacts: ['processes', 'registry', 'files', 'host'],
  },
  run({ snapshot }) {
    const services = factValue(snapshot, 'services') ?? [];
    const svc = findService(services, SERVICE);
    if (!svc) {
      return [{
        code: 'ti-missing', severity: 'fail',
        message: { id: 'ti.missing' },
        evidence: [{ kind: 'fact', ref: 'services', data: { searched: SERVICE, servicesListed: services.length } }],
        remediation: [{ message: { id: 'fix.repairServicing' }, commands: ['DISM.exe /Online /Cleanup-Image /RestoreHealth', 'sfc.exe /scannow'] }],
      }];
    }
    const evidence = [serviceEvidence(svc)];
    const mode = startMode(svc);
    const state = serviceState(svc);
    if (mode === 'disabled') {
      return [{
        code: 'ti-disabled', severity: 'fail', evidence,
        message: { id: 'ti.disabled' },
        remediation: [{ message: { id: 'fix.tiEnable' }, commands: ['sc.exe config TrustedInstaller start= demand'] }],
      }];
    }
    if (state === 'start-pending' || state === 'stop-pending') {
      return [{
        code: 'ti-stuck', severity: 'fail', evidence,
        message: { id: 'ti.stuck', params: { state: svc.State } },
        remediation: [{ message: { id: 'fix.tiStuck' }, commands: ['sc.exe queryex TrustedInstaller', 'shutdown.exe /r /t 0'] }],
      }];
    }

    const findings: FindingDraft[] = [];
    const host = factValue(snapshot, 'host');
    const files = factValue(snapshot, 'files');
    if (files && svc.PathName) {
      const exe = executableOf(svc.PathName);
      const file = files.find((f) => samePath(f.path, exe, { systemRoot: host?.systemRoot, systemDrive: host?.systemDrive }));
      if (file && !file.exists) {
        return [{
          code: 'ti-binary-missing', severity: 'fail',
          evidence: [...evidence, { kind: 'file', ref: file.path, data: { exists: false } }],
          message: { id: 'ti.binaryMissing', params: { path: exe } },
          remediation: [{ message: { id: 'fix.repairServicing' }, commands: ['DISM.exe /Online /Cleanup-Image /RestoreHealth', 'sfc.exe /scannow'] }],
        }];
      }
    }

    const processes = factValue(snapshot, 'processes');
    const workers = (processes ?? []).filter((p) => SERVICING_WORKERS.some((w) => imageKey(w) === imageKey(p.Name)));
    if (workers.length > 0) {
      findings.push({
        code: 'servicing-in-progress', severity: 'warn',
        evidence: [...evidence, ...workers.map(processEvidence)],
        message: { id: 'ti.servicingInProgress' },
        remediation: [{ message: { id: 'fix.waitForServicing' } }],
      });
    }

    if (mode === 'auto') {
      const registry = factValue(snapshot, 'registry');
      const pending = registry ? servicingRebootPending(registry) : false;
      findings.push({
        code: pending ? 'ti-automatic-reboot-pending' : 'ti-automatic', severity: 'info', evidence,
        message: { id: pending ? 'ti.automaticRebootPending' : 'ti.automatic' },
      });
    } else if (workers.length === 0) {
      findings.push({
        code: 'ti-ok', severity: 'pass', evidence,
        message: { id: state === 'running' ? 'ti.runningIdle' : 'ti.ok', params: { state: svc.State, startMode: svc.StartMode } },
      });
    }
    return findings;
  },
});
