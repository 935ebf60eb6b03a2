import { describe, expect, it } from 'vitest';
import { addProcess, addService, codes, findings, machine, processes, removeService, run, setService, statusOf } from '../helpers.js';

const ID = 'tencent-agents';

describe('tencent-agents', () => {
  it('passes when QcloudService runs from C:\\Windows, and notes the agents newer images lack', () => {
    const r = run(machine());
    expect(statusOf(r, ID)).toBe('info');
    expect(codes(r, ID)).toEqual(expect.arrayContaining(['agent-running:pass', 'agent-not-installed:info']));
  });

  it('blocks on an installed agent that is stopped, with sc.exe commands to fix it', () => {
    const s = machine();
    setService(s, 'QcloudService', { State: 'Stopped', StartMode: 'Manual', ProcessId: 0 });
    const f = findings(run(s), ID).find((x) => x.code === 'agent-not-running')!;
    expect(f.severity).toBe('fail');
    expect(f.remediation[0]!.commands).toEqual(['sc.exe config "QcloudService" start= auto', 'sc.exe start "QcloudService"']);
  });

  it('blocks on a disabled agent even if it is still running', () => {
    const s = machine();
    setService(s, 'QcloudService', { StartMode: 'Disabled' });
    expect(codes(run(s), ID)).toContain('agent-disabled:fail');
  });

  it('matches by PathName when the service has another name, and never by display name', () => {
    const s = machine();
    setService(s, 'QcloudService', { Name: 'QCloudSvcRenamed', DisplayName: 'Whatever', State: 'Stopped', ProcessId: 0 });
    addService(s, { Name: 'Decoy', DisplayName: 'Qcloud service', State: 'Stopped', StartMode: 'Manual', PathName: 'C:\\decoy.exe' });
    const f = findings(run(s), ID).filter((x) => x.severity === 'fail');
    expect(f.map((x) => x.params.name)).toEqual(['QCloudSvcRenamed']);
  });

  it('matches names and paths case-insensitively', () => {
    const s = machine();
    setService(s, 'QcloudService', { Name: 'qcloudservice', PathName: '"c:\\WINDOWS\\qcloudservice.EXE"' });
    expect(codes(run(s), ID)).toContain('agent-running:pass');
  });

  it('warns when an agent runs from an unexpected folder', () => {
    const s = machine();
    setService(s, 'QcloudService', { PathName: 'C:\\Users\\Public\\QcloudService.exe' });
    const f = findings(run(s), ID).find((x) => x.code === 'agent-unexpected-path')!;
    expect(f.severity).toBe('warn');
    expect(f.message).toContain('C:\\Users\\Public\\QcloudService.exe');
    expect(f.message).toContain('C:\\Windows\\QcloudService.exe');
  });

  it('accepts %SystemRoot% and a non-default system root in the expected path', () => {
    const s = machine();
    s.host = { ...(s.host as object), systemRoot: 'D:\\WINNT', systemDrive: 'D:' } as typeof s.host;
    setService(s, 'QcloudService', { PathName: '%SystemRoot%\\QcloudService.exe' });
    expect(codes(run(s), ID)).toContain('agent-running:pass');
  });

  it('judges every Win_Agent* service, stopped ones block', () => {
    const s = machine();
    addService(s, {
      Name: 'Win_Agent_Monitor',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\win_agent\\monitor.exe',
      ProcessId: 7000,
    });
    addService(s, { Name: 'win_agent_updater', State: 'Stopped', StartMode: 'Auto', PathName: 'C:\\win_agent\\updater.exe' });
    const r = run(s);
    const byName = Object.fromEntries(
      findings(r, ID)
        .filter((f) => f.params.name?.toString().toLowerCase().startsWith('win_agent'))
        .map((f) => [f.params.name, f.code]),
    );
    expect(byName).toEqual({ Win_Agent_Monitor: 'agent-running', win_agent_updater: 'agent-not-running' });
    expect(r.verdict).toBe('BLOCKED');
  });

  it('is AT RISK when none of the documented agents is present', () => {
    const s = machine();
    removeService(s, 'QcloudService');
    s.processes = processes(s).filter((p) => p.Name !== 'QcloudService.exe');
    const r = run(s);
    expect(codes(r, ID)).toContain('no-agents:warn');
    expect(r.verdict).toBe('AT RISK');
  });

  it('treats an agent process without a service as present', () => {
    const s = machine();
    removeService(s, 'QcloudService');
    addProcess(s, 'WinAgent.exe', 'C:\\WinAgent\\WinAgent.exe');
    expect(codes(run(s), ID)).toContain('agent-running:pass');
  });

  it('reports TAT, Barad and Stargate as information only', () => {
    const s = machine();
    setService(s, 'tatsvc', { State: 'Stopped', ProcessId: 0 });
    const tencent = findings(run(s), ID).filter((f) => f.code === 'tencent-component');
    expect(tencent.length).toBeGreaterThanOrEqual(3);
    expect(new Set(tencent.map((f) => f.severity))).toEqual(new Set(['info']));
  });

  it('could not verify when services were not collected', () => {
    const s = machine();
    s.services = { collectionError: { message: 'Access denied', source: 'Win32_Service' } };
    const r = run(s);
    expect(codes(r, ID)).toEqual(['facts-unavailable:unknown']);
    expect(findings(r, ID)[0]!.message).toContain('Access denied');
  });

  it('honours agents added by config', () => {
    const s = machine();
    addService(s, { Name: 'MyTencentThing', State: 'Stopped', StartMode: 'Auto' });
    const r = run(s, { agents: [{ id: 'mine', name: 'Mine', role: 'required', serviceNames: ['MyTencentThing'] }] });
    expect(codes(r, ID)).toContain('agent-not-running:fail');
  });

  it('matches Win_Agent by display name too, but a stopped one found only that way warns, never blocks', () => {
    const s = machine();
    addService(s, { Name: 'TencentHelperSvc', DisplayName: 'Win_Agent_Monitor', State: 'Stopped', StartMode: 'Auto' });
    const r = run(s);
    expect(codes(r, ID)).toContain('agent-display-name-stopped:warn');
    expect(codes(r, ID)).not.toContain('agent-not-running:fail');
    expect(r.verdict).toBe('AT RISK');
    // Running, it is an agent like the others, and never third-party security software.
    const ok = machine();
    addService(ok, {
      Name: 'TencentHelperSvc',
      DisplayName: 'Win_Agent_Monitor',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\Agent\\m.exe',
      ProcessId: 7000,
    });
    expect(codes(run(ok), ID).filter((c) => c.startsWith('agent-running'))).toHaveLength(2);
  });

  it('fails a running agent whose program file is gone', () => {
    const s = machine();
    (s.files as Array<{ path: string; exists: boolean }>).push({ path: 'C:\\Windows\\QcloudService.exe', exists: false });
    const r = run(s);
    const f = findings(r, ID).find((x) => x.code === 'agent-executable-missing')!;
    expect(f.severity).toBe('fail');
    expect(f.evidence.at(-1)).toEqual({ kind: 'file', ref: 'C:\\Windows\\QcloudService.exe', data: { exists: false } });
    expect(r.verdict).toBe('BLOCKED');
  });

  it('does not guess about a program file the collector did not look for', () => {
    const s = machine();
    s.files = [];
    expect(codes(run(s), ID)).toContain('agent-running:pass');
  });

  it('knows Cloud Monitor, Stargate and Cloud Workload Protection by their service names', () => {
    const s = machine();
    addService(s, {
      Name: 'BaradAgentSvc',
      DisplayName: 'QCloud BaradAgent Monitor',
      State: 'Running',
      StartMode: 'Auto',
      ProcessId: 7100,
    });
    addService(s, { Name: 'StargateSvc', DisplayName: 'QCloud Stargate Manager', State: 'Running', StartMode: 'Auto', ProcessId: 7101 });
    addService(s, { Name: 'YDLive', DisplayName: 'YDLive', State: 'Running', StartMode: 'Auto', ProcessId: 7102 });
    const names = findings(run(s), ID)
      .filter((f) => f.code === 'tencent-component')
      .map((f) => f.message);
    expect(names.join('\n')).toMatch(/BaradAgentSvc/);
    expect(names.join('\n')).toMatch(/StargateSvc/);
    expect(names.join('\n')).toMatch(/YDLive/);
    expect(codes(run(s), 'unknown-security-software')).toEqual(['none-found:pass']);
  });
});
