// Node's own network probes: the metadata service (which also names the instance) and the KMS port.
// Everything on 127.0.0.1: no test reaches Tencent's names.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { networkProbe, parseAddress, probeNetwork } from '../../src/collect/net-probes.js';
import { startMetadataStandin } from '../cloud/standin/metadata-server.js';

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

async function listening(): Promise<number> {
  const server = createServer((socket) => socket.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('network probes', () => {
  it('reads the instance identity from the metadata service and finds the KMS port open', async () => {
    const md = await startMetadataStandin({
      'instance-id': 'ins-abc12345',
      'placement/region': 'ap-singapore',
      'placement/zone': 'ap-singapore-1',
      'local-ipv4': '10.1.2.3',
      'instance/image-id': 'img-xyz',
    });
    const port = await listening();
    const facts = await probeNetwork({ metadataBaseUrl: md.baseUrl, kms: { host: '127.0.0.1', port }, timeoutMs: 2000 });
    await md.close();
    expect(facts.instance).toMatchObject({
      instanceId: 'ins-abc12345',
      region: 'ap-singapore',
      zone: 'ap-singapore-1',
      imageId: 'img-xyz',
    });
    expect(facts.reachability.metadata).toMatchObject({ reachable: true, error: null });
    expect(facts.reachability.kms).toMatchObject({ target: `127.0.0.1:${port}`, reachable: true, error: null });
  });

  it('a metadata service that does not answer and a closed KMS port: facts, not errors, within the timeout', async () => {
    const md = await startMetadataStandin({ 'instance-id': { hang: true }, 'placement/region': { hang: true } });
    const closed = await listening();
    servers.pop()!.close();
    const started = Date.now();
    const facts = await probeNetwork({ metadataBaseUrl: md.baseUrl, kms: { host: '127.0.0.1', port: closed }, timeoutMs: 300 });
    await md.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(facts.instance).toMatchObject({ collectionError: { messageId: 'collector.metadataUnreachable', code: 'timeout' } });
    expect(facts.reachability.metadata).toMatchObject({ reachable: false, error: 'timeout' });
    expect(facts.reachability.kms).toMatchObject({ reachable: false, error: 'refused' });
  });

  it('takes overrides from the environment, for private networks and tests', async () => {
    const port = await listening();
    const probe = networkProbe({ IPF_METADATA_URL: 'http://127.0.0.1:9/latest/meta-data/', IPF_KMS_ADDRESS: `127.0.0.1:${port}` }, 500);
    const facts = await probe();
    expect(facts.reachability.kms).toMatchObject({ reachable: true });
    expect(facts.reachability.metadata).toMatchObject({ reachable: false, target: 'http://127.0.0.1:9/latest/meta-data/instance-id' });
  });

  it('parses host:port, [v6]:port and a bare host (port 1688)', () => {
    expect(parseAddress('kms.example.com:1688')).toEqual({ host: 'kms.example.com', port: 1688 });
    expect(parseAddress('[::1]:9')).toEqual({ host: '::1', port: 9 });
    expect(parseAddress('10.0.0.5')).toEqual({ host: '10.0.0.5', port: 1688 });
    expect(parseAddress('a:99999')).toBeUndefined();
    expect(parseAddress('')).toBeUndefined();
  });
});
