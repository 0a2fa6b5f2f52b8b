// Small driver for VS Code's web workbench: waits for it, opens files, runs commands, hovers text and
// finds webview frames. Selectors are VS Code 1.139's own class names.

export function createWorkbenchDriver(page) {
  return {
    async waitForWorkbench() {
      await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
    },

    /** Opens a top-level workspace file from the Explorer and waits for its editor. */
    async openFile(name) {
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
      await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
      await page.waitForSelector('.editor-instance .view-lines', { timeout: 30_000 });
    },

    /** Runs a command from the Command Palette by its exact title (the top fuzzy match may be another). */
    async runCommand(title) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      const row = page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
        .first();
      await row.waitFor({ timeout: 15_000 });
      await row.click();
    },

    /**
     * Moves the mouse over `text` in the editor and returns the hover whose text contains `expect`.
     * Editor lines are split into many spans, so the point is found with a DOM Range over the line's
     * text nodes. A few nearby points are tried, because a hover can miss while the editor settles.
     */
    async hoverText(text, { expect }) {
      const line = page.locator('.view-lines .view-line', { hasText: text }).first();
      await line.waitFor({ timeout: 30_000 });
      const box = await line.evaluate((element, needle) => {
        const start = element.textContent.indexOf(needle);
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent.length;
          if (start < seen + length) {
            const range = document.createRange();
            range.setStart(node, start - seen);
            range.setEnd(node, Math.min(length, start - seen + 8));
            const rect = range.getBoundingClientRect();
            return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
          }
          seen += length;
        }
        return null;
      }, text);
      if (!box) throw new Error(`text ${JSON.stringify(text)} is not rendered in the editor`);
      for (let attempt = 0; attempt < 8; attempt++) {
        await page.mouse.move(box.x + box.width / 2 + attempt * 6, box.y + box.height / 2);
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
            // A frame can detach during the lookup, and the next round finds its replacement.
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
