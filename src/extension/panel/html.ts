/**
 * The panel's HTML document: a fixed skeleton with a strict Content Security Policy. It contains no
 * token data at all; the webview script fills every field from messages, as text.
 */

import { randomBytes } from 'node:crypto';

import * as vscode from 'vscode';

/** Creates a CSP nonce from 128 random bits of the operating system's CSPRNG. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Webview options for the panel: scripts on, resources only from the extension's `media/` folder. */
export function panelWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Renders the skeleton document for `webview`, loading `media/dist/panel.js` and `media/panel.css`. */
export function renderPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce: string): string {
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dist', 'panel.js'));
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'));
  const csp = [
    `default-src 'none'`,
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri.toString()}">
<title>JWT Lens</title>
</head>
<body>
<header class="panel-header">
  <h1 id="panel-title">JWT Lens</h1>
  <p id="token-summary" class="summary"></p>
</header>
<main id="panel-main" aria-labelledby="panel-title">
  <p id="empty-state" class="empty">Open a token with the command "JWT Lens: Open Panel" or from a hover.</p>

  <section id="encoded-section" aria-labelledby="encoded-heading" hidden>
    <h2 id="encoded-heading">Encoded token</h2>
    <p id="segment-legend" class="legend"></p>
    <pre id="encoded-token" class="encoded" tabindex="0" aria-label="Encoded token, coloured by segment"></pre>
  </section>

  <section id="verification-section" aria-labelledby="verification-heading" hidden>
    <h2 id="verification-heading">Signature</h2>
    <div id="verification-status" class="verification" role="status" aria-live="polite"></div>
  </section>

  <section id="findings-section" aria-labelledby="findings-heading" hidden>
    <h2 id="findings-heading">Findings</h2>
    <p id="findings-empty" class="empty" hidden>No findings.</p>
    <ul id="findings-list" class="findings"></ul>
  </section>

  <section id="decoded-section" aria-labelledby="decoded-heading" hidden>
    <h2 id="decoded-heading">Decoded</h2>
    <div class="decoded-grid">
      <div>
        <h3 id="header-heading">Header</h3>
        <pre id="header-json" class="json" tabindex="0" aria-labelledby="header-heading"></pre>
      </div>
      <div>
        <h3 id="payload-heading">Payload</h3>
        <pre id="payload-json" class="json" tabindex="0" aria-labelledby="payload-heading"></pre>
      </div>
    </div>
    <div id="nested-token" class="buttons" hidden>
      <p>The payload is itself a token.</p>
      <button id="open-nested" type="button" class="secondary">Show inner token</button>
    </div>
  </section>

  <section id="claims-section" aria-labelledby="claims-heading" hidden>
    <h2 id="claims-heading">Claims</h2>
    <table id="claims-table" class="claims">
      <caption class="visually-hidden">Claims of the token with their meaning and, for dates, the time</caption>
      <thead>
        <tr><th scope="col">Claim</th><th scope="col">Value</th><th scope="col">Time (UTC)</th><th scope="col">Meaning</th></tr>
      </thead>
      <tbody id="claims-body"></tbody>
    </table>
  </section>

  <section id="verify-section" aria-labelledby="verify-heading" hidden>
    <h2 id="verify-heading">Verify</h2>
    <form id="verify-form" class="stack">
      <div class="field">
        <label for="secret-input">HMAC secret</label>
        <input id="secret-input" type="password" autocomplete="off" spellcheck="false">
      </div>
      <div class="field checkbox">
        <input id="remember-secret" type="checkbox">
        <label for="remember-secret">Remember in secret storage</label>
      </div>
      <div class="buttons">
        <button id="verify-secret" type="submit">Verify with secret</button>
        <button id="verify-stored" type="button" class="secondary" hidden>Verify with stored secret</button>
        <button id="forget-stored" type="button" class="secondary" hidden>Forget stored secret</button>
      </div>
      <div class="buttons">
        <button id="choose-key-file" type="button" class="secondary">Choose key file (PEM, JWK, JWKS)…</button>
      </div>
      <ul id="key-file-list" class="key-files" aria-label="Key files"></ul>
    </form>
  </section>

  <section id="edit-section" aria-labelledby="edit-heading" hidden>
    <h2 id="edit-heading">Edit and re-sign</h2>
    <div class="edit-grid">
      <div class="field">
        <label for="edit-header">Header (JSON)</label>
        <textarea id="edit-header" rows="8" spellcheck="false" aria-describedby="edit-header-error"></textarea>
        <p id="edit-header-error" class="field-error" aria-live="polite"></p>
      </div>
      <div class="field">
        <label for="edit-payload">Claims (JSON)</label>
        <textarea id="edit-payload" rows="8" spellcheck="false" aria-describedby="edit-payload-error"></textarea>
        <p id="edit-payload-error" class="field-error" aria-live="polite"></p>
      </div>
    </div>
    <div class="field-row">
      <div class="field">
        <label for="sign-key">Signing key</label>
        <select id="sign-key"></select>
      </div>
      <div class="field">
        <label for="sign-alg">Algorithm</label>
        <select id="sign-alg"></select>
      </div>
    </div>
    <div class="buttons">
      <button id="resign" type="button">Re-sign</button>
      <button id="reset-edits" type="button" class="secondary">Reset edits</button>
    </div>
    <div id="resign-result" class="resign-result" role="status" aria-live="polite"></div>
    <pre id="new-token" class="encoded" tabindex="0" aria-label="Re-signed token" hidden></pre>
    <div id="new-token-actions" class="buttons" hidden>
      <button id="copy-token" type="button">Copy</button>
      <button id="insert-token" type="button" class="secondary">Insert into editor</button>
      <button id="open-token" type="button" class="secondary">Show in panel</button>
      <button id="open-document" type="button" class="secondary">Open in new editor</button>
    </div>
  </section>
</main>
<footer>
  <p id="notice" class="notice" role="status" aria-live="polite"></p>
</footer>
<script nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}
