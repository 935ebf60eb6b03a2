// A BitLocker-protected system volume copied into an image cannot be unlocked by a new instance: its key
// is sealed to this machine's TPM. Judged by Win32_EncryptableVolume's numbers, never manage-bde's text.
import { defineCheck, type FindingDraft } from './define-check.js';
import type { EncryptableVolume } from '../snapshot/schema.js';

/** Key protector types that need this machine's TPM (Win32_EncryptableVolume.GetKeyProtectorType). */
const TPM_PROTECTORS = new Set([1, 4, 5, 6]);
/** ConversionStatus: 2 encrypting, 3 decrypting, 4 encryption paused, 5 decryption paused. */
const CONVERTING = new Set([2, 3, 4, 5]);

export const encryption = defineCheck({
  id: 'encryption',
  group: 'instances',
  needs: ['bitlocker'],
  optional: ['host'],
  title: {
    en: 'BitLocker Drive Encryption',
    'zh-CN': 'BitLocker 驱动器加密',
    'pt-BR': 'Criptografia de Unidade de Disco BitLocker',
    id: 'Enkripsi drive BitLocker',
  },
  description: {
    en: 'A system volume protected by BitLocker cannot be unlocked by an instance made from the image.',
    'zh-CN': '受 BitLocker 保护的系统卷无法被用镜像创建的实例解锁。',
    'pt-BR': 'Um volume do sistema protegido pelo BitLocker não pode ser desbloqueado por uma instância criada a partir da imagem.',
    id: 'Volume sistem yang dilindungi BitLocker tidak dapat dibuka oleh instans yang dibuat dari citra.',
  },
  docs: {
    en: `From \`Win32_EncryptableVolume\` (namespace \`root\\cimv2\\Security\\MicrosoftVolumeEncryption\`, absent when the
BitLocker feature is not installed: pass). On the system volume: \`ConversionStatus\` 2–5 (encrypting,
decrypting or paused half-way): fail; \`ProtectionStatus\` 1 with a TPM key protector (\`KeyProtectorType\`
1, 4, 5 or 6): fail, a new instance has another TPM and stops at the recovery screen; protected without a TPM
protector (a password to type at boot): warn; suspended or off: pass ("suspended" leaves the key in clear on
the disk: a note). Encrypted data volumes: a note. AWS VM Import lists encrypted volumes as unsupported.
Values from Microsoft's Win32_EncryptableVolume reference.`,
    'zh-CN': `来自 \`Win32_EncryptableVolume\`（命名空间 \`root\\cimv2\\Security\\MicrosoftVolumeEncryption\`，未安装
BitLocker 功能时不存在：通过）。系统卷上：\`ConversionStatus\` 2–5（正在加密、
正在解密或中途暂停）：fail；\`ProtectionStatus\` 1 且有 TPM 密钥保护器（\`KeyProtectorType\`
1、4、5 或 6）：fail，新实例的 TPM 不同，会停在恢复屏幕；受保护但没有 TPM
保护器（启动时需输入密码）：warn；已暂停或关闭：通过（“已暂停”会将密钥以明文留在
磁盘上：提示）。已加密的数据卷：提示。AWS VM Import 将加密卷列为不支持。
数值来自 Microsoft 的 Win32_EncryptableVolume 参考文档。`,
    'pt-BR': `Do \`Win32_EncryptableVolume\` (namespace \`root\\cimv2\\Security\\MicrosoftVolumeEncryption\`, ausente quando o
recurso BitLocker não está instalado: pass). No volume do sistema: \`ConversionStatus\` 2–5 (criptografando,
descriptografando ou pausado no meio): fail; \`ProtectionStatus\` 1 com um protetor de chave TPM (\`KeyProtectorType\`
1, 4, 5 ou 6): fail, uma nova instância tem outro TPM e para na tela de recuperação; protegido sem protetor TPM
(uma senha a digitar na inicialização): warn; suspenso ou desligado: pass ("suspenso" deixa a chave em claro no
disco: uma nota). Volumes de dados criptografados: uma nota. O AWS VM Import lista volumes criptografados como não
compatíveis. Valores da referência Win32_EncryptableVolume da Microsoft.`,
    id: `Dari \`Win32_EncryptableVolume\` (namespace \`root\\cimv2\\Security\\MicrosoftVolumeEncryption\`, tidak ada jika fitur
BitLocker tidak diinstal: lolos). Pada volume sistem: \`ConversionStatus\` 2–5 (sedang mengenkripsi, sedang
mendekripsi, atau dijeda di tengah jalan): fail; \`ProtectionStatus\` 1 dengan pelindung kunci TPM (\`KeyProtectorType\`
1, 4, 5, atau 6): fail, instans baru memiliki TPM lain dan berhenti di layar pemulihan; terlindungi tanpa pelindung
TPM (kata sandi yang harus diketik saat boot): warn; ditangguhkan atau mati: lolos ("ditangguhkan" membiarkan kunci
tanpa enkripsi di disk: catatan). Volume data terenkripsi: catatan. AWS VM Import mencantumkan volume terenkripsi
sebagai tidak didukung. Nilai dari referensi Win32_EncryptableVolume Microsoft.`,
  },
  findings: {
    'tpm-protected': {
      severity: 'fail',
      message: {
        en: 'The system volume {drive} is BitLocker-protected with a TPM: instances made from the image would stop at the recovery screen',
        'zh-CN': '系统卷 {drive} 受 BitLocker（TPM）保护：用镜像创建的实例将停在恢复界面',
        'pt-BR':
          'O volume do sistema {drive} está protegido pelo BitLocker com TPM: as instâncias criadas a partir da imagem parariam na tela de recuperação',
        id: 'Volume sistem {drive} dilindungi BitLocker dengan TPM: instans dari citra akan berhenti di layar pemulihan',
      },
    },
    converting: {
      severity: 'fail',
      message: {
        en: 'BitLocker is converting the system volume {drive} ({percent}% encrypted): wait until it is fully decrypted',
        'zh-CN': 'BitLocker 正在转换系统卷 {drive}（已加密 {percent}%）：请等待完全解密',
        'pt-BR': 'O BitLocker está convertendo o volume do sistema {drive} ({percent}% criptografado): espere a descriptografia completa',
        id: 'BitLocker sedang mengonversi volume sistem {drive} ({percent}% terenkripsi): tunggu hingga terdekripsi penuh',
      },
    },
    'password-protected': {
      severity: 'warn',
      message: {
        en: 'The system volume {drive} is BitLocker-protected without a TPM: each instance would ask for its key at boot',
        'zh-CN': '系统卷 {drive} 受 BitLocker 保护（无 TPM）：每个实例启动时都会要求输入密钥',
        'pt-BR': 'O volume do sistema {drive} está protegido pelo BitLocker sem TPM: cada instância pediria a chave ao iniciar',
        id: 'Volume sistem {drive} dilindungi BitLocker tanpa TPM: setiap instans akan meminta kuncinya saat boot',
      },
    },
    suspended: {
      severity: 'info',
      message: {
        en: 'BitLocker on {drive} is suspended: the image carries the volume key in clear',
        'zh-CN': '{drive} 上的 BitLocker 已暂停：镜像中会以明文带有卷密钥',
        'pt-BR': 'O BitLocker em {drive} está suspenso: a imagem leva a chave do volume em claro',
        id: 'BitLocker pada {drive} ditangguhkan: citra membawa kunci volume dalam bentuk terbuka',
      },
    },
    'data-encrypted': {
      severity: 'info',
      message: {
        en: 'Data volume {drive} is BitLocker-encrypted (it is not in the image unless its disk is captured too)',
        'zh-CN': '数据卷 {drive} 已用 BitLocker 加密（除非同时制作其磁盘，否则不在镜像中）',
        'pt-BR':
          'O volume de dados {drive} está criptografado com BitLocker (não entra na imagem, a não ser que o disco também seja capturado)',
        id: 'Volume data {drive} dienkripsi BitLocker (tidak ada di citra kecuali disknya ikut dibuat)',
      },
    },
    'not-encrypted': {
      severity: 'pass',
      message: {
        en: 'The system volume is not BitLocker-protected{feature}',
        'zh-CN': '系统卷未受 BitLocker 保护{feature}',
        'pt-BR': 'O volume do sistema não está protegido pelo BitLocker{feature}',
        id: 'Volume sistem tidak dilindungi BitLocker{feature}',
      },
    },
  },
  messages: {
    notInstalled: {
      en: ' (BitLocker is not installed)',
      'zh-CN': '（未安装 BitLocker）',
      'pt-BR': ' (o BitLocker não está instalado)',
      id: ' (BitLocker tidak diinstal)',
    },
    fixDecrypt: {
      en: 'Turn BitLocker off on the system volume and wait for decryption to finish before the capture (elevated prompt):',
      'zh-CN': '制作镜像前关闭系统卷上的 BitLocker 并等待解密完成（在管理员命令提示符中运行）：',
      'pt-BR':
        'Desative o BitLocker no volume do sistema e espere a descriptografia terminar antes de criar a imagem (prompt de comando como Administrador):',
      id: 'Matikan BitLocker pada volume sistem dan tunggu dekripsi selesai sebelum pembuatan citra (prompt perintah sebagai Administrator):',
    },
  },
  run({ bitlocker, host }, { finding, text }) {
    if (!bitlocker.available) return [finding('not-encrypted', { feature: text('notInstalled') })];
    const systemDrive = (host?.systemDrive ?? 'C:').toUpperCase();
    const isSystem = (v: EncryptableVolume) => v.volumeType === 0 || (v.driveLetter ?? '').toUpperCase() === systemDrive;
    const findings: FindingDraft[] = [];
    for (const v of bitlocker.volumes) {
      const drive = v.driveLetter ?? '?';
      const evidence = [
        {
          kind: 'disk' as const,
          ref: drive,
          data: {
            ProtectionStatus: v.protectionStatus ?? null,
            ConversionStatus: v.conversionStatus ?? null,
            KeyProtectorTypes: v.keyProtectorTypes ?? null,
          },
        },
      ];
      const encrypted = v.conversionStatus !== 0 && v.conversionStatus !== null && v.conversionStatus !== undefined;
      const fix = [{ message: text('fixDecrypt'), commands: [`manage-bde.exe -off ${drive}`, `manage-bde.exe -status ${drive}`] }];
      if (!isSystem(v)) {
        if (encrypted || v.protectionStatus === 1) findings.push(finding('data-encrypted', { drive }, { evidence }));
        continue;
      }
      if (v.conversionStatus !== undefined && v.conversionStatus !== null && CONVERTING.has(v.conversionStatus)) {
        findings.push(finding('converting', { drive, percent: Math.round(v.encryptionPercentage ?? 0) }, { evidence, fix }));
      } else if (v.protectionStatus === 1) {
        const tpm = (v.keyProtectorTypes ?? []).some((t) => TPM_PROTECTORS.has(t));
        // Protector types unreadable: a protected system volume almost always has a TPM protector.
        findings.push(finding(tpm || !v.keyProtectorTypes ? 'tpm-protected' : 'password-protected', { drive }, { evidence, fix }));
      } else if (v.conversionStatus === 1) findings.push(finding('suspended', { drive }, { evidence, fix }));
    }
    if (!findings.some((f) => f.severity === 'fail' || f.severity === 'warn')) findings.unshift(finding('not-encrypted', { feature: '' }));
    return findings;
  },
});
