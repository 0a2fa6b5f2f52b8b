/**
 * The JWT Lens panel's webview script. It fills the fixed skeleton from the host's messages and
 * sends the user's requests back. Token data is only ever set as text (`textContent`, text nodes,
 * `value`); no HTML is built from it. Invisible and bidi characters are shown as `\uXXXX` badges.
 */

import {
  parsePanelState,
  type ClaimView,
  type FindingView,
  type HostMessage,
  type KeyChoice,
  type KeyOptionView,
  type PanelState,
  type PanelView,
  type SegmentView,
  type TokenTarget,
  type VerificationView,
  type WebviewMessage,
} from '../../src/extension/panel/protocol';
import { escapeInvisible, splitInvisible } from '../../src/extension/panel/visibleText';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

/** The value of the signing-key select that stands for the password box. */
const SECRET_OPTION = 'secret';

let view: PanelView | undefined;
let keys: KeyOptionView[] = [];
let hasStoredSecret = false;
let restoredState: PanelState | null = parsePanelState(vscode.getState());
let newToken: string | undefined;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`The panel skeleton has no #${id}.`);
  return found as T;
}

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

// Text rendering.

/** Appends `text` as text nodes, with each invisible or bidi character as a visible badge. */
function appendVisibleText(parent: HTMLElement, text: string): void {
  for (const piece of splitInvisible(text)) {
    if (piece.kind === 'text') {
      parent.append(document.createTextNode(piece.text));
      continue;
    }
    const badge = document.createElement('span');
    badge.className = 'invisible-char';
    badge.dataset.codepoint = piece.escape;
    badge.title = `Invisible or direction-changing character ${piece.escape}`;
    badge.textContent = piece.escape;
    parent.append(badge);
  }
}

function setVisibleText(target: HTMLElement, text: string): void {
  target.replaceChildren();
  appendVisibleText(target, text);
}

function appendSegments(target: HTMLElement, segments: readonly SegmentView[]): void {
  target.replaceChildren();
  segments.forEach((segment, index) => {
    if (index > 0) {
      const dot = document.createElement('span');
      dot.className = 'dot';
      dot.textContent = '.';
      target.append(dot);
    }
    const span = document.createElement('span');
    span.className = `segment segment-${segment.role}`;
    span.dataset.segment = segment.role;
    span.title = segmentName(segment.role);
    appendVisibleText(span, segment.text);
    target.append(span);
  });
}

function segmentName(role: SegmentView['role']): string {
  switch (role) {
    case 'encrypted-key':
      return 'encrypted key';
    case 'iv':
      return 'initialization vector';
    case 'tag':
      return 'authentication tag';
    case 'extra':
      return 'extra segment';
    default:
      return role;
  }
}

// Rendering the host's view.

function render(next: PanelView): void {
  view = next;
  keys = next.keys;
  hasStoredSecret = next.hasStoredSecret;

  element('empty-state').hidden = next.token.length > 0;
  for (const id of ['encoded-section', 'verification-section', 'findings-section', 'decoded-section', 'verify-section']) {
    element(id).hidden = next.token.length === 0;
  }
  element('claims-section').hidden = next.claims.length === 0;
  element('edit-section').hidden = next.kind !== 'jws' || next.token.length === 0;

  element('token-summary').textContent = next.token.length === 0 ? '' : summaryOf(next);
  renderLegend(next.segments);
  appendSegments(element('encoded-token'), next.segments);
  renderJson(element('header-json'), next.headerText, 'The header is not UTF-8 text.');
  renderJson(
    element('payload-json'),
    next.payloadText,
    next.kind === 'jwe' ? 'The payload is encrypted (JWE).' : 'The payload is not UTF-8 text.',
  );
  renderClaims(next.claims, next.omittedClaims);
  element('nested-token').hidden = next.nestedToken === null;
  renderFindings(next.findings);
  renderVerification(next.verification, null);
  renderKeys();
  renderEditors(next);
  element<HTMLButtonElement>('insert-token').title =
    next.source === null ? 'Insert at the cursor of the active editor' : `Insert into ${next.source.label}`;
}

function summaryOf(next: PanelView): string {
  const kind = next.kindLabel;
  const findings = next.findings.length === 1 ? '1 finding' : `${next.findings.length} findings`;
  return `${kind}, ${next.segmentCount} segments, ${findings}`;
}

function renderLegend(segments: readonly SegmentView[]): void {
  const legend = element('segment-legend');
  legend.replaceChildren();
  segments.forEach((segment, index) => {
    if (index > 0) legend.append(document.createTextNode(' · '));
    const swatch = document.createElement('span');
    swatch.className = `segment segment-${segment.role}`;
    swatch.textContent = segmentName(segment.role);
    legend.append(swatch);
  });
}

function renderJson(target: HTMLElement, text: string | null, missing: string): void {
  if (text === null) {
    target.replaceChildren();
    const note = document.createElement('em');
    note.textContent = missing;
    target.append(note);
    return;
  }
  setVisibleText(target, text);
}

function renderClaims(claims: readonly ClaimView[], omitted: number): void {
  const body = element('claims-body');
  body.replaceChildren();
  for (const claim of claims) {
    const row = document.createElement('tr');
    row.dataset.claim = claim.name;

    const name = document.createElement('th');
    name.scope = 'row';
    appendVisibleText(name, claim.name);

    const value = document.createElement('td');
    value.className = 'claim-value';
    appendVisibleText(value, claim.value);

    const time = document.createElement('td');
    time.className = 'claim-time';
    if (claim.time !== null) {
      appendVisibleText(time, claim.time.iso);
      const relative = document.createElement('span');
      relative.className = 'relative';
      relative.textContent = claim.time.relative;
      time.append(document.createElement('br'), relative);
    }

    const description = document.createElement('td');
    description.className = 'claim-description';
    description.textContent = claim.description ?? '';

    row.append(name, value, time, description);
    body.append(row);
  }

  if (omitted > 0) {
    const row = document.createElement('tr');
    row.className = 'claims-omitted';
    const note = document.createElement('td');
    note.colSpan = 4;
    note.textContent = `… ${omitted} more ${omitted === 1 ? 'claim' : 'claims'}; the decoded claims above list them all.`;
    row.append(note);
    body.append(row);
  }
}

function renderFindings(findings: readonly FindingView[]): void {
  const list = element('findings-list');
  list.replaceChildren();
  element('findings-empty').hidden = findings.length > 0;

  for (const finding of findings) {
    const item = document.createElement('li');
    item.className = `finding severity-${finding.severity}`;
    item.dataset.rule = finding.rule;

    const severity = document.createElement('span');
    severity.className = `badge badge-${finding.severity}`;
    severity.textContent = finding.severity;

    const rule = document.createElement('button');
    rule.type = 'button';
    rule.className = 'link rule-link';
    rule.textContent = finding.rule;
    rule.title = `Open the documentation of rule ${finding.rule}`;
    rule.addEventListener('click', () => post({ type: 'openRuleDocs', rule: finding.rule }));

    const message = document.createElement('span');
    message.className = 'finding-message';
    appendVisibleText(message, finding.message);

    item.append(severity, ' ', rule, ' ', message);
    list.append(item);
  }
}

function renderVerification(verification: VerificationView, keyLabel: string | null): void {
  const status = element('verification-status');
  status.replaceChildren();
  status.dataset.status = verification.status;

  const badge = document.createElement('span');
  badge.className = `badge status-${verification.status}`;
  badge.textContent = { verified: 'verified', invalid: 'invalid signature', unverified: 'not verified' }[verification.status];

  const text = document.createElement('span');
  text.className = 'verification-text';
  // The reason names the key when a key was tried ("The HS256 signature verifies with …"), so the
  // key is named separately only when the reason leaves it out.
  const keyName = verification.verifiedBy ?? keyLabel;
  if (keyName !== null && !verification.reason.includes(keyName)) {
    appendVisibleText(text, `${verification.status === 'verified' ? 'Verified with' : 'Checked with'} ${keyName}. `);
  }
  appendVisibleText(text, verification.reason);
  status.append(badge, ' ', text);
}

// Keys and algorithms.

function renderKeys(): void {
  element('verify-stored').hidden = !hasStoredSecret;
  element('forget-stored').hidden = !hasStoredSecret;

  const list = element('key-file-list');
  list.replaceChildren();
  for (const key of keys.filter((candidate) => candidate.source === 'key-file')) {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = key.algorithms.length > 0 ? key.label : `${key.label} (public key: verifies only)`;
    const verify = document.createElement('button');
    verify.type = 'button';
    verify.className = 'secondary';
    verify.textContent = 'Verify with this key';
    verify.dataset.keyLabel = key.label;
    verify.addEventListener('click', () => post({ type: 'verify', key: { source: 'key-file', label: key.label } }));
    item.append(label, ' ', verify);
    list.append(item);
  }

  renderSigningKeys();
}

function signingKeys(): KeyOptionView[] {
  const secret: KeyOptionView = {
    source: 'secret',
    label: 'HMAC secret from the box above',
    algorithms: view?.secretAlgorithms ?? [],
  };
  return [secret, ...keys.filter((key) => key.algorithms.length > 0)];
}

function renderSigningKeys(): void {
  const select = element<HTMLSelectElement>('sign-key');
  const previous = select.value;
  select.replaceChildren();
  signingKeys().forEach((key, index) => {
    const option = document.createElement('option');
    option.value = index === 0 ? SECRET_OPTION : String(index);
    option.textContent = key.label;
    select.append(option);
  });
  if ([...select.options].some((option) => option.value === previous)) select.value = previous;
  renderAlgorithms();
}

function selectedSigningKey(): KeyOptionView | undefined {
  const select = element<HTMLSelectElement>('sign-key');
  const all = signingKeys();
  return select.value === SECRET_OPTION ? all[0] : all[Number(select.value)];
}

function renderAlgorithms(): void {
  const select = element<HTMLSelectElement>('sign-alg');
  const previous = select.value;
  const algorithms = selectedSigningKey()?.algorithms ?? [];
  select.replaceChildren();
  for (const algorithm of algorithms) {
    const option = document.createElement('option');
    option.value = algorithm;
    option.textContent = algorithm;
    select.append(option);
  }

  const current = currentAlgorithm();
  if (algorithms.includes(previous)) select.value = previous;
  else if (current !== undefined && algorithms.includes(current)) select.value = current;
}

/** Reads the `alg` of the header being edited, when it parses. */
function currentAlgorithm(): string | undefined {
  try {
    const header: unknown = JSON.parse(element<HTMLTextAreaElement>('edit-header').value);
    const alg = typeof header === 'object' && header !== null ? (header as { alg?: unknown }).alg : undefined;
    return typeof alg === 'string' ? alg : undefined;
  } catch {
    return undefined;
  }
}

function keyChoice(key: KeyOptionView): KeyChoice | string {
  if (key.source === 'secret') {
    const secret = element<HTMLInputElement>('secret-input').value;
    if (secret.length === 0) return 'Enter the HMAC secret in the Verify section first.';
    return { source: 'secret', secret, remember: element<HTMLInputElement>('remember-secret').checked };
  }
  if (key.source === 'stored-secret') return { source: 'stored-secret' };
  return { source: 'key-file', label: key.label };
}

// Editing and re-signing.

function renderEditors(next: PanelView): void {
  const sameToken = restoredState !== null && restoredState.token === next.token;
  const header = element<HTMLTextAreaElement>('edit-header');
  const payload = element<HTMLTextAreaElement>('edit-payload');
  header.value = sameToken && restoredState?.editedHeader !== undefined ? restoredState.editedHeader : editableText(next.headerText);
  payload.value =
    sameToken && restoredState?.editedPayload !== undefined ? restoredState.editedPayload : editableText(next.payloadText);
  restoredState = null;

  validateEditor(header, 'edit-header-error', 'Header');
  validateEditor(payload, 'edit-payload-error', 'Claims');
  renderAlgorithms();
  saveState();
}

function editableText(text: string | null): string {
  // Escaped, the invisible characters stay visible while editing and the JSON keeps its meaning.
  return text === null ? '{}' : escapeInvisible(text);
}

/** Shows whether a textarea contains a JSON object; returns the parsed object when it does. */
function validateEditor(textarea: HTMLTextAreaElement, errorId: string, what: string): Record<string, unknown> | undefined {
  const error = element(errorId);
  let message = '';
  let parsed: Record<string, unknown> | undefined;
  try {
    const value: unknown = JSON.parse(textarea.value);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) parsed = value as Record<string, unknown>;
    else message = `${what} must be a JSON object.`;
  } catch (cause) {
    message = `${what} is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
  error.textContent = message;
  textarea.setAttribute('aria-invalid', String(message.length > 0));
  return parsed;
}

function resign(): void {
  const headerArea = element<HTMLTextAreaElement>('edit-header');
  const payloadArea = element<HTMLTextAreaElement>('edit-payload');
  const header = validateEditor(headerArea, 'edit-header-error', 'Header');
  const payload = validateEditor(payloadArea, 'edit-payload-error', 'Claims');
  const result = element('resign-result');
  if (header === undefined || payload === undefined) {
    result.textContent = 'Fix the JSON errors above before re-signing.';
    return;
  }

  const key = selectedSigningKey();
  const alg = element<HTMLSelectElement>('sign-alg').value;
  if (key === undefined || alg.length === 0) {
    result.textContent = 'Choose a signing key and an algorithm.';
    return;
  }
  const choice = keyChoice(key);
  if (typeof choice === 'string') {
    result.textContent = choice;
    return;
  }

  result.textContent = `Signing with ${alg}…`;
  post({ type: 'resign', header: headerArea.value, payload: payloadArea.value, alg, key: choice });
}

function showNewToken(token: string, alg: string, keyLabel: string): void {
  newToken = token;
  const parts = token.split('.');
  const roles: SegmentView['role'][] = ['header', 'payload', 'signature'];
  appendSegments(
    element('new-token'),
    parts.map((text, index) => ({ role: roles[index] ?? 'extra', text })),
  );
  element('new-token').hidden = false;
  element('new-token-actions').hidden = false;
  element('resign-result').textContent = '';
  appendVisibleText(element('resign-result'), `Re-signed with ${alg} using ${keyLabel}.`);
}

function useNewToken(target: TokenTarget): void {
  if (newToken !== undefined) post({ type: 'useToken', token: newToken, target });
}

/** Copies in the webview, where the click allows it; the host's clipboard is the fallback. */
function copyNewToken(): void {
  const token = newToken;
  if (token === undefined) return;
  navigator.clipboard.writeText(token).then(
    () => onHostMessage({ type: 'notice', level: 'info', message: 'Copied the token to the clipboard.' }),
    () => post({ type: 'useToken', token, target: 'copy' }),
  );
}

function saveState(): void {
  if (view === undefined) return;
  // The secret box is deliberately left out: the state is persisted by VS Code.
  vscode.setState({
    token: view.token,
    editedHeader: element<HTMLTextAreaElement>('edit-header').value,
    editedPayload: element<HTMLTextAreaElement>('edit-payload').value,
  });
}

// Messages from the host.

function onHostMessage(message: HostMessage): void {
  switch (message.type) {
    case 'render':
      render(message.view);
      return;
    case 'verificationResult':
      renderVerification(message.verification, message.keyLabel);
      renderFindings(message.findings);
      if (view !== undefined) {
        view = { ...view, verification: message.verification, findings: message.findings };
        element('token-summary').textContent = summaryOf(view);
      }
      return;
    case 'resignResult':
      if (message.ok) {
        showNewToken(message.token, message.alg, message.keyLabel);
      } else {
        element('resign-result').textContent = '';
        appendVisibleText(element('resign-result'), `Re-signing failed: ${message.error}`);
      }
      return;
    case 'keysChanged':
      keys = message.keys;
      hasStoredSecret = message.hasStoredSecret;
      renderKeys();
      return;
    case 'notice': {
      const notice = element('notice');
      notice.dataset.level = message.level;
      setVisibleText(notice, message.message);
      return;
    }
  }
}

// Wiring.

function wire(): void {
  element<HTMLFormElement>('verify-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const secret = element<HTMLInputElement>('secret-input').value;
    if (secret.length === 0) {
      element('verification-status').textContent = 'Enter an HMAC secret to verify with.';
      return;
    }
    const remember = element<HTMLInputElement>('remember-secret');
    post({ type: 'verify', key: { source: 'secret', secret, remember: remember.checked } });
    remember.checked = false;
  });
  element('verify-stored').addEventListener('click', () => post({ type: 'verify', key: { source: 'stored-secret' } }));
  element('forget-stored').addEventListener('click', () => post({ type: 'forgetStoredSecret' }));
  element('choose-key-file').addEventListener('click', () => post({ type: 'chooseKeyFile' }));

  const header = element<HTMLTextAreaElement>('edit-header');
  const payload = element<HTMLTextAreaElement>('edit-payload');
  header.addEventListener('input', () => {
    validateEditor(header, 'edit-header-error', 'Header');
    renderAlgorithms();
    saveState();
  });
  payload.addEventListener('input', () => {
    validateEditor(payload, 'edit-payload-error', 'Claims');
    saveState();
  });
  element('sign-key').addEventListener('change', renderAlgorithms);
  element('resign').addEventListener('click', resign);
  element('reset-edits').addEventListener('click', () => {
    if (view === undefined) return;
    header.value = editableText(view.headerText);
    payload.value = editableText(view.payloadText);
    validateEditor(header, 'edit-header-error', 'Header');
    validateEditor(payload, 'edit-payload-error', 'Claims');
    saveState();
  });

  element('open-nested').addEventListener('click', () => {
    if (view?.nestedToken) post({ type: 'useToken', token: view.nestedToken, target: 'panel' });
  });
  element('copy-token').addEventListener('click', copyNewToken);
  element('insert-token').addEventListener('click', () => useNewToken('insert'));
  element('open-token').addEventListener('click', () => useNewToken('panel'));
  element('open-document').addEventListener('click', () => useNewToken('document'));

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') {
      onHostMessage(data as HostMessage);
    }
  });
}

wire();
post({ type: 'ready' });
