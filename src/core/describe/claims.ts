/**
 * One-line descriptions of well-known JWT claims and JOSE header parameters, for hovers and the
 * panel. Lookups go through `Map`s, so a claim named `__proto__` or `constructor` finds nothing.
 */

/** Where a claim or header parameter is defined. */
export type ClaimSource =
  | 'RFC 7515'
  | 'RFC 7516'
  | 'RFC 7518'
  | 'RFC 7797'
  | 'RFC 7519' | 'OIDC' | 'RFC 9068' | 'RFC 8693' | 'RFC 7800' | 'RFC 8417' | 'common';

export interface ClaimDescription {
  /** A short noun phrase: "Expiration time". */
  title: string;
  /** One sentence on what the value means. */
  description: string;
  source: ClaimSource;
}

type Entry = [name: string, title: string, description: string, source: ClaimSource];

const CLAIM_ENTRIES: Entry[] = [
  // RFC 7519 section 4.1: registered claim names.
  ['iss', 'Issuer', 'The principal that issued the token.', 'RFC 7519'],
  ['sub', 'Subject', 'The principal the token is about, unique within the issuer.', 'RFC 7519'],
  ['aud', 'Audience', 'The recipients the token is meant for; a recipient not listed must reject it.', 'RFC 7519'],
  ['exp', 'Expiration time', 'The time (NumericDate, seconds since 1970) on or after which the token must be rejected.', 'RFC 7519'],
  ['nbf', 'Not before', 'The time (NumericDate) before which the token must be rejected.', 'RFC 7519'],
  ['iat', 'Issued at', 'The time (NumericDate) at which the token was issued.', 'RFC 7519'],
  ['jti', 'JWT ID', 'A unique identifier for the token, used to prevent replay.', 'RFC 7519'],

  // OpenID Connect Core 1.0, sections 2 and 5.1.
  ['auth_time', 'Authentication time', 'The time (NumericDate) at which the end user authenticated.', 'OIDC'],
  ['nonce', 'Nonce', 'A value from the authentication request that binds the ID token to the client session.', 'OIDC'],
  ['acr', 'Authentication context class', 'The authentication context class reference the authentication satisfied.', 'OIDC'],
  ['amr', 'Authentication methods', 'The authentication methods used, such as "pwd", "otp" or "mfa".', 'OIDC'],
  ['azp', 'Authorized party', 'The client the ID token was issued to.', 'OIDC'],
  ['at_hash', 'Access token hash', 'The left half of the hash of the access token issued with this ID token.', 'OIDC'],
  ['c_hash', 'Code hash', 'The left half of the hash of the authorization code issued with this ID token.', 'OIDC'],
  ['sid', 'Session ID', 'The identifier of the end user session at the issuer.', 'OIDC'],
  ['name', 'Full name', "The end user's full name.", 'OIDC'],
  ['given_name', 'Given name', "The end user's given (first) name.", 'OIDC'],
  ['family_name', 'Family name', "The end user's family (last) name.", 'OIDC'],
  ['middle_name', 'Middle name', "The end user's middle name.", 'OIDC'],
  ['nickname', 'Nickname', 'A casual name of the end user.', 'OIDC'],
  ['preferred_username', 'Preferred username', 'The name the end user prefers to be called; not guaranteed unique.', 'OIDC'],
  ['profile', 'Profile page', "The URL of the end user's profile page.", 'OIDC'],
  ['picture', 'Picture', "The URL of the end user's profile picture.", 'OIDC'],
  ['website', 'Website', "The URL of the end user's web page or blog.", 'OIDC'],
  ['email', 'Email address', "The end user's preferred email address.", 'OIDC'],
  ['email_verified', 'Email verified', 'True when the issuer verified that the end user controls the email address.', 'OIDC'],
  ['gender', 'Gender', "The end user's gender.", 'OIDC'],
  ['birthdate', 'Birth date', "The end user's birthday as YYYY-MM-DD or YYYY.", 'OIDC'],
  ['zoneinfo', 'Time zone', "The end user's time zone, such as Europe/Paris.", 'OIDC'],
  ['locale', 'Locale', "The end user's locale as a BCP 47 language tag, such as en-US.", 'OIDC'],
  ['phone_number', 'Phone number', "The end user's preferred telephone number.", 'OIDC'],
  ['phone_number_verified', 'Phone number verified', 'True when the issuer verified that the end user controls the phone number.', 'OIDC'],
  ['address', 'Address', "The end user's postal address, as a JSON object.", 'OIDC'],
  ['updated_at', 'Updated at', "The time (NumericDate) the end user's information was last updated.", 'OIDC'],

  // RFC 9068: the JWT profile for OAuth 2.0 access tokens (and RFC 8693 for the shared claims).
  ['client_id', 'Client ID', 'The OAuth 2.0 client the access token was issued to.', 'RFC 9068'],
  ['scope', 'Scope', 'The space-separated OAuth 2.0 scopes the access token grants.', 'RFC 9068'],
  ['groups', 'Groups', 'The groups the subject belongs to (SCIM attribute).', 'RFC 9068'],
  ['roles', 'Roles', 'The roles the subject has (SCIM attribute).', 'RFC 9068'],
  ['entitlements', 'Entitlements', 'The entitlements the subject has (SCIM attribute).', 'RFC 9068'],
  ['act', 'Actor', 'The party acting on behalf of the subject (delegation).', 'RFC 8693'],
  ['may_act', 'May act', 'The party allowed to act on behalf of the subject.', 'RFC 8693'],
  ['cnf', 'Confirmation', 'The proof-of-possession key the presenter must prove it holds.', 'RFC 7800'],
  ['events', 'Security events', 'The security events this Security Event Token reports.', 'RFC 8417'],
  ['toe', 'Time of event', 'The time (NumericDate) the reported security event happened.', 'RFC 8417'],
  ['txn', 'Transaction ID', 'An identifier that correlates the token with a transaction.', 'RFC 8417'],

  // Claims that major issuers put in tokens without a registry entry.
  ['scp', 'Scopes', 'The granted scopes, as a list or a space-separated string (Okta, Azure AD).', 'common'],
  ['tid', 'Tenant ID', 'The tenant (directory) the subject signed in to (Azure AD).', 'common'],
  ['oid', 'Object ID', "The subject's immutable object identifier (Azure AD).", 'common'],
  ['upn', 'User principal name', "The subject's user principal name (Azure AD, MicroProfile JWT).", 'common'],
  ['unique_name', 'Unique name', 'A human-readable name of the subject (Azure AD).', 'common'],
  ['ver', 'Version', 'The version of the token format.', 'common'],
  ['realm_access', 'Realm roles', 'The roles granted in the Keycloak realm.', 'common'],
  ['resource_access', 'Client roles', 'The roles granted per Keycloak client.', 'common'],
  ['typ', 'Token type claim', 'The kind of token, such as "Bearer" or "ID" (Keycloak).', 'common'],
  ['session_state', 'Session state', 'The session identifier at the identity provider (Keycloak).', 'common'],
  ['token_use', 'Token use', 'Whether the token is an "id" or an "access" token (Amazon Cognito).', 'common'],
  ['cognito:groups', 'Cognito groups', 'The user pool groups the subject belongs to (Amazon Cognito).', 'common'],
  ['permissions', 'Permissions', 'The permissions granted to the subject (Auth0 RBAC).', 'common'],
  ['hd', 'Hosted domain', 'The Google Workspace domain of the account (Google).', 'common'],
  ['firebase', 'Firebase', 'Firebase sign-in details: the provider and the identities (Firebase).', 'common'],
];

const HEADER_ENTRIES: Entry[] = [
  // RFC 7515 section 4.1 (JWS), RFC 7516 section 4.1 (JWE), RFC 7518 section 4.6 to 4.8 (key management).
  ['alg', 'Algorithm', 'The algorithm that signs (JWS) or encrypts the content key (JWE).', 'RFC 7515'],
  ['typ', 'Type', 'The media type of the whole token, such as "JWT" or "at+jwt".', 'RFC 7515'],
  ['cty', 'Content type', 'The media type of the payload; "JWT" marks a nested token.', 'RFC 7515'],
  ['kid', 'Key ID', 'A hint naming the key that secures the token; never trust it as a path or query.', 'RFC 7515'],
  ['jku', 'JWK Set URL', 'A URL of a key set holding the key; JWT Lens never fetches it.', 'RFC 7515'],
  ['jwk', 'Embedded JSON Web Key', 'The public key inside the header; trusting it lets anyone sign tokens.', 'RFC 7515'],
  ['x5u', 'X.509 URL', 'A URL of the signing certificate chain; JWT Lens never fetches it.', 'RFC 7515'],
  ['x5c', 'X.509 certificate chain', 'The signing certificate chain as base64 DER certificates.', 'RFC 7515'],
  ['x5t', 'X.509 SHA-1 thumbprint', 'The base64url SHA-1 thumbprint of the signing certificate.', 'RFC 7515'],
  ['x5t#S256', 'X.509 SHA-256 thumbprint', 'The base64url SHA-256 thumbprint of the signing certificate.', 'RFC 7515'],
  ['crit', 'Critical', 'Header parameters the recipient must understand, or reject the token.', 'RFC 7515'],
  ['enc', 'Content encryption', 'The algorithm that encrypts the payload of a JWE.', 'RFC 7516'],
  ['zip', 'Compression', 'The compression applied before encryption ("DEF"); not allowed on a JWS.', 'RFC 7516'],
  ['epk', 'Ephemeral public key', 'The sender\'s ephemeral key for ECDH key agreement.', 'RFC 7518'],
  ['apu', 'Agreement PartyUInfo', 'Producer information for ECDH key derivation.', 'RFC 7518'],
  ['apv', 'Agreement PartyVInfo', 'Recipient information for ECDH key derivation.', 'RFC 7518'],
  ['iv', 'Initialization vector', 'The IV used by AES-GCM key wrapping.', 'RFC 7518'],
  ['tag', 'Authentication tag', 'The tag produced by AES-GCM key wrapping.', 'RFC 7518'],
  ['p2s', 'PBES2 salt', 'The salt input for PBES2 key derivation.', 'RFC 7518'],
  ['p2c', 'PBES2 count', 'The PBKDF2 iteration count; a huge value is a denial-of-service risk.', 'RFC 7518'],
  ['b64', 'Base64url-encode payload', 'false means the payload is not base64url-encoded (RFC 7797); it must be listed in crit.', 'RFC 7797'],
  ['url', 'URL', 'The URL the request is sent to (ACME, RFC 8555).', 'common'],
  ['nonce', 'Nonce', 'A replay nonce from the server (ACME, RFC 8555).', 'common'],
];

function toMap(entries: Entry[]): ReadonlyMap<string, ClaimDescription> {
  return new Map(entries.map(([name, title, description, source]) => [name, { title, description, source }]));
}

/** Registered RFC 7519, OpenID Connect, RFC 9068 and common claims, by claim name. */
export const CLAIM_DESCRIPTIONS: ReadonlyMap<string, ClaimDescription> = toMap(CLAIM_ENTRIES);

/** Registered JWS and JWE header parameters, by parameter name. */
export const HEADER_DESCRIPTIONS: ReadonlyMap<string, ClaimDescription> = toMap(HEADER_ENTRIES);

/** Looks up a payload claim; unknown (private) claims return undefined. */
export function describeClaim(name: string): ClaimDescription | undefined {
  return CLAIM_DESCRIPTIONS.get(name);
}

/** Looks up a JOSE header parameter; unknown parameters return undefined. */
export function describeHeaderParameter(name: string): ClaimDescription | undefined {
  return HEADER_DESCRIPTIONS.get(name);
}

/** Claims whose value is a NumericDate (RFC 7519 section 2), shown as dates in hovers. */
export const NUMERIC_DATE_CLAIMS: ReadonlySet<string> = new Set(['exp', 'nbf', 'iat', 'auth_time', 'updated_at', 'toe']);
