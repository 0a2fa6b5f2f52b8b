// The panel survives a window reload with its token, and it stays readable in a high-contrast theme.
export const title = 'panel restores after reload and follows the theme';

export async function run({ page, driver, screenshotsDir, assert }) {
  await driver.openFile('requests.http');
  await page.locator('.view-lines .view-line', { hasText: 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6' }).first().click();
  await driver.runCommand('JWT Lens: Open Panel');
  let panel = await driver.webviewFrame('#claims-body tr');
  assert.match(await panel.locator('#claims-body').innerText(), /orders:read/);

  // VS Code saves a webview's state shortly after it changes; give it that moment before reloading.
  await page.waitForTimeout(1500);
  await driver.runCommand('Developer: Reload Window');
  await driver.waitForWorkbench();
  panel = await driver.webviewFrame('#claims-body tr', { timeout: 60_000 });
  assert.match(await panel.locator('#claims-body').innerText(), /orders:read/, 'the restored panel shows the same token');
  assert.equal(await panel.locator('#secret-input').inputValue(), '', 'no secret comes back after a reload');

  await driver.runCommand('Preferences: Color Theme');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.type('Dark High Contrast');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Dark High Contrast' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.monaco-workbench.hc-black', { timeout: 15_000 });

  // The panel takes its colours from VS Code's theme variables, so its text follows the theme.
  panel = await driver.webviewFrame('#claims-body tr');
  const colors = await panel.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, foreground: style.color };
  });
  assert.notEqual(colors.background, colors.foreground);
  assert.equal(colors.foreground, 'rgb(255, 255, 255)', 'high-contrast dark text is white');
  await driver.screenshot(screenshotsDir, 'panel-high-contrast');
}
