// The stand-ins' verifier against the worked example in Tencent's "签名方法 v3" document (the same
// numbers in every language version), so the stand-ins check the documented algorithm, not merely
// whatever the SDK does.
import { describe, expect, it } from 'vitest';
import { canonicalRequest, sha256Hex, verifyTc3, type SignedRequest } from './standin/tc3.js';

const ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const TS = 1551113065;
// The body exactly as in the document, with the \u escapes as characters of the JSON text.
const BODY = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';

function docRequest(body = BODY, signature = '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168'): SignedRequest {
  return {
    method: 'POST',
    url: '/',
    body: Buffer.from(body, 'utf8'),
    headers: {
      authorization: `TC3-HMAC-SHA256 Credential=${ID}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
      'content-type': 'application/json; charset=utf-8',
      host: 'cvm.tencentcloudapi.com',
      'x-tc-action': 'DescribeInstances',
      'x-tc-timestamp': String(TS),
      'x-tc-version': '2017-03-12',
      'x-tc-region': 'ap-guangzhou',
    },
  };
}

const opts = { service: 'cvm', version: '2017-03-12', keys: new Map([[ID, { secretKey: KEY }]]), now: TS };

describe('TC3-HMAC-SHA256 verifier (the document example)', () => {
  it('has the documented payload hash and canonical request hash', () => {
    expect(sha256Hex(BODY)).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(sha256Hex(canonicalRequest(docRequest(), ['content-type', 'host']))).toBe(
      '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
  });

  it('accepts the documented signature', () => {
    expect(verifyTc3(docRequest(), opts)).toEqual({
      ok: true,
      secretId: ID,
      action: 'DescribeInstances',
      region: 'ap-guangzhou',
      version: '2017-03-12',
    });
  });

  it('refuses a changed body, a wrong signature, an unknown key and an old timestamp', () => {
    expect(verifyTc3(docRequest(BODY.replace('1', '2')), opts)).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
    expect(verifyTc3(docRequest(BODY, '0'.repeat(64)), opts)).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
    expect(verifyTc3(docRequest(), { ...opts, keys: new Map() })).toMatchObject({ ok: false, code: 'AuthFailure.SecretIdNotFound' });
    expect(verifyTc3(docRequest(), { ...opts, now: TS + 301 })).toMatchObject({ ok: false, code: 'AuthFailure.SignatureExpire' });
    expect(verifyTc3(docRequest(), { ...opts, service: 'tat' })).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
  });

  it('refuses a temporary key without its token', () => {
    const keys = new Map([[ID, { secretKey: KEY, token: 'tok' }]]);
    expect(verifyTc3(docRequest(), { ...opts, keys })).toMatchObject({ ok: false, code: 'AuthFailure.TokenFailure' });
  });
});
