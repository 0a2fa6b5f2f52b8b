import { strict as assert } from 'node:assert';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchJwksError, fetchJwks, jwksUrlProblem } from '../../../../src/core/keys/fetchJwks';

const JWKS = JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'k1' }] });

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('fetchJwks', () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, Handler>();

  before(async () => {
    server = createServer((request, response) => {
      const handler = routes.get(request.url ?? '');
      if (handler) handler(request, response);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    routes.set('/jwks', (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JWKS));
    routes.set('/slow', () => undefined);
    routes.set('/large', (_request, response) => response.writeHead(200).end(`{"keys":[],"pad":"${'x'.repeat(4096)}"}`));
    routes.set('/large-chunked', (_request, response) => {
      response.writeHead(200);
      for (let i = 0; i < 8; i++) response.write('x'.repeat(1024));
      response.end();
    });
    routes.set('/html', (_request, response) => response.writeHead(200).end('<html></html>'));
    routes.set('/not-a-set', (_request, response) => response.writeHead(200).end('{"kty":"oct"}'));
    routes.set('/same-origin', (_request, response) => response.writeHead(302, { location: '/jwks' }).end());
    routes.set('/other-host', (_request, response) => response.writeHead(302, { location: 'https://keys.example.test/jwks' }).end());
    routes.set('/other-port', (_request, response) => response.writeHead(307, { location: base.replace(/:\d+$/, ':1') + '/jwks' }).end());
    routes.set('/loop', (_request, response) => response.writeHead(302, { location: '/loop' }).end());
    routes.set('/error', (_request, response) => response.writeHead(500).end());
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('returns the set labelled with the URL', async () => {
    const material = await fetchJwks(`${base}/jwks`);
    assert.deepEqual(material, { label: `${base}/jwks`, kind: 'jwks', data: JWKS });
  });

  it('follows a same-origin redirect', async () => {
    const material = await fetchJwks(`${base}/same-origin`);
    assert.equal(material.data, JWKS);
  });

  it('rejects a redirect to another host', async () => {
    await assert.rejects(
      fetchJwks(`${base}/other-host`),
      new FetchJwksError(`${base}/other-host redirects to another origin (https://keys.example.test); configure that URL directly if you trust it`),
    );
  });

  it('rejects a redirect to another port', async () => {
    await assert.rejects(fetchJwks(`${base}/other-port`), (error: Error) => error instanceof FetchJwksError && error.message.includes('redirects to another origin (http://127.0.0.1:1)'));
  });

  it('stops a redirect loop', async () => {
    await assert.rejects(fetchJwks(`${base}/loop`, { maxRedirects: 2 }), new FetchJwksError(`${base}/loop redirected more than 2 times`));
  });

  it('times out', async () => {
    await assert.rejects(fetchJwks(`${base}/slow`, { timeoutMs: 100 }), new FetchJwksError(`Fetching the JWK Set from ${base}/slow timed out after 100 ms`));
  });

  it('rejects a body over the limit', async () => {
    await assert.rejects(fetchJwks(`${base}/large`, { maxBytes: 1024 }), new FetchJwksError(`The JWK Set at ${base}/large is larger than the 1024 bytes allowed`));
  });

  it('rejects a chunked body over the limit', async () => {
    await assert.rejects(fetchJwks(`${base}/large-chunked`, { maxBytes: 2048 }), new FetchJwksError(`The JWK Set at ${base}/large-chunked is larger than the 2048 bytes allowed`));
  });

  it('rejects a non-JSON body', async () => {
    await assert.rejects(fetchJwks(`${base}/html`), new FetchJwksError(`The response from ${base}/html is not JSON, so it is not a JWK Set`));
  });

  it('rejects JSON that is not a set', async () => {
    await assert.rejects(fetchJwks(`${base}/not-a-set`), new FetchJwksError(`The response from ${base}/not-a-set is JSON but not a JWK Set (no "keys" array)`));
  });

  it('reports the HTTP status', async () => {
    await assert.rejects(fetchJwks(`${base}/error`), new FetchJwksError(`${base}/error responded with HTTP 500`));
  });

  it('rejects http to a non-loopback host without a request', async () => {
    await assert.rejects(
      fetchJwks('http://keys.example.test/jwks'),
      new FetchJwksError('http://keys.example.test/jwks uses http; JWK Sets are fetched only over https, or http to 127.0.0.1, ::1 or localhost'),
    );
  });

  it('rejects other schemes and bad URLs', async () => {
    await assert.rejects(fetchJwks('file:///etc/passwd'), new FetchJwksError('file:///etc/passwd is not an https URL'));
    await assert.rejects(fetchJwks('not a url'), new FetchJwksError('not a url is not a valid URL'));
  });
});

describe('jwksUrlProblem', () => {
  it('accepts https and loopback http', () => {
    assert.equal(jwksUrlProblem('https://issuer.example.test/jwks.json'), undefined);
    assert.equal(jwksUrlProblem('http://127.0.0.1:8080/jwks'), undefined);
    assert.equal(jwksUrlProblem('http://localhost/jwks'), undefined);
    assert.equal(jwksUrlProblem('http://[::1]:9000/jwks'), undefined);
  });

  it('names the problem otherwise', () => {
    assert.equal(jwksUrlProblem('http://10.0.0.1/jwks'), 'http://10.0.0.1/jwks uses http; JWK Sets are fetched only over https, or http to 127.0.0.1, ::1 or localhost');
    assert.equal(jwksUrlProblem('http://127.0.0.1.example.test/jwks'), 'http://127.0.0.1.example.test/jwks uses http; JWK Sets are fetched only over https, or http to 127.0.0.1, ::1 or localhost');
    assert.equal(jwksUrlProblem('ftp://x/jwks'), 'ftp://x/jwks is not an https URL');
  });
});
