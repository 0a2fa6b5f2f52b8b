// A newcomer's first minute: open an .http file, see squiggles, hover a token, open it in the panel
// and verify it with the HMAC secret. Saves the screenshots the README shows.
import { demoSecretForTests } from './secrets.mjs';

export const title = 'hover, panel and verification with a secret';

export async function run({ page, driver, screenshotsDir, assert }) {
  await driver.openFile('requests.http');

  // The unsecured and the expired tokens get error squiggles without any action from the user.
  await page.waitForSelector('.squiggly-error', { timeout: 60_000 });

  const { text: hoverText } = await driver.hoverText('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6', { expect: 'JSON Web Token' });
  assert.match(hoverText, /alg HS256/);
  assert.match(hoverText, /kid orders-2026/);
  assert.match(hoverText, /user-42/);
  assert.match(hoverText, /Not verified/);
  await driver.screenshot(screenshotsDir, 'hover');

  // The hover's "open in panel" link runs our command with this token.
  await page.locator('.monaco-hover a', { hasText: /panel/i }).first().click();
  const panel = await driver.webviewFrame('#claims-body tr');
  assert.match(await panel.locator('#claims-body').innerText(), /orders:read orders:write/);
  assert.match(await panel.locator('#encoded-token').innerText(), /^eyJhbGciOiJIUzI1NiIs/);

  await panel.locator('#secret-input').fill(demoSecretForTests);
  await panel.locator('#verify-secret').click();
  const status = panel.locator('#verification-status');
  await panel.waitForSelector('#verification-status[data-status="verified"]', { timeout: 20_000 });
  assert.match(await status.innerText(), /verified/i);
  await panel.locator('#panel-title').scrollIntoViewIfNeeded();
  await driver.screenshot(screenshotsDir, 'panel');
}
