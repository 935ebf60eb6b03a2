// `tasklist /fo csv /nh`: "Image Name","PID","Session Name","Session#","Mem Usage". The session name and
// memory figure are localized; image name, PID and session number are not.
export interface TaskRow {
  Name: string;
  ProcessId: number;
  SessionId: number | null;
}

function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      while (i < line.length) {
        const ch = line.charAt(i);
        if (ch === '"' && line.charAt(i + 1) === '"') {
          value += '"';
          i += 2;
          continue;
        }
        if (ch === '"') {
          i += 1;
          break;
        }
        value += ch;
        i += 1;
      }
      fields.push(value);
      if (line[i] === ',') i += 1;
    } else {
      const end = line.indexOf(',', i);
      fields.push(line.slice(i, end < 0 ? undefined : end));
      i = end < 0 ? line.length : end + 1;
    }
  }
  return fields;
}

export function parseTasklist(text: string): TaskRow[] {
  const rows: TaskRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('"')) continue;
    const f = csvFields(line);
    const pid = Number(f[1]);
    if (!f[0] || !Number.isInteger(pid)) continue;
    const session = Number(f[3]);
    rows.push({ Name: f[0], ProcessId: pid, SessionId: Number.isInteger(session) ? session : null });
  }
  return rows;
}
