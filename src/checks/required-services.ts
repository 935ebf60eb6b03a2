// Services the admin's own config says must be working before a capture (their deployment agent,
// say). Judged like the Tencent agents: missing, stopped or disabled blocks.
import { defineCheck, type FindingDraft } from './define-check.js';
import { serviceFix, sharedFix } from './shared/fixes.js';
import { enableAndStartCommands, findService, serviceEvidence, serviceState, startMode, startModeWord } from './shared/services.js';

export const requiredServices = defineCheck({
  id: 'required-services',
  group: 'agents',
  needs: ['services'],
  title: {
    en: 'Required services (from config)',
    'zh-CN': '必需服务（来自配置）',
    'pt-BR': 'Serviços obrigatórios (da configuração)',
    id: 'Layanan wajib (dari konfigurasi)',
  },
  description: {
    en: 'Services your configuration requires to be running before a capture.',
    'zh-CN': '配置文件要求在创建镜像前处于运行状态的服务。',
    'pt-BR': 'Serviços que a sua configuração exige em execução antes da criação da imagem.',
    id: 'Layanan yang menurut konfigurasi Anda harus berjalan sebelum pembuatan citra.',
  },
  docs: {
    en: 'Services your config lists in `requiredServices` must exist and be running (fail otherwise). Not applicable when the config lists none.',
    'zh-CN': `配置中 \`requiredServices\` 列出的服务必须存在且正在运行（否则为 fail）。配置未列出任何服务时不适用。`,
    'pt-BR': `Os serviços que a sua configuração lista em \`requiredServices\` precisam existir e estar em execução (senão fail). Não se aplica quando a configuração não lista nenhum.`,
    id: `Layanan yang dicantumkan konfigurasi Anda di \`requiredServices\` harus ada dan berjalan (jika tidak, fail). Tidak berlaku jika konfigurasi tidak mencantumkan satu pun.`,
  },
  findings: {
    'required-missing': {
      severity: 'fail',
      message: {
        en: 'Required service {name} is not installed {reason}',
        'zh-CN': '必需服务 {name} 未安装 {reason}',
        'pt-BR': 'O serviço obrigatório {name} não está instalado {reason}',
        id: 'Layanan wajib {name} tidak diinstal {reason}',
      },
    },
    'required-not-running': {
      severity: 'fail',
      message: {
        en: 'Required service {name} is {state} (start mode {startMode}) {reason}',
        'zh-CN': '必需服务 {name} 的状态为 {state}，启动类型为 {startMode}{reason}',
        'pt-BR': 'O serviço obrigatório {name} está com estado {state} e tipo de inicialização {startMode} {reason}',
        id: 'Layanan wajib {name} berstatus {state} dengan jenis startup {startMode} {reason}',
      },
    },
    'required-running': {
      severity: 'pass',
      message: {
        en: 'Required service {name} is running',
        'zh-CN': '必需服务 {name} 正在运行',
        'pt-BR': 'O serviço obrigatório {name} está em execução',
        id: 'Layanan wajib {name} sedang berjalan',
      },
    },
  },
  appliesTo: (config) => config.requiredServices.length > 0,
  run({ services }, { config, finding }) {
    return config.requiredServices.map(({ name, reason }): FindingDraft => {
      const svc = findService(services, name);
      const why = reason ?? '';
      if (!svc) return finding('required-missing', { name, reason: why });
      const evidence = [serviceEvidence(svc)];
      if (startMode(svc) === 'disabled' || serviceState(svc) !== 'running') {
        return finding(
          'required-not-running',
          { name, state: svc.State, startMode: startModeWord(svc), reason: why },
          {
            evidence,
            fix: serviceFix(sharedFix(startMode(svc) === 'auto' ? 'start' : 'enableAndStart'), svc.Name, enableAndStartCommands(svc)),
          },
        );
      }
      return finding('required-running', { name }, { evidence });
    });
  },
});
