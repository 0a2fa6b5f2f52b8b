/** The engine functions the panel calls, gathered in one place so the panel's imports stay few. */

export { analyzeText, analyzeToken } from '../../core/analyze';
export { findTokens } from '../../core/scan/findTokens';
export { loadKeyFile } from '../../core/keys/loadKeyFile';
export { signToken } from '../../core/sign/signToken';
export { resolveSigningKey } from '../../core/sign/signingKey';
export { HMAC_ALGORITHMS } from '../../core/sign/algorithms';
export { ruleById } from '../../core/rules/index';
export { keyScopeOf } from '../../core/verify/keyScope';
