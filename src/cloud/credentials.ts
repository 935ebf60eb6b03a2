// Where the API keys come from, in a fixed order (docs/cloud.md):
//   1. TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY / TENCENTCLOUD_SESSION_TOKEN;
//   2. the CAM role bound to this CVM, as temporary keys from the metadata service, fetched again
//      before they expire;
//   3. tccli's credential file, ~/.tccli/<profile>.credential (%USERPROFILE%\.tccli on Windows).
// The first source that has keys wins; one that is present but broken (a half-set environment, a
// role whose keys cannot be read) is an error rather than a silent switch to another identity.
// Every key seen is registered so error text can be scrubbed of it.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { CloudError, isCloudError } from './errors.js';
import { metadataClient, type MetadataOptions } from './metadata.js';
import { mask, SecretRegistry } from './secrets.js';

export type CredentialSource = 'env' | 'cam-role' | 'tccli';

/** What the SDK's DynamicCredential hands to the signer. */
export interface SdkCredential {
  secretId: string;
  secretKey: string;
  token?: string;
}

export interface ResolvedCredential extends SdkCredential {
  source: CredentialSource;
  /** Epoch ms; temporary keys only. */
  expiresAt?: number;
  roleName?: string;
  file?: string;
}

/** Safe to print: where the keys came from and a masked SecretId. */
export interface CredentialSummary {
  source: CredentialSource;
  secretId: string;
  temporary: boolean;
  expiresAt?: string;
  roleName?: string;
  file?: string;
}

export interface CredentialOptions {
  env?: Record<string, string | undefined>;
  /** Base URL and deadline of the metadata service (tests use a local stand-in). */
  metadata?: MetadataOptions;
  /** Skip the metadata source entirely (e.g. `--no-metadata`, or a machine known not to be a CVM). */
  useMetadata?: boolean;
  homeDir?: string;
  /** tccli profile name: <profile>.credential. */
  profile?: string;
  now?: () => number;
  /** Temporary keys are fetched again when less than this is left (default 5 minutes). */
  refreshMarginMs?: number;
  secrets?: SecretRegistry;
}

export interface CredentialProvider {
  /** The SDK's DynamicCredential: called before every request, cheap when cached. */
  getCredential(): Promise<SdkCredential>;
  resolve(): Promise<ResolvedCredential>;
  summary(): CredentialSummary | null;
  readonly secrets: SecretRegistry;
}

export const ENV_SECRET_ID = 'TENCENTCLOUD_SECRET_ID';
export const ENV_SECRET_KEY = 'TENCENTCLOUD_SECRET_KEY';
export const ENV_SESSION_TOKEN = 'TENCENTCLOUD_SESSION_TOKEN';
export const ROLE_PATH = 'cam/security-credentials/';
const DEFAULT_MARGIN_MS = 5 * 60_000;

/** The metadata service's answer for a role (documented in 实例元数据 / "Viewing Instance Metadata"). */
const RoleCredentialSchema = z.object({
  TmpSecretId: z.string().min(1),
  TmpSecretKey: z.string().min(1),
  Token: z.string().min(1),
  /** Epoch seconds. */
  ExpiredTime: z.number(),
  Expiration: z.string().optional(),
  Code: z.string().optional(),
});

/** tccli's <profile>.credential: JSON written by `tccli configure` (keys from tccli/options_define.py). */
const TccliCredentialSchema = z.looseObject({
  secretId: z.string().optional(),
  secretKey: z.string().optional(),
  token: z.string().optional(),
  type: z.string().optional(),
  'role-arn': z.string().optional(),
  /** Epoch seconds, for oauth/sso profiles that tccli refreshes itself. */
  expiresAt: z.number().optional(),
});

export function credentialProvider(opts: CredentialOptions = {}): CredentialProvider {
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now;
  const margin = opts.refreshMarginMs ?? DEFAULT_MARGIN_MS;
  const secrets = opts.secrets ?? new SecretRegistry();
  let current: ResolvedCredential | null = null;
  let inFlight: Promise<ResolvedCredential> | null = null;

  const fresh = (c: ResolvedCredential) => c.expiresAt === undefined || c.expiresAt - now() > margin;

  const resolve = async (): Promise<ResolvedCredential> => {
    if (current && fresh(current)) return current;
    if (!inFlight) {
      // A cached role keeps its source: refresh from the role, never switch identity mid-run.
      const load = current?.source === 'cam-role' && current.roleName ? fromRole(current.roleName) : loadChain();
      inFlight = load.then(
        (c) => {
          current = c;
          inFlight = null;
          return c;
        },
        (err: unknown) => {
          inFlight = null;
          throw err;
        },
      );
    }
    return inFlight;
  };

  const loadChain = async (): Promise<ResolvedCredential> => {
    const tried: string[] = [];
    const fromEnv = readEnv(env);
    if (fromEnv) return remember(fromEnv);
    tried.push(`${ENV_SECRET_ID}/${ENV_SECRET_KEY} not set`);

    if (opts.useMetadata !== false) {
      const role = await roleName(opts.metadata, tried);
      if (role) return fromRole(role);
    }

    const file = join(opts.homeDir ?? homedir(), '.tccli', `${opts.profile ?? 'default'}.credential`);
    const fromFile = readTccli(file, now(), tried);
    if (fromFile) return remember(fromFile);

    throw new CloudError('auth', `no Tencent Cloud credentials: ${tried.join('; ')}`);
  };

  const fromRole = async (role: string): Promise<ResolvedCredential> => {
    const md = metadataClient(opts.metadata);
    let text: string | null;
    try {
      text = await md.get(ROLE_PATH + encodeURIComponent(role));
    } catch (err) {
      const why = isCloudError(err) ? err.message : String(err);
      throw new CloudError(
        isCloudError(err) && err.kind === 'timeout' ? 'timeout' : 'auth',
        `CAM role ${role}: cannot read its temporary keys: ${why}`,
      );
    }
    if (text === null) throw new CloudError('auth', `CAM role ${role}: the metadata service has no keys for it (404)`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new CloudError('auth', `CAM role ${role}: the metadata service's answer is not JSON`);
    }
    const ok = RoleCredentialSchema.safeParse(parsed);
    if (!ok.success)
      throw new CloudError('auth', `CAM role ${role}: the metadata service's answer lacks TmpSecretId/TmpSecretKey/Token/ExpiredTime`);
    if (ok.data.Code !== undefined && ok.data.Code !== 'Success')
      throw new CloudError('auth', `CAM role ${role}: the metadata service answered Code=${ok.data.Code}`);
    return remember({
      source: 'cam-role',
      secretId: ok.data.TmpSecretId,
      secretKey: ok.data.TmpSecretKey,
      token: ok.data.Token,
      expiresAt: ok.data.ExpiredTime * 1000,
      roleName: role,
    });
  };

  const remember = (c: ResolvedCredential): ResolvedCredential => {
    secrets.add(c.secretId, c.secretKey, c.token);
    return c;
  };

  return {
    secrets,
    resolve,
    async getCredential() {
      const c = await resolve();
      return c.token ? { secretId: c.secretId, secretKey: c.secretKey, token: c.token } : { secretId: c.secretId, secretKey: c.secretKey };
    },
    summary() {
      if (!current) return null;
      return {
        source: current.source,
        secretId: mask(current.secretId),
        temporary: current.token !== undefined,
        expiresAt: current.expiresAt === undefined ? undefined : new Date(current.expiresAt).toISOString(),
        roleName: current.roleName,
        file: current.file,
      };
    },
  };
}

function readEnv(env: Record<string, string | undefined>): ResolvedCredential | null {
  const id = env[ENV_SECRET_ID]?.trim();
  const key = env[ENV_SECRET_KEY]?.trim();
  const token = env[ENV_SESSION_TOKEN]?.trim();
  if (!id && !key) return null;
  if (!id || !key) {
    const missing = id ? ENV_SECRET_KEY : ENV_SECRET_ID;
    const present = id ? ENV_SECRET_ID : ENV_SECRET_KEY;
    throw new CloudError('auth', `${present} is set but ${missing} is not; set both or neither`);
  }
  return token ? { source: 'env', secretId: id, secretKey: key, token } : { source: 'env', secretId: id, secretKey: key };
}

/** The bound role's name, or null when there is none or this is not a CVM (both are normal). */
async function roleName(metadata: MetadataOptions | undefined, tried: string[]): Promise<string | null> {
  const md = metadataClient(metadata);
  try {
    const text = await md.get(ROLE_PATH);
    const name = text
      ?.split(/\r?\n/)
      .map((l) => l.trim().replace(/\/$/, ''))
      .find((l) => l !== '');
    if (!name) {
      tried.push('no CAM role bound to this instance');
      return null;
    }
    return name;
  } catch (err) {
    tried.push(`metadata service not reachable (${isCloudError(err) ? err.kind : 'error'})`);
    return null;
  }
}

/** tccli writes the string "None" for keys skipped at the prompt. */
function present(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v && v !== 'None' ? v : undefined;
}

function readTccli(file: string, nowMs: number, tried: string[]): ResolvedCredential | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    tried.push(`no tccli credential file at ${file}`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new CloudError('auth', `tccli credential file ${file} is not JSON`);
  }
  const ok = TccliCredentialSchema.safeParse(json);
  if (!ok.success) throw new CloudError('auth', `tccli credential file ${file} does not have the expected keys`);
  const c = ok.data;
  if (c.type === 'cvm-role') {
    tried.push(`tccli profile ${file} uses the CVM role (read from the metadata service above)`);
    return null;
  }
  if (present(c['role-arn']))
    throw new CloudError(
      'auth',
      `tccli profile ${file} assumes a role (role-arn), which image-preflight does not do; export ${ENV_SECRET_ID}/${ENV_SECRET_KEY}/${ENV_SESSION_TOKEN} instead`,
    );
  const id = present(c.secretId);
  const key = present(c.secretKey);
  if (!id || !key) {
    tried.push(`tccli credential file ${file} has no secretId/secretKey`);
    return null;
  }
  if (c.expiresAt !== undefined && c.expiresAt * 1000 <= nowMs)
    throw new CloudError(
      'auth',
      `the keys in tccli credential file ${file} expired at ${new Date(c.expiresAt * 1000).toISOString()}; run any tccli command to refresh them`,
    );
  const token = present(c.token);
  const base: ResolvedCredential = { source: 'tccli', secretId: id, secretKey: key, file };
  if (token) base.token = token;
  if (c.expiresAt !== undefined) base.expiresAt = c.expiresAt * 1000;
  return base;
}
