// Tencent's FAQ, cause 1: QcloudService, WinAgent, win-agent and every official Win_Agent* service
// must be working. Newer documentation dropped that table, so an absent agent is only information,
// but none at all is a risk; an installed agent that is stopped or disabled blocks the capture.
import { defineCheck, DOCS, type FindingDraft } from './define-check.js';
import { findAgentInstances, type AgentInstance } from './shared/agent-match.js';
import { enableAndStartCommands, processEvidence, serviceEvidence, serviceState, startMode } from './shared/services.js';
import { factValue } from '../snapshot/facts.js';
import { executableOf, expandPath, samePath, type PathContext } from '../util/windows-path.js';
import type { AgentEntry } from '../catalog/agents.js';
import { textIn } from '../messages/format.js';
import type { ParamValue } from '../messages/types.js';

function instanceName(entry: AgentEntry, inst: AgentInstance): ParamValue {
  return inst.service?.Name ?? inst.process?.Name ?? entry.name;
}

function judgeInstance(entry: AgentEntry, inst: AgentInstance, paths: PathContext): FindingDraft {
  const name = instanceName(entry, inst);
  const evidence = [inst.service && serviceEvidence(inst.service), inst.process && processEvidence(inst.process)].filter((e) => e !== undefined);
  const svc = inst.service;
  if (svc) {
    const mode = startMode(svc);
    const state = serviceState(svc);
    if (mode === 'disabled') {
      return {
        code: 'agent-disabled', severity: 'fail', evidence,
        message: { id: 'agents.disabled', params: { name, state: svc.State } },
        remediation: [{ message: { id: 'fix.enableAndStart' }, commands: enableAndStartCommands(svc) }],
      };
    }
    if (state !== 'running') {
      return {
        code: 'agent-not-running', severity: 'fail', evidence,
        message: { id: 'agents.notRunning', params: { name, state: svc.State, startMode: svc.StartMode } },
        remediation: [{ message: { id: 'fix.enableAndStart' }, commands: enableAndStartCommands(svc) }],
      };
    }
  }
  const actual = svc?.PathName ? executableOf(svc.PathName) : inst.process?.ExecutablePath ?? undefined;
  if (actual && entry.expectedPaths?.length && !entry.expectedPaths.some((p) => samePath(p, actual, paths))) {
    return {
      code: 'agent-unexpected-path', severity: 'warn', evidence,
      message: { id: 'agents.unexpectedPath', params: { name, path: actual, expected: { list: entry.expectedPaths.map((p) => expandPath(p, paths)), join: 'or' } } },
      remediation: [{ message: { id: 'fix.agentReinstall' } }],
    };
  }
  return {
    code: 'agent-running', severity: 'pass', evidence,
    message: { id: svc ? 'agents.running' : 'agents.processRunning', params: { name, startMode: svc?.StartMode ?? '' } },
  };
}

export const tencentAgents = defineCheck({
  meta: {
    id: 'tencent-agents',
    group: 'agents',
    title: 'agents.title',
    description: 'agents.description',
    docsUrl: `${DOCS}#tencent-agents`,
    requiredFacts: ['services'],
    optionalFacts: ['processes', 'host'],
  },
  run({ snapshot, config }) {
    const services = factValue(snapshot, 'services') ?? [];
    const processes = factValue(snapshot, 'processes') ?? [];
    const host = factValue(snapshot, 'host');
    const paths: PathContext = { systemRoot: host?.systemRoot, systemDrive: host?.systemDrive };
    const findings: FindingDraft[] = [];
    const missing: AgentEntry[] = [];
    let requiredPresent = 0;

    for (const entry of config.agents) {
      const instances = findAgentInstances(entry, services, processes);
      if (entry.role === 'informational') {
        for (const inst of instances) {
          const running = inst.service ? serviceState(inst.service) === 'running' : true;
          findings.push({
            code: 'tencent-component', severity: 'info',
            evidence: [inst.service && serviceEvidence(inst.service), inst.process && processEvidence(inst.process)].filter((e) => e !== undefined),
            message: { id: running ? 'agents.componentRunning' : 'agents.componentStopped', params: { product: entry.name, name: instanceName(entry, inst), state: inst.service?.State ?? 'Running' } },
          });
        }
        continue;
      }
      if (instances.length === 0) {
        if (!entry.serviceNamePrefixes?.length) missing.push(entry);
        continue;
      }
      requiredPresent += 1;
      for (const inst of instances) findings.push(judgeInstance(entry, inst, paths));
    }

    if (requiredPresent === 0) {
      findings.unshift({
        code: 'no-agents', severity: 'warn',
        message: { id: 'agents.noneInstalled', params: { names: { list: missing.map((m) => m.name), join: 'comma' } } },
        evidence: [{ kind: 'fact', ref: 'services', data: { searched: config.agents.filter((a) => a.role === 'required').map((a) => textIn(a.name, 'en')) } }],
        remediation: [{ message: { id: 'fix.agentsNone' } }],
      });
    } else {
      for (const entry of missing) {
        findings.push({ code: 'agent-not-installed', severity: 'info', message: { id: 'agents.notInstalled', params: { name: entry.name } } });
      }
    }
    return findings;
  },
});
