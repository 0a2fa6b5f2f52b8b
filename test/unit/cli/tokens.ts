/** Test tokens signed at run time with fixed claims and a test-only HMAC key. */
import { SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { CASE_CLOCK } from './fakeIo';

export const TEST_HMAC_KEY = new TextEncoder().encode('cli-test-hmac-key-0123456789abcdef-not-a-real-secret');

export function signHs256(claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header }).sign(TEST_HMAC_KEY);
}

/** A token valid at `CASE_CLOCK` under the default policy. */
export function validToken(): Promise<string> {
  return signHs256({ sub: 'user-42', iat: CASE_CLOCK - 60, exp: CASE_CLOCK + 3600 });
}

/** A token that expired one day before `CASE_CLOCK`. */
export function expiredToken(): Promise<string> {
  return signHs256({ sub: 'user-42', iat: CASE_CLOCK - 2 * 86400, exp: CASE_CLOCK - 86400 });
}

/** An `alg: none` token with valid times. */
export function unsecuredToken(): string {
  return new UnsecuredJWT({ sub: 'user-42', iat: CASE_CLOCK - 60, exp: CASE_CLOCK + 3600 }).encode();
}
