import assert from 'node:assert/strict';
import { WeakSecretQueue, type CrackFunction } from '../../../src/extension/weakSecretQueue';

class WordlistMissing extends Error {}

interface Call {
  token: string;
  wordlist: string;
  signal: AbortSignal;
  resolve(secret: string | null): void;
  reject(error: unknown): void;
}

/** A crack function whose calls the test settles by hand. */
function manualCrack(): { crack: CrackFunction; calls: Call[] } {
  const calls: Call[] = [];
  const crack: CrackFunction = (token, wordlist, signal) =>
    new Promise((resolve, reject) => {
      calls.push({ token, wordlist, signal, resolve: (secret) => resolve({ secret, tried: 3 }), reject });
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
  return { crack, calls };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function makeQueue(crack: CrackFunction, maxCacheEntries = 100) {
  const events: string[] = [];
  const queue = new WeakSecretQueue({
    crack,
    maxCacheEntries,
    isWordlistError: (error) => error instanceof WordlistMissing,
    onStart: (token) => events.push(`start ${token}`),
    onResult: (token, _wordlist, found, tried) => events.push(`result ${token} ${found} ${tried}`),
    onError: (token, _wordlist, _error, wordlistFailed) => events.push(`error ${token} ${wordlistFailed}`),
    onFound: (wordlist) => events.push(`found ${wordlist}`),
  });
  return { queue, events };
}

describe('WeakSecretQueue', () => {
  it('runs one crack at a time', async () => {
    const { crack, calls } = manualCrack();
    const { queue } = makeQueue(crack);

    queue.request('a', 'list.txt', ['t1', 't2']);
    await tick();
    assert.equal(calls.length, 1);
    assert.equal(calls[0].token, 't1');

    calls[0].resolve(null);
    await tick();
    assert.equal(calls.length, 2);
    assert.equal(calls[1].token, 't2');
    assert.equal(queue.size, 1);
  });

  it('cracks each token once', async () => {
    const { crack, calls } = manualCrack();
    const { queue } = makeQueue(crack);

    queue.request('a', 'list.txt', ['t1', 't1']);
    queue.request('b', 'list.txt', ['t1']);
    calls[0].resolve('s3cr3t');
    await queue.whenIdle();
    queue.request('c', 'list.txt', ['t1']);
    await queue.whenIdle();

    assert.equal(calls.length, 1);
    assert.equal(queue.verdict('list.txt', 't1'), 's3cr3t');
  });

  it('collects found secrets per wordlist', async () => {
    const { crack, calls } = manualCrack();
    const { queue, events } = makeQueue(crack);

    queue.request('a', 'list.txt', ['t1', 't2', 't3']);
    calls[0].resolve('one');
    await tick();
    const afterFirst = queue.secretsFor('list.txt');
    calls[1].resolve(null);
    await tick();
    calls[2].resolve('one');
    await queue.whenIdle();

    assert.deepEqual(afterFirst, ['one']);
    assert.equal(queue.secretsFor('list.txt'), afterFirst);
    assert.deepEqual(queue.secretsFor('other.txt'), []);
    assert.deepEqual(events, [
      'start t1',
      'result t1 true 3',
      'found list.txt',
      'start t2',
      'result t2 false 3',
      'start t3',
      'result t3 true 3',
      'found list.txt',
    ]);
  });

  it('aborts a crack nobody wants', async () => {
    const { crack, calls } = manualCrack();
    const { queue, events } = makeQueue(crack);

    queue.request('a', 'list.txt', ['t1', 't2']);
    queue.request('b', 'list.txt', ['t1']);
    queue.release('a');
    assert.equal(calls[0].signal.aborted, false);

    queue.release('b');
    assert.equal(calls[0].signal.aborted, true);
    await queue.whenIdle();
    assert.equal(calls.length, 1);
    assert.equal(queue.verdict('list.txt', 't1'), undefined);
    assert.deepEqual(events, ['start t1']);
  });

  it('forgets everything on reset', async () => {
    const { crack, calls } = manualCrack();
    const { queue } = makeQueue(crack);
    queue.request('a', 'list.txt', ['t1']);
    calls[0].resolve('one');
    await queue.whenIdle();
    queue.request('a', 'list.txt', ['t2']);

    queue.reset();
    await queue.whenIdle();

    assert.equal(calls[1].signal.aborted, true);
    assert.equal(queue.verdict('list.txt', 't1'), undefined);
    assert.deepEqual(queue.secretsFor('list.txt'), []);
    queue.request('a', 'list.txt', ['t1']);
    assert.equal(calls.length, 3);
  });

  it('waits for an aborted crack before the next', async () => {
    const calls: Array<{ token: string; finish(): void }> = [];
    // This crack ignores the signal for a while, like workers that take time to stop.
    const slowCrack: CrackFunction = (token) =>
      new Promise((resolve) => calls.push({ token, finish: () => resolve({ secret: 'late', tried: 1 }) }));
    const { queue } = makeQueue(slowCrack);

    queue.request('a', 'list.txt', ['t1']);
    queue.reset();
    queue.request('a', 'list.txt', ['t1']);
    await tick();
    assert.equal(calls.length, 1);

    calls[0].finish();
    await tick();
    assert.equal(calls.length, 2);
    assert.equal(queue.verdict('list.txt', 't1'), undefined);
  });

  it('gives up on an unreadable wordlist', async () => {
    const { crack, calls } = manualCrack();
    const { queue, events } = makeQueue(crack);

    queue.request('a', 'missing.txt', ['t1', 't2']);
    queue.request('a', 'list.txt', ['t3']);
    calls[0].reject(new WordlistMissing('no such file'));
    await tick();
    queue.request('b', 'missing.txt', ['t4']);
    calls[1].resolve(null);
    await queue.whenIdle();

    assert.deepEqual(calls.map((call) => call.token), ['t1', 't3']);
    assert.deepEqual(events, ['start t1', 'error t1 true', 'start t3', 'result t3 false 3']);
  });

  it('caches a token that cannot be cracked', async () => {
    const { crack, calls } = manualCrack();
    const { queue, events } = makeQueue(crack);

    queue.request('a', 'list.txt', ['not-hmac']);
    calls[0].reject(new Error('not an HMAC token'));
    await queue.whenIdle();
    queue.request('a', 'list.txt', ['not-hmac']);
    await queue.whenIdle();

    assert.equal(calls.length, 1);
    assert.equal(queue.verdict('list.txt', 'not-hmac'), null);
    assert.deepEqual(events, ['start not-hmac', 'error not-hmac false']);
  });

  it('evicts the least recently used verdict', async () => {
    const { crack, calls } = manualCrack();
    const { queue } = makeQueue(crack, 2);

    queue.request('a', 'list.txt', ['t1', 't2']);
    calls[0].resolve('one');
    await tick();
    calls[1].resolve(null);
    await queue.whenIdle();
    queue.request('a', 'list.txt', ['t1']);
    queue.request('a', 'list.txt', ['t3']);
    calls[2].resolve(null);
    await queue.whenIdle();

    assert.equal(queue.verdict('list.txt', 't1'), 'one');
    assert.equal(queue.verdict('list.txt', 't2'), undefined);
    assert.equal(queue.verdict('list.txt', 't3'), null);
    assert.deepEqual(queue.secretsFor('list.txt'), ['one']);
  });

  it('drops found secrets with their verdicts', async () => {
    const { crack, calls } = manualCrack();
    const { queue } = makeQueue(crack, 1);

    queue.request('a', 'list.txt', ['t1', 't2']);
    calls[0].resolve('one');
    await tick();
    calls[1].resolve(null);
    await queue.whenIdle();

    assert.deepEqual(queue.secretsFor('list.txt'), []);
  });
});

describe('WeakSecretQueue.update', () => {
  it('keeps a crack the owner still wants', async () => {
    const { crack, calls } = manualCrack();
    const { queue } = makeQueue(crack);

    queue.update('a', 'list.txt', ['t1', 't2']);
    queue.update('a', 'list.txt', ['t1', 't3']);

    assert.equal(calls[0].signal.aborted, false);
    calls[0].resolve(null);
    await tick();
    calls[1].resolve(null);
    await queue.whenIdle();
    assert.deepEqual(calls.map((call) => call.token), ['t1', 't3']);
  });

  it('aborts a token the owner dropped', () => {
    const { crack, calls } = manualCrack();
    const { queue } = makeQueue(crack);

    queue.update('a', 'list.txt', ['t1']);
    queue.update('a', 'list.txt', ['t2']);

    assert.equal(calls[0].signal.aborted, true);
    assert.equal(queue.size, 2);
  });
});
