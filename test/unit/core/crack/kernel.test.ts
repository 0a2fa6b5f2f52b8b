/**
 * The chunk crackers in-process: the WebAssembly SIMD kernel against node:crypto and RFC 4231, and
 * the line rules both crackers share.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { NodeChunkCracker, type ChunkCracker } from '../../../../src/core/crack/nodeCracker';
import type { HmacAlgorithm } from '../../../../src/core/crack/sha2';
import type { CrackTarget } from '../../../../src/core/crack/target';
import { buildHmacWasm } from '../../../../src/core/crack/wasm/buildHmacWasm';
import { HMAC_KERNEL_BASE64 } from '../../../../src/core/crack/wasm/hmacKernelBinary';
import { WasmChunkCracker, isWasmSimdSupported } from '../../../../src/core/crack/wasmCracker';
import { hmac, joinLines, randomKey, seededRandom } from './helpers';

const ALGORITHMS: readonly HmacAlgorithm[] = ['HS256', 'HS384', 'HS512'];
const BLOCK_BYTES: Record<HmacAlgorithm, number> = { HS256: 64, HS384: 128, HS512: 128 };

const ENGINES: Record<string, (target: CrackTarget) => ChunkCracker> = {
  'wasm-simd': (target) => new WasmChunkCracker(target),
  node: (target) => new NodeChunkCracker(target),
};

function target(algorithm: HmacAlgorithm, key: Uint8Array, message: Uint8Array): CrackTarget {
  return { algorithm, signingInput: message, mac: hmac(algorithm, key, message) };
}

function text(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : Buffer.from(bytes).toString('utf8');
}

const ascii = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'latin1'));
const hex = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'hex'));

/** RFC 4231 section 4 test cases whose keys fit on a line (case 4's key contains LF; case 5 truncates). */
const RFC4231 = [
  {
    name: 'case 1',
    key: new Uint8Array(20).fill(0x0b),
    data: ascii('Hi There'),
    HS256: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    HS384: 'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6',
    HS512: '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
  },
  {
    name: 'case 2',
    key: ascii('Jefe'),
    data: ascii('what do ya want for nothing?'),
    HS256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    HS384: 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
    HS512: '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
  },
  {
    name: 'case 3',
    key: new Uint8Array(20).fill(0xaa),
    data: new Uint8Array(50).fill(0xdd),
    HS256: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
    HS384: '88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27',
    HS512: 'fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb',
  },
  {
    name: 'case 6 (key longer than the block)',
    key: new Uint8Array(131).fill(0xaa),
    data: ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
    HS256: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    HS384: '4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952',
    HS512: '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
  },
  {
    name: 'case 7 (key and data longer than the block)',
    key: new Uint8Array(131).fill(0xaa),
    data: ascii(
      'This is a test using a larger than block-size key and a larger than block-size data. ' +
        'The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    HS256: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    HS384: '6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e',
    HS512: 'e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58',
  },
] as const;

describe('crack kernel', () => {
  it('runs with WebAssembly SIMD on this Node', () => {
    assert.equal(isWasmSimdSupported(), true);
  });

  it('embedded binary matches the generator', async function () {
    this.timeout(30000);
    const built = Buffer.from(await buildHmacWasm()).toString('base64');
    assert.equal(HMAC_KERNEL_BASE64, built, 'hmacKernelBinary.ts is stale: run `npm run build:wasm`');
  });

  for (const [engine, create] of Object.entries(ENGINES)) {
    describe(engine, () => {
      for (const vector of RFC4231) {
        for (const algorithm of ALGORITHMS) {
          it(`RFC 4231 ${vector.name} ${algorithm}`, () => {
            const mac = hex(vector[algorithm]);
            assert.deepEqual(hmac(algorithm, vector.key, vector.data), mac, 'node:crypto disagrees with RFC 4231');

            const decoy = ascii('decoy');
            const cracker = create({ algorithm, signingInput: vector.data, mac });
            const result = cracker.crackChunk(joinLines([decoy, vector.key, decoy]));
            assert.deepEqual(result.secret, vector.key);
          });
        }
      }

      for (const algorithm of ALGORITHMS) {
        it(`${algorithm} matches node:crypto for messages of 0 to 300 bytes`, () => {
          const random = seededRandom(0x5eed + BLOCK_BYTES[algorithm]);
          for (let length = 0; length <= 300; length++) {
            const message = randomKey(random, length);
            const keyLength = 1 + Math.floor(random() * (BLOCK_BYTES[algorithm] * 2));
            const key = randomKey(random, keyLength);
            const decoys = Array.from({ length: 1 + Math.floor(random() * 8) }, () => randomKey(random, 1 + Math.floor(random() * 40)));
            const position = Math.floor(random() * (decoys.length + 1));
            const lines = [...decoys.slice(0, position), key, ...decoys.slice(position)];

            const found = create(target(algorithm, key, message)).crackChunk(joinLines(lines));
            assert.deepEqual(found.secret, key, `message length ${length}, key length ${keyLength}`);

            const missing = create(target(algorithm, key, message)).crackChunk(joinLines(decoys));
            assert.equal(missing.secret, null, `false match, message length ${length}`);
            assert.equal(missing.tried, decoys.length);
          }
        });

        it(`${algorithm} keys of every length up to twice the block`, () => {
          const random = seededRandom(7);
          const message = ascii('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ');
          for (let length = 1; length <= BLOCK_BYTES[algorithm] * 2; length++) {
            const key = randomKey(random, length);
            // Neighbours that share a prefix with the key catch a bad mask of its last word.
            const longer = new Uint8Array([...key, 0x41]);
            const shorter = key.subarray(0, length - 1);
            const lines = shorter.length > 0 ? [shorter, longer, key] : [longer, key];
            const result = create(target(algorithm, key, message)).crackChunk(joinLines(lines));
            assert.deepEqual(result.secret, key, `key length ${length}`);
            assert.ok(result.tried >= 1, `tried ${result.tried}`);
            assert.ok(result.tried <= lines.length, `tried ${result.tried}`);
          }
        });
      }

      it('finds the key in every lane position', () => {
        const message = ascii('header.payload');
        for (let count = 1; count <= 9; count++) {
          for (let position = 0; position < count; position++) {
            const lines = Array.from({ length: count }, (_, i) => ascii(i === position ? 'hunter2' : `decoy-${i}`));
            const result = create(target('HS256', ascii('hunter2'), message)).crackChunk(joinLines(lines));
            assert.equal(text(result.secret), 'hunter2', `${count} lines, key at ${position}`);
            assert.ok(result.tried <= count);
          }
        }
      });

      it('strips CR of CRLF lines and reads a last line without newline', () => {
        const message = ascii('a.b');
        const chunk = ascii('alpha\r\nbravo\r\ncharlie');
        for (const key of ['alpha', 'bravo', 'charlie']) {
          const result = create(target('HS256', ascii(key), message)).crackChunk(chunk);
          assert.equal(text(result.secret), key);
        }
        const notFound = create(target('HS256', ascii('alpha\r'), message)).crackChunk(chunk);
        assert.equal(notFound.secret, null);
        assert.equal(notFound.tried, 3);
      });

      it('skips empty lines and reports them', () => {
        const message = ascii('a.b');
        const result = create(target('HS256', ascii('zzz'), message)).crackChunk(ascii('\nalpha\n\r\n\nbravo\n'));
        assert.equal(result.secret, null);
        assert.equal(result.tried, 2);
        assert.equal(result.sawEmpty, true);

        const noEmpty = create(target('HS256', ascii('zzz'), message)).crackChunk(ascii('alpha\nbravo\n'));
        assert.equal(noEmpty.sawEmpty, false);
      });

      it('matches UTF-8 keys byte for byte', () => {
        const message = ascii('a.b');
        const key = new Uint8Array(Buffer.from('pässwörd-密码-🔑', 'utf8'));
        const chunk = new Uint8Array(Buffer.from('passwörd\npässwörd-密码-🔑\nx\n', 'utf8'));
        const result = create(target('HS512', key, message)).crackChunk(chunk);
        assert.deepEqual(result.secret, key);
      });

      it('reuses one cracker for several chunks', () => {
        const cracker = create(target('HS384', ascii('third'), ascii('m')));
        assert.equal(cracker.crackChunk(ascii('first\nsecond\n')).secret, null);
        assert.equal(text(cracker.crackChunk(ascii('x\nthird\n')).secret), 'third');
        assert.equal(cracker.crackChunk(ascii('fourth\n')).secret, null);
        assert.equal(text(cracker.crackChunk(ascii('third\n')).secret), 'third');
      });

      it('reuses a cracker after a long key matched', () => {
        // HMAC hashes a key longer than the block first, so the long key and its SHA-256 digest are
        // the same HMAC key. Pick a long key whose digest can be a wordlist line.
        let longKey = '';
        let digest = new Uint8Array(0);
        for (let i = 0; ; i++) {
          longKey = `${'k'.repeat(100)}-${i}`;
          digest = new Uint8Array(createHash('sha256').update(longKey).digest());
          if (!digest.includes(0x0a) && digest[31] !== 0x0d) break;
        }
        const cracker = create(target('HS256', ascii(longKey), ascii('m')));

        // The long key matches while three 40-byte keys wait in their lanes.
        const first = cracker.crackChunk(ascii(`${'x'.repeat(40)}\n${'y'.repeat(40)}\n${'z'.repeat(40)}\n${longKey}\n`));
        assert.equal(text(first.secret), longKey);

        const second = cracker.crackChunk(joinLines([digest]));
        assert.deepEqual(second.secret, digest);
      });
    });
  }

  it('wasm kernel spans many calls in one large chunk', () => {
    const lines = Array.from({ length: 50000 }, (_, i) => `candidate-${i}`);
    const chunk = ascii(lines.join('\n'));
    const last = create('candidate-49999');
    assert.equal(text(last.crackChunk(chunk).secret), 'candidate-49999');
    const none = create('absent');
    const result = none.crackChunk(chunk);
    assert.equal(result.secret, null);
    assert.equal(result.tried, 50000);

    function create(key: string): ChunkCracker {
      return new WasmChunkCracker(target('HS256', ascii(key), ascii('header.payload')));
    }
  });
});
