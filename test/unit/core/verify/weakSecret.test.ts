import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { type HmacAlgorithm, jwsAlgorithm } from '../../../../src/core/verify/algorithms';
import { type HmacFunction, defaultHmac, webCryptoHmac } from '../../../../src/core/verify/hmac';
import { findWeakSecret } from '../../../../src/core/verify/weakSecret';

const SIGNING_INPUT = new TextEncoder().encode('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0');
const HS256 = jwsAlgorithm('HS256') as HmacAlgorithm;

function mac(secret: string | Buffer): Uint8Array {
  return new Uint8Array(createHmac('sha256', secret).update(SIGNING_INPUT).digest());
}

function find(secret: string, entries: string[], hmac = defaultHmac()) {
  return findWeakSecret(HS256, SIGNING_INPUT, mac(secret), [{ entries, source: 'words.txt' }], hmac);
}

describe('findWeakSecret', () => {
  for (const secret of ['two\nlines', 'ends with CR\r', 'L'.repeat(100), '']) {
    it(`finds an entry the kernel skips (${JSON.stringify(secret.slice(0, 12))})`, async () => {
      const match = await find(secret, ['nope', secret, 'other']);
      assert.deepEqual(match, { secret, source: 'words.txt', byteLength: Buffer.byteLength(secret) });
    });
  }

  it('returns the first equivalent key in list order', async () => {
    // HMAC zero-pads short keys, so "k" and "k\0" give the same MAC.
    const match = await find('k', ['nope', 'k\u0000', 'k']);
    assert.equal(match?.secret, 'k\u0000');
  });

  it('returns null when no entry matches', async () => {
    assert.equal(await find('strong-and-unlisted', ['secret', 'two\nlines', '']), null);
  });

  it('tests a repeated token once', async () => {
    const entries = ['secret', ''];
    let calls = 0;
    const countingHmac: HmacFunction = (hash, key, data) => {
      calls++;
      return defaultHmac()(hash, key, data);
    };
    const check = (secret: string) => findWeakSecret(HS256, SIGNING_INPUT, mac(secret), [{ entries, source: 'words.txt' }], countingHmac);

    assert.equal(await check('unlisted-1'), null);
    assert.equal(calls, 1, 'the empty entry is tested with hmac');
    assert.equal(await check('unlisted-1'), null);
    assert.equal(calls, 1, 'the repeated token is answered from the cache');
    assert.equal(await check('unlisted-2'), null);
    assert.equal(calls, 2, 'a new MAC is tested again');
    assert.equal((await check('secret'))?.secret, 'secret');
  });

  it('does not remember long tokens', async () => {
    const entries = [''];
    const longInput = new TextEncoder().encode(`eyJhbGciOiJIUzI1NiJ9.${'A'.repeat(4096)}`);
    const signature = new Uint8Array(createHmac('sha256', 'unlisted').update(longInput).digest());
    let calls = 0;
    const countingHmac: HmacFunction = (hash, key, data) => {
      calls++;
      return defaultHmac()(hash, key, data);
    };

    for (let round = 0; round < 2; round++) {
      assert.equal(await findWeakSecret(HS256, longInput, signature, [{ entries, source: 'words.txt' }], countingHmac), null);
    }
    assert.equal(calls, 2);
  });

  it('agrees with Web Crypto HMAC', async () => {
    const match = await find('password', ['secret', 'password'], webCryptoHmac);
    assert.equal(match?.secret, 'password');
  });
});
