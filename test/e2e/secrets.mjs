// The test-only HMAC secret of test/e2e/workspace/requests.http (written by makeWorkspace.mjs).
export const demoSecretForTests = 'e2e-demo-secret-0f3c9a7d5b21e8c4a6f0d2b9e7c5a3f1';
