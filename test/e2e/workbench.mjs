// Small driver for VS Code's web workbench: waits for it, opens files, runs commands, hovers text and
// finds webview frames. Selectors are VS Code 1.139's own class names.

export function createWorkbenchDriver(page) {
  return {
    async waitForWorkbench() {
      await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
    },

    /** Opens a workspace file through Quick Open and waits for its editor. */
    async openFile(name) {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(name);
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
      await page.waitForSelector('.editor-instance .view-lines', { timeout: 30_000 });
    },

    /** Runs a command from the Command Palette by its title. */
    async runCommand(title) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
    },

    /**
     * Moves the mouse over the first editor text that starts with `text` and returns the hover's text,
     * retrying at nearby points because a hover can miss while the editor settles.
     */
    async hoverText(text, { expect }) {
      const target = page.locator('.view-lines span span', { hasText: text }).first();
      await target.waitFor({ timeout: 30_000 });
      const box = await target.boundingBox();
      for (let attempt = 0; attempt < 8; attempt++) {
        await page.mouse.move(box.x + 20 + attempt * 12, box.y + box.height / 2);
        const hover = page.locator('.monaco-hover', { hasText: expect }).first();
        try {
          await hover.waitFor({ state: 'visible', timeout: 4_000 });
          return { hover, text: await hover.innerText() };
        } catch {
          await page.mouse.move(5, 5);
        }
      }
      throw new Error(`no hover containing ${JSON.stringify(expect)} over ${JSON.stringify(text)}`);
    },

    /** Waits for a webview frame that contains `selector` and returns it. */
    async webviewFrame(selector, { timeout = 30_000 } = {}) {
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        for (const frame of page.frames()) {
          try {
            if ((await frame.locator(selector).count()) > 0) return frame;
          } catch {
            // A frame can detach while we look; the next round sees the new one.
          }
        }
        await page.waitForTimeout(250);
      }
      throw new Error(`no webview frame contains ${selector}`);
    },

    async screenshot(dir, name) {
      await page.screenshot({ path: `${dir}/${name}.png` });
    },
  };
}
