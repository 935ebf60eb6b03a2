import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { parseSnapshot } from '../src/snapshot/load.js';
import { fixturePath } from './helpers.js';

const healthy = readFileSync(fixturePath('healthy-server-2019'), 'utf8');
const doc = () => JSON.parse(healthy) as Record<string, unknown>;
const bytes = (o: unknown) => Buffer.from(JSON.stringify(o), 'utf8');

function error(input: Uint8Array): string {
  try {
    parseSnapshot(input, 'snapshot x.json');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected the snapshot to be rejected');
}

describe('snapshot loader: encodings', () => {
  it('reads UTF-8', () => {
    expect(parseSnapshot(Buffer.from(healthy, 'utf8')).schemaVersion).toBe(1);
  });
  it('reads UTF-8 with a BOM (Set-Content -Encoding UTF8)', () => {
    const s = parseSnapshot(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(healthy, 'utf8')]));
    expect(Array.isArray(s.services)).toBe(true);
  });
  it('reads UTF-16LE with a BOM (Windows PowerShell 5.1 `>`), keeping non-ASCII text', () => {
    const zh = readFileSync(fixturePath('chinese-server-2016-huorong'), 'utf8');
    const s = parseSnapshot(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(zh, 'utf16le')]));
    const svc = (s.services as Array<{ Name: string; DisplayName?: string | null }>).find((x) => x.Name === 'HipsDaemon');
    expect(svc?.DisplayName).toBe('火绒安全 - 主程序');
  });
  it('reads UTF-16LE without a BOM', () => {
    expect(parseSnapshot(Buffer.from(healthy, 'utf16le')).schemaVersion).toBe(1);
  });
  it('wraps a single service that ConvertTo-Json wrote as a bare object', () => {
    const d = doc();
    d.services = (d.services as unknown[])[0];
    expect(Array.isArray(parseSnapshot(bytes(d)).services)).toBe(true);
  });
  it('accepts registry types without the REG_ prefix or in lower case', () => {
    const d = doc();
    const keys = (d.registry as { keys: Array<{ path: string; values?: Array<Record<string, unknown>> }> }).keys;
    const uac = keys.findIndex((k) => k.path.endsWith('\\Policies\\System'));
    keys[uac]!.values![0]!.type = 'dword';
    keys[uac]!.values![1]!.type = 'REG_dword';
    const s = parseSnapshot(bytes(d));
    const values = (s.registry as { keys: Array<{ values?: Array<{ type: string }> }> }).keys[uac]!.values!;
    expect(values.slice(0, 2).map((v) => v.type)).toEqual(['REG_DWORD', 'REG_DWORD']);
  });
  it('keeps a collectionError group as an error, not as a value', () => {
    const d = doc();
    d.processes = { collectionError: { message: 'timed out', code: 'timeout' } };
    expect(parseSnapshot(bytes(d)).processes).toEqual({ collectionError: { message: 'timed out', code: 'timeout' } });
  });
});

describe('snapshot loader: malformed input gets one line naming the problem', () => {
  const cases: Array<[string, () => Uint8Array, RegExp]> = [
    ['an empty file', () => Buffer.alloc(0), /the file is empty/],
    ['truncated JSON', () => Buffer.from(healthy.slice(0, 500)), /not valid JSON/],
    [
      'a syntax error, with line and column',
      () => Buffer.from('{\n  "schemaVersion": 1,\n  oops\n}'),
      /not valid JSON at line 3, column 3/,
    ],
    ['invalid UTF-8', () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xfd, 0x22, 0x7d, 0x20]), /not valid UTF-8/],
    ['a top-level array', () => bytes([{ Name: 'x' }]), /got an array/],
    ['a top-level string', () => bytes('hello'), /expected a JSON object/],
    [
      'a report given where a snapshot belongs',
      () => bytes({ reportVersion: 1, tool: { name: 'image-preflight' }, verdict: 'READY', checks: [] }),
      /is a report, not a snapshot: check judges a snapshot \(collect --output FILE writes one\); reports are read by summarize and fix --report/,
    ],
    ['a fleet summary given where a snapshot belongs', () => bytes({ summaryVersion: 1, rows: [] }), /is a fleet summary, not a snapshot/],
    [
      "the collection script's PowerShell 2.0 marker",
      () => bytes({ imagePreflightCollector: 'powershell-too-old', powershellVersion: '2.0' }),
      /PowerShell 2\.0 is too old/,
    ],
    [
      'no schemaVersion',
      () => {
        const d = doc();
        delete d.schemaVersion;
        return bytes(d);
      },
      /schemaVersion: missing.*version 1/,
    ],
    [
      'an unknown schemaVersion',
      () => {
        const d = doc();
        d.schemaVersion = 7;
        return bytes(d);
      },
      /schemaVersion 7 is not supported.*reads snapshot schema version 1/,
    ],
    [
      'a service State that is not a string',
      () => {
        const d = doc();
        (d.services as Array<Record<string, unknown>>)[3]!.State = 4;
        return bytes(d);
      },
      /^snapshot x\.json: services\[3\]\.State: expected a string, got a number$/,
    ],
    [
      'a service without a Name',
      () => {
        const d = doc();
        delete (d.services as Array<Record<string, unknown>>)[0]!.Name;
        return bytes(d);
      },
      /services\[0\]\.Name: missing \(expected a string\)/,
    ],
    [
      'services that are a string',
      () => {
        const d = doc();
        d.services = 'Running';
        return bytes(d);
      },
      /services: expected an array, got a string/,
    ],
    [
      'a registry value of an unknown type',
      () => {
        const d = doc();
        const keys = (d.registry as { keys: Array<{ path: string; values?: Array<Record<string, unknown>> }> }).keys;
        keys.find((k) => k.path.endsWith('\\Policies\\System'))!.values![0]!.type = 'INTEGER';
        return bytes(d);
      },
      /registry\.keys\[\d+\]\.values\[0\]\.type: expected one of "REG_SZ"/,
    ],
    [
      'a fractional ProcessId',
      () => {
        const d = doc();
        (d.processes as Array<Record<string, unknown>>)[5]!.ProcessId = 1.5;
        return bytes(d);
      },
      /processes\[5\]\.ProcessId/,
    ],
    [
      'a negative free space',
      () => {
        const d = doc();
        (d.systemDisk as Record<string, unknown>).freeBytes = -1;
        return bytes(d);
      },
      /systemDisk\.freeBytes/,
    ],
    [
      'no collectedAt',
      () => {
        const d = doc();
        delete d.collectedAt;
        return bytes(d);
      },
      /collectedAt: missing/,
    ],
    [
      'a host without computerName',
      () => {
        const d = doc();
        delete (d.host as Record<string, unknown>).computerName;
        return bytes(d);
      },
      /host\.computerName: missing/,
    ],
  ];
  it.each(cases)('%s', (_name, input, pattern) => {
    expect(error(input())).toMatch(pattern);
  });
});
