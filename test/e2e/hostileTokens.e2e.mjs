// Hostile claims and headers must show as text: no script runs and no foreign link appears, in the
// hover or inside the panel's webview.
export const title = 'hostile tokens render as text in hover and panel';

const foreignCommand = /command:(?!jwtLens\.)/;

export async function run({ page, driver, screenshotsDir, assert }) {
  await driver.openFile('hostile.txt');

  const { hover, text } = await driver.hoverText('eyJhbGciOiJIUzI1NiIsInR5cCI6IjxpbWc', { expect: 'JSON Web Token' });
  assert.match(text, /<script>window.__jwtLensPwned = 2<\/script>/, 'the script tag shows as text');
  assert.equal(await hover.locator('img').count(), 0, 'no image element in the hover');
  assert.equal(await hover.locator('script').count(), 0, 'no script element in the hover');
  const hrefs = await hover.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('data-href') ?? link.getAttribute('href') ?? ''));
  for (const href of hrefs) assert.doesNotMatch(href, foreignCommand, `foreign command link ${href}`);
  await driver.screenshot(screenshotsDir, 'hostile-hover');
  await page.mouse.move(5, 5);

  // With the cursor inside the token, the command opens that token.
  await page.locator('.view-lines .view-line', { hasText: 'eyJhbGciOiJIUzI1NiIs' }).first().click();
  await driver.runCommand('JWT Lens: Open Panel');
  const panel = await driver.webviewFrame('#claims-body tr');
  assert.match(await panel.locator('#payload-json').innerText(), /<script>window.__jwtLensPwned = 2<\/script>/);
  assert.match(await panel.locator('#header-json').innerText(), /<img src=x onerror=/);
  assert.equal(await panel.evaluate(() => window.__jwtLensPwned), undefined, 'no hostile script ran in the panel');
  assert.equal(await panel.locator('main img, main script, main a[href^="command:"]').count(), 0);
  assert.ok((await panel.locator('[data-codepoint]').count()) > 0, 'the bidi override is shown as a visible badge');
  assert.equal(await page.evaluate(() => window.__jwtLensPwned), undefined, 'no hostile script ran in the workbench');
  await driver.screenshot(screenshotsDir, 'hostile-panel');
}
