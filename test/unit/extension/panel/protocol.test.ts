import assert from 'node:assert/strict';

import {
  MAX_SECRET_LENGTH,
  MAX_TOKEN_LENGTH,
  parsePanelState,
  parseWebviewMessage,
} from '../../../../src/extension/panel/protocol';

describe('parseWebviewMessage', () => {
  it('accepts every well-formed message type', () => {
    const messages = [
      { type: 'ready' },
      { type: 'chooseKeyFile' },
      { type: 'forgetStoredSecret' },
      { type: 'verify', key: { source: 'secret', secret: 's3cret', remember: false } },
      { type: 'verify', key: { source: 'key-file', label: '/keys/public.pem' } },
      { type: 'verify', key: { source: 'stored-secret' } },
      { type: 'resign', header: '{"alg":"HS256"}', payload: '{}', alg: 'HS256', key: { source: 'stored-secret' } },
      { type: 'useToken', token: 'a.b.c', target: 'insert' },
      { type: 'openRuleDocs', rule: 'alg-none' },
    ];
    for (const message of messages) {
      const result = parseWebviewMessage(message);
      assert.equal(result.ok, true, JSON.stringify(message));
      if (result.ok) assert.deepEqual(result.message, message);
    }
  });

  it('drops fields that are not part of the message', () => {
    const result = parseWebviewMessage({ type: 'ready', extra: '<script>' });
    assert.deepEqual(result, { ok: true, message: { type: 'ready' } });
  });

  it('rejects malformed messages with a reason', () => {
    const cases: Array<[unknown, string]> = [
      [null, 'message is not an object with a string type'],
      ['ready', 'message is not an object with a string type'],
      [[{ type: 'ready' }], 'message is not an object with a string type'],
      [{ type: 42 }, 'message is not an object with a string type'],
      [{ type: 'runCommand', command: 'workbench.action.terminal.new' }, 'unknown message type'],
      [{ type: 'verify' }, 'verify: key is not an object'],
      [{ type: 'verify', key: { source: 'secret', secret: '', remember: false } }, 'verify: key.secret is not a string of 1 to 65536 characters'],
      [{ type: 'verify', key: { source: 'secret', secret: 'x', remember: 'yes' } }, 'verify: key.remember is not a boolean'],
      [{ type: 'verify', key: { source: 'file', path: '/etc/passwd' } }, 'verify: key.source is not secret, key-file or stored-secret'],
      [{ type: 'resign', header: {}, payload: '{}', alg: 'HS256', key: { source: 'stored-secret' } }, 'resign: header is not a string within the size limit'],
      [{ type: 'resign', header: '{}', payload: 7, alg: 'HS256', key: { source: 'stored-secret' } }, 'resign: payload is not a string within the size limit'],
      [{ type: 'resign', header: '{}', payload: '{}', alg: 'HS256"><script>', key: { source: 'stored-secret' } }, 'resign: alg is not an algorithm name'],
      [{ type: 'useToken', token: '', target: 'copy' }, 'useToken: token is not a token of 1 to 1000000 base64url characters and dots'],
      [{ type: 'useToken', token: 'a.b.c\nrm -rf /', target: 'insert' }, 'useToken: token is not a token of 1 to 1000000 base64url characters and dots'],
      [{ type: 'useToken', token: 'a.b.c', target: 'terminal' }, 'useToken: target is not copy, insert, panel or document'],
      [{ type: 'openRuleDocs', rule: '../../etc/passwd' }, 'openRuleDocs: rule is not a kebab-case rule id'],
    ];
    for (const [message, error] of cases) {
      assert.deepEqual(parseWebviewMessage(message), { ok: false, error }, JSON.stringify(message));
    }
  });

  it('rejects oversized fields', () => {
    const secret = 'x'.repeat(MAX_SECRET_LENGTH + 1);
    const verify = parseWebviewMessage({ type: 'verify', key: { source: 'secret', secret, remember: false } });
    assert.equal(verify.ok, false);

    const token = 'a'.repeat(MAX_TOKEN_LENGTH + 1);
    assert.equal(parseWebviewMessage({ type: 'useToken', token, target: 'copy' }).ok, false);
  });

  it('never echoes field content in the error', () => {
    const result = parseWebviewMessage({ type: 'verify', key: { source: 'secret', secret: 7, remember: false } });
    assert.equal(result.ok, false);
    if (!result.ok) assert.doesNotMatch(result.error, /7/);
  });
});

describe('parsePanelState', () => {
  it('keeps the token and the edited JSON', () => {
    const state = { token: 'a.b.c', editedHeader: '{}', editedPayload: '{"sub":"x"}' };
    assert.deepEqual(parsePanelState(state), state);
  });

  it('drops unknown fields such as a secret', () => {
    assert.deepEqual(parsePanelState({ token: 'a.b.c', secret: 'hunter2' }), { token: 'a.b.c' });
  });

  it('rejects states that are not panel states', () => {
    assert.equal(parsePanelState(undefined), null);
    assert.equal(parsePanelState({ token: 5 }), null);
    assert.equal(parsePanelState({ token: 'a.b.c', editedHeader: 5 }), null);
  });
});
