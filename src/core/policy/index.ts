export { defaultPolicy, knownAlgorithms, settingSchema } from './defaults';
export { evaluatePolicy, NESTED_PREFIX } from './evaluate';
export { mergePolicy } from './merge';
export { didYouMean, parsePolicyFile, parsePolicyObject, POLICY_FILE_KEYS, type PolicyFile } from './policyFile';
