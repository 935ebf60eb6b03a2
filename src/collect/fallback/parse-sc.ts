// `sc.exe queryex type= service state= all`, read by position and numeric code, because its labels
// (SERVICE_NAME, STATE...) are translated on some display languages while the codes are not:
//   SERVICE_NAME: Dhcp            <- first line at column 0: the name
//   DISPLAY_NAME: DHCP Client     <- second line at column 0: the display name
//         TYPE  : 20  WIN32_SHARE_PROCESS     <- 1st indented "label : value"
//         STATE : 4  RUNNING                  <- 2nd
//                 (STOPPABLE, ...)            <- no colon: skipped
//         WIN32_EXIT_CODE, SERVICE_EXIT_CODE, CHECKPOINT, WAIT_HINT, then PID (7th), FLAGS
export interface ScService {
  name: string;
  displayName: string | null;
  type: number | null;
  stateCode: number | null;
  pid: number | null;
}

export const STATE_NAMES: Record<number, string> = {
  1: 'Stopped',
  2: 'Start Pending',
  3: 'Stop Pending',
  4: 'Running',
  5: 'Continue Pending',
  6: 'Pause Pending',
  7: 'Paused',
};

const firstInt = (value: string): number | null => {
  const m = /^\s*(\d+)/.exec(value);
  return m ? Number(m[1]) : null;
};

export function parseScQueryEx(text: string): ScService[] {
  const out: ScService[] = [];
  let heads: string[] = [];
  let fields: string[] = [];
  const flush = () => {
    const [name] = heads;
    if (name !== undefined) {
      out.push({
        name,
        displayName: heads[1] ?? null,
        type: fields[0] !== undefined ? firstInt(fields[0]) : null,
        stateCode: fields[1] !== undefined ? firstInt(fields[1]) : null,
        pid: fields[6] !== undefined ? firstInt(fields[6]) : null,
      });
    }
    heads = [];
    fields = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      // A new record starts with its name line after the previous record's fields.
      if (fields.length > 0 || heads.length >= 2) flush();
      heads.push(line.slice(colon + 1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0 || heads.length === 0) continue;
    fields.push(line.slice(colon + 1));
  }
  flush();
  // A record without a numeric state is not a service (an error line with a colon, say).
  return out.filter((s) => s.name.length > 0 && s.stateCode !== null);
}
