// Services the admin's own config says must be working before a capture (their deployment agent,
// say). Judged like the Tencent agents: missing, stopped or disabled blocks.
import { defineCheck, DOCS, type FindingDraft } from './define-check.js';
import { enableAndStartCommands, findService, serviceEvidence, serviceState, startMode } from './shared/services.js';
import { factValue } from '../snapshot/facts.js';

export const requiredServices = defineCheck({
  meta: {
    id: 'required-services',
    group: 'agents',
    title: 'required.title',
    description: 'required.description',
    docsUrl: `${DOCS}#required-services`,
    requiredFacts: ['services'],
    appliesTo: ({ config }) => config.requiredServices.length > 0,
  },
  run({ snapshot, config }) {
    const services = factValue(snapshot, 'services') ?? [];
    return config.requiredServices.map(({ name, reason }): FindingDraft => {
      const svc = findService(services, name);
      const why = reason ?? '';
      if (!svc) return { code: 'required-missing', severity: 'fail', message: { id: 'required.missing', params: { name, reason: why } } };
      const evidence = [serviceEvidence(svc)];
      if (startMode(svc) === 'disabled' || serviceState(svc) !== 'running') {
        return {
          code: 'required-not-running', severity: 'fail', evidence,
          message: { id: 'required.notRunning', params: { name, state: svc.State, startMode: svc.StartMode, reason: why } },
          remediation: [{ message: { id: 'fix.enableAndStart' }, commands: enableAndStartCommands(svc) }],
        };
      }
      return { code: 'required-running', severity: 'pass', evidence, message: { id: 'required.running', params: { name } } };
    });
  },
});
