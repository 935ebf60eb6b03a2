// A restart Windows is waiting for: capturing now bakes half-finished servicing into the image, and
// the capture's own restart may stall on "Configuring updates". One finding per source, with evidence.
// PendingFileRenameOperations is filled by antivirus and installers too, so it is allow-listable.
import { defineCheck, DOCS, type FindingDraft } from './define-check.js';
import { pendingRebootSources, type RebootSourceCode } from './shared/pending-reboot.js';
import { factValue } from '../snapshot/facts.js';
import type { MessageId } from '../messages/en.js';

const MESSAGES: Record<RebootSourceCode, MessageId> = {
  'cbs-reboot-pending': 'reboot.cbsRebootPending',
  'cbs-packages-pending': 'reboot.cbsPackagesPending',
  'wu-reboot-required': 'reboot.wuRebootRequired',
  'file-rename-operations': 'reboot.fileRenames',
  'update-exe-volatile': 'reboot.updateExeVolatile',
  'computer-rename': 'reboot.computerRename',
  'domain-join': 'reboot.domainJoin',
};
const RESTART = ['shutdown.exe /r /t 0'];
const SHOWN_RENAMES = 10;

export const pendingReboot = defineCheck({
  meta: {
    id: 'pending-reboot',
    group: 'reboot',
    title: 'reboot.title',
    description: 'reboot.description',
    docsUrl: `${DOCS}#pending-reboot`,
    requiredFacts: ['registry'],
  },
  run({ snapshot, config }) {
    const registry = factValue(snapshot, 'registry')!;
    const findings: FindingDraft[] = [];
    for (const source of pendingRebootSources(registry, config.pendingFileRenameAllowList)) {
      if (source.state === 'clear') continue;
      if (source.state === 'unknown') {
        findings.push({
          code: source.code, severity: 'unknown',
          message: { id: 'common.keyUnreadable', params: { paths: source.path } },
          evidence: [{ kind: 'registry', ref: source.path, data: { error: source.message } }],
        });
        continue;
      }
      const evidence = [...source.evidence];
      let params: Record<string, string | number> = {};
      if (source.renames) {
        params = { count: source.renames.length };
        for (const r of source.renames.slice(0, SHOWN_RENAMES)) {
          evidence.push({ kind: 'file', ref: r.from, data: r.to ? { renameTo: r.to } : { deleteAtBoot: true } });
        }
        if (source.renames.length > SHOWN_RENAMES) evidence.push({ kind: 'fact', ref: 'PendingFileRenameOperations', data: { more: source.renames.length - SHOWN_RENAMES } });
      }
      findings.push({
        code: source.code, severity: 'warn', evidence, message: { id: MESSAGES[source.code], params },
        remediation: [{ message: { id: source.code === 'file-rename-operations' ? 'fix.restartOrAllowList' : 'fix.restart' }, commands: RESTART }],
      });
    }
    if (findings.length === 0) findings.push({ code: 'no-reboot-pending', severity: 'pass', message: { id: 'reboot.none' } });
    return findings;
  },
});
