// The secret detectors as pure functions: every kind the share-readiness checks know, with the line it
// is on and the secret masked, and the look-alikes that must not be hits.
import { describe, expect, it } from 'vitest';
import { detectSecrets, isPasswordPlaceholder, isPlaceholder, type SecretHit } from '../../src/collect/share-scan/detect.js';
import { maskSecret } from '../../src/collect/share-scan/mask.js';

// Made-up keys in the shapes Tencent Cloud issues (random letters and digits; not real credentials).
const ID = 'AKIDq3Vb7LmN0pR2sT4uW6xY8zA1cE5gH9kj';
const KEY = 'r8Tq2LmZ0vXb4NcW6yHs1KdP3fGj5AeU';
const STS_ID = 'AKIDmC4n1hQ7wE2rT9yU5iO3pA8sD6fG0hJkLzXcVbNm_qW4eR7tY1uI3oP5aS-d8fGh';
const SUB_ID = 'IKIDa1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';

const kinds = (hits: SecretHit[]) => hits.map((h) => `${h.kind}@${h.line}`);

describe('maskSecret', () => {
  it('keeps at most the first 4 and last 2 characters', () => {
    expect(maskSecret(ID)).toBe('AKID…kj');
    expect(maskSecret('P@ssw0rd123')).toBe('P…3');
    expect(maskSecret('short')).toBe('…');
    expect(maskSecret('  Gu5t9xGARNpq86cd98joQYCN3Cozk1qA ')).toBe('Gu5t…qA');
  });
  it('is idempotent on masked values and never widens them', () => {
    expect(maskSecret(maskSecret(ID))).toBe('AKID…kj');
    expect(maskSecret('AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******')).toBe('AKID…');
  });
});

describe('Tencent Cloud SecretIds and SecretKeys', () => {
  it('finds a permanent SecretId with its line, masked', () => {
    const hits = detectSecrets(`notes for the deploy\n\nSecretId: ${ID}\n`);
    expect(hits).toEqual([{ kind: 'tencent-secret-id', line: 3, masked: 'AKID…kj' }]);
  });

  it('finds the SecretKey beside a SecretId, under the names tools use', () => {
    for (const text of [
      `secret_id = ${ID}\nsecret_key = ${KEY}\n`,
      `TENCENTCLOUD_SECRET_ID=${ID}\nTENCENTCLOUD_SECRET_KEY=${KEY}`,
      `{"SecretId": "${ID}",\n "SecretKey": "${KEY}"}`,
      `cred = Credential("${ID}",\n  secretKey="${KEY}")`,
    ]) {
      const hits = detectSecrets(text);
      expect(kinds(hits), text).toEqual(['tencent-secret-id@1', 'tencent-secret-key@2']);
      expect(hits[1]?.masked).toBe('r8Tq…eU');
    }
  });

  it('a lone secret_key without a Tencent id is not a Tencent key (Django, Flask and friends have one too)', () => {
    expect(detectSecrets(`SECRET_KEY = '${KEY}'\n`)).toEqual([]);
  });

  it('temporary (STS) SecretIds are told apart; sub-account ids (IKID) count too', () => {
    expect(kinds(detectSecrets(`"TmpSecretId": "${STS_ID}"`))).toEqual(['tencent-temporary-id@1']);
    expect(kinds(detectSecrets(`id=${SUB_ID}`))).toEqual(['tencent-secret-id@1']);
  });

  it.each([
    ['an AKID in an English sentence', 'Rotate the AKIDs every 90 days; an AKID identifies the key.'],
    ["Tencent's documentation example", 'SecretId: AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA\nSecretKey: Gu5t9xGARNpq86cd98joQYCN3Cozk1qA'],
    ['the EXAMPLE ids', 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE Gu5t9xGARNpq86cd98joQYCN3EXAMPLE'],
    ['a masked example', '"secretId": "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******"'],
    ['a masked example with an ellipsis', 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPh… in the console'],
    ['a run of x', 'secret_id = AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['upper-case X', 'AKIDXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    ['a placeholder', 'TENCENTCLOUD_SECRET_ID=YOUR_SECRET_ID\nTENCENTCLOUD_SECRET_KEY=YOUR_SECRET_KEY'],
    ['the STS doc example', '"TmpSecretId": "AKIDoQMxF8OPg0gA7pyZIA6cW447p225cIt9NW8dhA1dwl5UvxxxxxxxxxUqRlEb5_"'],
    ['an AKID inside a longer word', `XAKID${ID.slice(4)}`],
    ['one character class only', `AKID${'abcdefgh'.repeat(4)}`],
    ['too short', 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3'],
  ])('%s is not a secret', (_name, text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('isPlaceholder knows the shapes of placeholders', () => {
    for (const v of ['YOUR_SECRET_ID', '<secret-id>', '${SECRET_ID}', '$env:SECRET', '%SECRET%', 'xxxx1234', 'aaaaaaaaaaaa']) {
      expect(isPlaceholder(v), v).toBe(true);
    }
    expect(isPlaceholder(KEY)).toBe(false);
  });
});

describe('tccli and COS tools', () => {
  it("tccli's credential JSON: SecretId, SecretKey, OAuth refresh token; a token makes the id temporary", () => {
    const text = `{\n    "secretId": "${ID}",\n    "secretKey": "${KEY}"\n}`;
    expect(detectSecrets(text, 'tccli')).toEqual([
      { kind: 'tencent-secret-id', line: 2, masked: 'AKID…kj', detail: 'secretId' },
      { kind: 'tencent-secret-key', line: 3, masked: 'r8Tq…eU', detail: 'secretKey' },
    ]);
    const oauth = JSON.stringify({
      type: 'oauth',
      secretId: STS_ID,
      secretKey: 'Q9z24VucjF4xQQNV64qwF6uWY71PEsH3eRt7ygA=',
      token: 'tok',
      oauth: { refreshToken: 'a8Hd82jDk2Lmq0Pz7Xn3Vb5Nc1Bx9Zw4' },
    });
    expect(kinds(detectSecrets(oauth, 'tccli'))).toEqual(['tencent-temporary-id@1', 'tencent-secret-key@1', 'tencent-token@1']);
  });

  it("tccli's documented example and a CVM-role profile are not secrets", () => {
    expect(
      detectSecrets('{"secretId": "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", "secretKey": "Gu5t9xGARNpq86cd98joQYCN3*******"}', 'tccli'),
    ).toEqual([]);
    expect(detectSecrets('{"type": "cvm-role", "role": "CVM_QcsRole"}', 'tccli')).toEqual([]);
  });

  it("coscli's .cos.yaml: an encrypted value is still a secret (coscli's key is public); plain ones are keys", () => {
    const text = [
      'cos:',
      '  base:',
      '    secretid: 3Ij1Ao3wcnp6Ls/MDrRqyYtAeCpszfRKHdvWNXCGXk6Rh6wPdXkS5DMzPlOP8NlC',
      `    secretkey: ${KEY}`,
      '    sessiontoken: ""',
      '    protocol: https',
    ].join('\n');
    expect(kinds(detectSecrets(text, 'coscli'))).toEqual(['tencent-obfuscated@3', 'tencent-secret-key@4']);
  });

  it("coscmd's .cos.conf is found by the generic patterns (an INI with secret_id and secret_key)", () => {
    const text = `[common]\nsecret_id = ${ID}\nsecret_key = ${KEY}\nbucket = example-1250000000\nregion = ap-guangzhou\n`;
    expect(kinds(detectSecrets(text))).toEqual(['tencent-secret-id@2', 'tencent-secret-key@3']);
  });
});

describe('other clouds', () => {
  it('AWS access key ids, not the documented example', () => {
    expect(kinds(detectSecrets('[default]\naws_access_key_id = AKIA2E4RTY7UIOP3ASDF\naws_secret_access_key = x'))).toEqual([
      'aws-access-key@2',
    ]);
    expect(detectSecrets('aws_access_key_id = AKIAIOSFODNN7EXAMPLE')).toEqual([]);
  });

  it('Alibaba Cloud AccessKey ids in text and in the CLI config', () => {
    expect(kinds(detectSecrets('ak: LTAI5tR8qXn2Wv9LmP4kZs7D'))).toEqual(['alibaba-access-key@1']);
    const cfg = JSON.stringify(
      {
        current: 'default',
        profiles: [{ name: 'default', mode: 'AK', access_key_id: 'LTAI5tR8qXn2Wv9LmP4kZs7D', access_key_secret: 'q' }],
      },
      null,
      2,
    );
    expect(detectSecrets(cfg, 'aliyun')).toEqual([
      { kind: 'alibaba-access-key', line: 7, masked: 'LTAI…7D', detail: 'profile default (AK)' },
    ]);
  });

  it('Azure CLI token caches: empty ones are not findings', () => {
    expect(kinds(detectSecrets('[{"accessToken": "eyJ0eXAi..."}]', 'azure'))).toEqual(['azure-token@null']);
    expect(detectSecrets('[]', 'azure')).toEqual([]);
  });
});

describe('private keys', () => {
  const body = Array.from({ length: 6 }, (_, i) => `MIIEowIBAAKCAQEAx${i}Zb3Qv7Lm2Nc9Wd4Rf8Tg1Yh6Uj0Ik5Ol3Pa7Sb2Dc4Fe9Gh1Jk3Lm5Nq7`).join(
    '\n',
  );
  it('PEM private keys, with their type; encrypted ones are told apart', () => {
    const rsa = `junk\n-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;
    expect(detectSecrets(rsa)).toEqual([{ kind: 'private-key', line: 2, masked: 'MIIE…q7', detail: 'RSA PRIVATE KEY' }]);
    const enc = `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${body}\n-----END ENCRYPTED PRIVATE KEY-----`;
    expect(kinds(detectSecrets(enc))).toEqual(['private-key-encrypted@1']);
    const legacy = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,1A2B\n\n${body}\n-----END RSA PRIVATE KEY-----`;
    expect(kinds(detectSecrets(legacy))).toEqual(['private-key-encrypted@1']);
  });

  it('OpenSSH keys: the cipher in the key says whether it has a passphrase', () => {
    const key = (cipher: string) => {
      const magic = Buffer.from('openssh-key-v1\0', 'latin1');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(cipher.length);
      const b64 = Buffer.concat([magic, len, Buffer.from(cipher), Buffer.alloc(120, 7)]).toString('base64');
      return `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64.match(/.{1,70}/g)?.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
    };
    expect(kinds(detectSecrets(key('none')))).toEqual(['private-key@1']);
    expect(kinds(detectSecrets(key('aes256-ctr')))).toEqual(['private-key-encrypted@1']);
  });

  it('PuTTY keys', () => {
    const ppk = (enc: string) =>
      `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: ${enc}\nComment: me\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIA\nx\nPrivate-Lines: 1\nAAAAIBz3Fq9Lk2Vn8Wr5Tx1Yc7Hd0Ue4Ig6Ja\n`;
    expect(kinds(detectSecrets(ppk('none')))).toEqual(['private-key@1']);
    expect(kinds(detectSecrets(ppk('aes256-cbc')))).toEqual(['private-key-encrypted@1']);
  });

  it('documentation stubs and public keys are not private keys', () => {
    expect(detectSecrets('-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----')).toEqual([]);
    expect(detectSecrets('-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----')).toEqual([]);
    expect(detectSecrets(`-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`)).toEqual([]);
    expect(detectSecrets(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`)).toEqual([]);
  });
});

describe('answer files', () => {
  const xml = (inner: string) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend">\n${inner}\n</unattend>`;
  it('plain-text passwords, with where they sit; Base64 ones are "encoded"', () => {
    const text = xml(
      [
        '<UserAccounts>',
        '  <AdministratorPassword>',
        '    <Value>Tencent@2026!</Value>',
        '    <PlainText>true</PlainText>',
        '  </AdministratorPassword>',
        '</UserAccounts>',
        '<AutoLogon>',
        '  <Password>',
        '    <Value>UABhAHMAcwB3AG8AcgBkADEAUABhAHMAcwB3AG8AcgBkAA==</Value>',
        '    <PlainText>false</PlainText>',
        '  </Password>',
        '  <Username>Administrator</Username>',
        '</AutoLogon>',
        '<Credentials><Domain>corp</Domain><Password>J0in!Domain</Password><Username>joiner</Username></Credentials>',
      ].join('\n'),
    );
    expect(detectSecrets(text, 'unattend')).toEqual([
      { kind: 'answer-file-password', line: 5, masked: 'T…!', detail: 'UserAccounts/AdministratorPassword' },
      { kind: 'answer-file-encoded-password', line: 11, masked: 'UABh…==', detail: 'AutoLogon/Password' },
      { kind: 'answer-file-password', line: 16, masked: 'J…n', detail: 'Credentials/Password' },
    ]);
  });

  it("Windows Setup's deleted-data marker and empty values are not passwords", () => {
    const text = xml(
      '<AutoLogon><Password><Value>*SENSITIVE*DATA*DELETED*</Value><PlainText>true</PlainText></Password></AutoLogon>\n<AdministratorPassword><Value></Value><PlainText>true</PlainText></AdministratorPassword>',
    );
    expect(detectSecrets(text, 'unattend')).toEqual([]);
  });

  it('sysprep.inf AdminPassword (but not "*", which means blank)', () => {
    expect(kinds(detectSecrets('[GuiUnattended]\nAdminPassword="S3cret!x"\nTimeZone=210\n', 'sysprep-inf'))).toEqual([
      'answer-file-password@2',
    ]);
    expect(detectSecrets('[GuiUnattended]\nAdminPassword=*\n', 'sysprep-inf')).toEqual([]);
  });
});

describe('PowerShell history', () => {
  it.each([
    ['$pw = ConvertTo-SecureString "Hunter2!x" -AsPlainText -Force', 'ConvertTo-SecureString -AsPlainText', 'H…x'],
    ["'Hunter2!x' | ConvertTo-SecureString -AsPlainText -Force", 'ConvertTo-SecureString -AsPlainText', 'H…x'],
    ['New-LocalUser deploy -Password Hunter2!xyz', '-Password', 'H…z'],
    ['net user deploy Hunter2!x /add', 'net user', 'H…x'],
    ['net use \\\\fs01\\share /user:corp\\bob Hunter2!x', 'net use /user:', 'H…x'],
    ['cmdkey /generic:TERMSRV/10.0.0.5 /user:admin /pass:Hunter2!x', 'cmdkey /pass:', 'H…x'],
    ['msdeploy.exe -verb:sync /p:Hunter2!x', '/p:', 'H…x'],
    ['mysql -u root -pHunter2!x -h 10.0.0.8', 'mysql -p', 'H…x'],
    ['sqlcmd -S . -U sa -P "Hunter2!x"', 'sqlcmd -P', 'H…x'],
    [`tccli configure set secretKey ${KEY}`, 'tccli secretKey', 'r8Tq…eU'],
    [`coscmd config -a ${ID} -s ${KEY} -b b-1250000000 -r ap-guangzhou`, 'coscmd config -s', 'r8Tq…eU'],
  ])('%s', (line, detail, masked) => {
    const hits = detectSecrets(`Get-Service\n${line}\nexit`, 'history');
    expect(hits).toContainEqual({ kind: 'history-password', line: 2, masked, detail });
  });

  it.each([
    'New-LocalUser deploy -Password $pw',
    'New-LocalUser deploy -Password (Read-Host -AsSecureString)',
    '$pw = ConvertTo-SecureString $plain -AsPlainText -Force',
    'net user administrator /active:yes',
    'net user deploy * /add',
    'msbuild app.sln /p:Configuration=Release',
    'mysql -u root -p',
    'Get-Help ConvertTo-SecureString',
    'Set-ADAccountPassword -Identity bob -NewPassword $s',
    'New-LocalUser deploy -Password <password>',
  ])('%s is not a password', (line) => {
    expect(detectSecrets(line, 'history')).toEqual([]);
  });

  it('an AKID typed into history is found by the generic pattern too', () => {
    expect(kinds(detectSecrets(`$env:TENCENTCLOUD_SECRET_ID = "${ID}"`, 'history'))).toEqual(['tencent-secret-id@1']);
  });

  it('isPasswordPlaceholder', () => {
    for (const v of ['<password>', '****', 'xxx', '$pw', '%PASSWORD%', 'YOUR_PASSWORD', 'password', '*SENSITIVE*DATA*DELETED*']) {
      expect(isPasswordPlaceholder(v), v).toBe(true);
    }
    for (const v of ['Hunter2!x', 'P@ss*word1', 'a<b']) expect(isPasswordPlaceholder(v), v).toBe(false);
  });
});

describe('bounded work on hostile text', () => {
  // A pattern that backtracked exponentially would never end here (the test's timeout is the guard;
  // speed itself is the bench's business).
  it('long runs of key characters, dashes and tags are read through', () => {
    for (const text of [
      `AKID${'a1B'.repeat(200_000)}`,
      `-----BEGIN ${'A '.repeat(20)}PRIVATE KEY-----${'x'.repeat(300_000)}`,
      `${'<Password>'.repeat(50_000)}`,
      `${'a_'.repeat(100_000)}secret_key=${'b'.repeat(100)}`,
      `AKID${'q'.repeat(31)}9 `.repeat(20_000),
    ]) {
      expect(detectSecrets(text, 'unattend').filter((h) => h.kind !== 'answer-file-password')).toEqual([]);
      expect(detectSecrets(text, 'history')).toEqual([]);
    }
  });
});
