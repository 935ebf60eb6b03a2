// The Task Scheduler task, as the XML that schtasks.exe /Create /XML takes (Task Scheduler schema 1.2,
// written as UTF-16LE like the files Task Scheduler itself exports): runs as SYSTEM (S-1-5-18) with
// highest privileges, never two at once, stopped after a time limit, started late if the machine was off.
export const TASK_NAME = '\\image-preflight\\health-check';
export const EVERY = ['daily', 'hourly'] as const;
export type Every = (typeof EVERY)[number];
/** Longer than a worst-case run (60 s collection), short enough that a hung run frees the schedule. */
/** How long one scheduled run may take, in minutes (the task's ExecutionTimeLimit). */
export const EXECUTION_TIME_LIMIT_MINUTES = 10;
export const EXECUTION_TIME_LIMIT = `PT${EXECUTION_TIME_LIMIT_MINUTES}M`;

export interface TaskSpec {
  every: Every;
  /** HH:MM, local time of the machine. */
  at: string;
  command: string;
  arguments: string;
  /** Day the schedule starts from (local date YYYY-MM-DD). */
  startDate: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function buildTaskXml(spec: TaskSpec): string {
  const start = `${spec.startDate}T${spec.at}:00`;
  const trigger =
    spec.every === 'hourly'
      ? [
          '    <TimeTrigger>',
          '      <Repetition>',
          '        <Interval>PT1H</Interval>',
          '        <StopAtDurationEnd>false</StopAtDurationEnd>',
          '      </Repetition>',
          `      <StartBoundary>${start}</StartBoundary>`,
          '      <Enabled>true</Enabled>',
          '    </TimeTrigger>',
        ]
      : [
          '    <CalendarTrigger>',
          `      <StartBoundary>${start}</StartBoundary>`,
          '      <Enabled>true</Enabled>',
          '      <ScheduleByDay>',
          '        <DaysInterval>1</DaysInterval>',
          '      </ScheduleByDay>',
          '    </CalendarTrigger>',
        ];
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    '    <Author>image-preflight</Author>',
    '    <Description>image-preflight health check: is this CVM ready for a Tencent Cloud custom image? Keeps reports and writes an Event Log entry per run.</Description>',
    `    <URI>${esc(TASK_NAME)}</URI>`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    ...trigger,
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    '      <UserId>S-1-5-18</UserId>',
    '      <RunLevel>HighestAvailable</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <AllowHardTerminate>true</AllowHardTerminate>',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>',
    '    <IdleSettings>',
    '      <StopOnIdleEnd>false</StopOnIdleEnd>',
    '      <RestartOnIdle>false</RestartOnIdle>',
    '    </IdleSettings>',
    '    <AllowStartOnDemand>true</AllowStartOnDemand>',
    '    <Enabled>true</Enabled>',
    '    <Hidden>false</Hidden>',
    '    <RunOnlyIfIdle>false</RunOnlyIfIdle>',
    '    <WakeToRun>false</WakeToRun>',
    `    <ExecutionTimeLimit>${EXECUTION_TIME_LIMIT}</ExecutionTimeLimit>`,
    '    <Priority>7</Priority>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    `      <Command>${esc(spec.command)}</Command>`,
    `      <Arguments>${esc(spec.arguments)}</Arguments>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}

/** UTF-16LE with a BOM, matching the declaration. */
export function encodeTaskXml(xml: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
}

export const schtasks = {
  create: (xmlPath: string) => ['/Create', '/TN', TASK_NAME, '/XML', xmlPath, '/F'],
  remove: () => ['/Delete', '/TN', TASK_NAME, '/F'],
  query: () => ['/Query', '/TN', TASK_NAME, '/XML', 'ONE'],
};

/** Quotes an argument for the task's command line (Windows' CommandLineToArgvW rules). */
export function quoteArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}
