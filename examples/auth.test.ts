import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticate } from '../src/auth';

// Fixtures for the gateway's token handling. Test keys only.
const gatewayToken = 'eyJhbGciOiJIUzI1NiIsImN0eSI6IkpXVCIsImtpZCI6ImdhdGV3YXktaG1hYyJ9.ZXlKaGJHY2lPaUpGWkVSVFFTSXNJblI1Y0NJNklrcFhWQ0lzSW10cFpDSTZJbVY0WVcxd2JHVXRaV1F5TlRVeE9TSjkuZXlKcGMzTWlPaUpvZEhSd2N6b3ZMMkYxZEdndVpYaGhiWEJzWlM1MFpYTjBMeUlzSW5OMVlpSTZJblZ6WlhJdE55SXNJbUYxWkNJNkltaDBkSEJ6T2k4dllYQnBMbVY0WVcxd2JHVXVkR1Z6ZEM4aUxDSnBZWFFpT2pFM05qY3lNalUxTkRBc0ltVjRjQ0k2TVRjMk56SXlOalV3TUgwLnlYektqeTJ1bUU2NWdQTy1vbTh6VHRaa1hjWmVpREFrckZORENDcExtWk1iQzVOSW9iNEZ3bVZWX0Izb2swS0pEamlMcDFPaUZYT3k4UXdYaHY2TUFR.D1A9fJbBVoO8TynGlOv1bQ878qefDmsqAVTMfQkCqt8';
const millisecondToken = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS50ZXN0LyIsInN1YiI6InVzZXItNDIiLCJhdWQiOiJodHRwczovL2FwaS5leGFtcGxlLnRlc3QvIiwiaWF0IjoxNzY3MjI1NjAwLCJleHAiOjE3NjcyMjkyMDAwMDB9.fu9BH6nDiLWnofSQjWxdhfePhTbgYXm4gh4-_lJ0PgY';
// This fixture is expired on purpose, so the scanner is told to skip it.
// jwt-lens-ignore-next-line
const expiredFixture = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS50ZXN0LyIsInN1YiI6ImZpeHR1cmUtZXhwaXJlZCIsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUudGVzdC8iLCJpYXQiOjE3NjcwNTI4MDAsImV4cCI6MTc2NzEzOTIwMH0.cxfe-pNKzPCkaQx3fTMGzSq2HBVBhVcA-pKzX5MIkVo';
const importToken = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS50ZXN0LyIsInN1YiI6ImxlZ2FjeS1pbXBvcnQiLCJhdWQiOiJodHRwczovL2FwaS5leGFtcGxlLnRlc3QvIiwicGFzc3dvcmQiOiJodW50ZXIyIiwiaWF0IjoxNzY3MjI1NTQwLCJleHAiOjE3NjcyMjkyMDB9.sdq5sBdQP0lPAQL1bsnDV16nrz1Csuw04IoHlAq7SfM';

describe('authenticate', () => {
  it('unwraps the gateway token', async () => {
    assert.equal((await authenticate(gatewayToken)).sub, 'user-7');
  });

  it('rejects an expired token', async () => {
    await assert.rejects(authenticate(expiredFixture), /expired/);
  });

  it('reads exp in seconds', async () => {
    await assert.rejects(authenticate(millisecondToken), /exp/);
  });

  it('accepts the legacy import token', async () => {
    assert.equal((await authenticate(importToken)).sub, 'legacy-import');
  });
});
