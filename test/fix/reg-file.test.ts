// `reg.exe export` files as Wine 8 writes them (captured 2026-11-25 from a throw-away prefix) and as the
// Windows format describes them: every type fix may have to put back, exactly.
import { describe, expect, it } from 'vitest';
import { decodeRegFile, parseRegFile } from '../../src/fix/reg-file.js';

const WINE_EXPORT = [
  'Windows Registry Editor Version 5.00',
  '',
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System]',
  '"bin"=hex:0a,0b',
  '"empty"=""',
  '"EnableLUA"=dword:00000000',
  '"exp"=hex(2):25,00,53,00,79,00,73,00,74,00,65,00,6d,00,52,00,6f,00,6f,00,74,00,\\',
  '  25,00,5c,00,78,00,00,00',
  '"legalnoticecaption"="Héllo 世界 \\"q\\" 100%"',
  '"multi"=hex(7):61,00,00,00,62,00,00,00,00,00',
  '"nl"="a\\nb"',
  '"q"=hex(b):00,00,00,00,01,00,00,00',
  '',
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Audit]',
  '@="default"',
  '"back\\\\slash"=dword:ffffffff',
  '',
].join('\r\n');

describe('reg.exe export files', () => {
  it('reads every type, exactly, from the UTF-16LE file with its BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WINE_EXPORT, 'utf16le')]);
    const [own, audit] = parseRegFile(decodeRegFile(bytes));
    expect(own?.path).toBe('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System');
    expect(own?.values).toEqual([
      { name: 'bin', type: 'REG_BINARY', data: '0a0b' },
      { name: 'empty', type: 'REG_SZ', data: '' },
      { name: 'EnableLUA', type: 'REG_DWORD', data: 0 },
      { name: 'exp', type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\x' },
      { name: 'legalnoticecaption', type: 'REG_SZ', data: 'Héllo 世界 "q" 100%' },
      { name: 'multi', type: 'REG_MULTI_SZ', data: ['a', 'b'] },
      { name: 'nl', type: 'REG_SZ', data: 'a\nb' },
      { name: 'q', type: 'REG_QWORD', data: 4294967296 },
    ]);
    expect(audit?.values).toEqual([
      { name: '', type: 'REG_SZ', data: 'default' },
      { name: 'back\\slash', type: 'REG_DWORD', data: 0xffffffff },
    ]);
  });

  it('keeps a string that does not close on its line (a raw line break) by reading on [U: Windows]', () => {
    const [key] = parseRegFile('[HKEY_LOCAL_MACHINE\\X]\r\n"t"="line one\r\nline two"\r\n"n"=dword:00000001\r\n');
    expect(key?.values).toEqual([
      { name: 't', type: 'REG_SZ', data: 'line one\r\nline two' },
      { name: 'n', type: 'REG_DWORD', data: 1 },
    ]);
  });

  it('names types it cannot put back, so fix refuses to change such a value', () => {
    const [key] = parseRegFile('[HKEY_LOCAL_MACHINE\\X]\r\n"none"=hex(0):\r\n"link"=hex(6):41,00\r\n');
    expect(key?.values.map((v) => v.type)).toEqual(['hex(0)', 'hex(6)']);
  });
});
