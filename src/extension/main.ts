/**
 * Entry point of the JWT Lens extension. `activate` only wires things up: every registration goes
 * into `context.subscriptions` as it is made, and scanning starts when documents are opened.
 */
import * as vscode from 'vscode';
import { TokenCodeActionProvider } from './codeActions';
import { register as registerAttacks } from './commands/attacks';
import { register as registerCrack } from './commands/crack';
import { registerDecodeCommands } from './commands/decode';
import { register as registerKeygen } from './commands/keygen';
import { register as registerSign } from './commands/sign';
import { register as registerVerify } from './commands/verify';
import { DiagnosticsController } from './diagnostics';
import { registerHover, TOKEN_DOCUMENTS } from './hover/hoverProvider';
import { registerPanel } from './panel';
import { describeError } from './log';
import { PolicyFiles } from './policyFiles';
import { JwtLensServices } from './services';
import { TokenStatusBar } from './statusBar';

/** The live parts `activate` returns, for the integration tests and the benchmark. */
export interface JwtLensApi {
  services: JwtLensServices;
  diagnostics: DiagnosticsController;
  statusBar: TokenStatusBar;
  policyFiles: PolicyFiles;
}

export function activate(context: vscode.ExtensionContext): JwtLensApi {
  const log = vscode.window.createOutputChannel('JWT Lens', { log: true });
  context.subscriptions.push(log);

  const policyFiles = new PolicyFiles(log);
  context.subscriptions.push(policyFiles);
  const services = new JwtLensServices(context, log, policyFiles);
  context.subscriptions.push(services);

  const diagnostics = new DiagnosticsController(services);
  context.subscriptions.push(diagnostics);
  services.setRefreshHandler(() => diagnostics.refreshAll());
  context.subscriptions.push(diagnostics.onDidScan(({ document, reports }) => services.weakSecrets.checkReports(document, reports)));

  context.subscriptions.push(
    services.settings.onDidChange(() => diagnostics.refreshAll()),
    services.keys.onDidChange(() => diagnostics.refreshAll()),
    policyFiles.onDidChange(() => diagnostics.refreshAll()),
    registerHover(services, diagnostics),
    vscode.languages.registerCodeActionsProvider(TOKEN_DOCUMENTS, new TokenCodeActionProvider(diagnostics), {
      providedCodeActionKinds: TokenCodeActionProvider.providedCodeActionKinds,
    }),
    ...registerDecodeCommands(services, diagnostics, policyFiles),
  );

  const statusBar = new TokenStatusBar(services, diagnostics);
  context.subscriptions.push(statusBar);

  // Other owners' features register their own commands through the shared services.
  registerFeatureModules(context, services, diagnostics);

  void policyFiles.reload();
  const { version } = context.extension.packageJSON as { version?: string };
  log.info(`JWT Lens ${version ?? 'unknown version'} activated.`);
  return { services, diagnostics, statusBar, policyFiles };
}

/** Calls `register` of each feature module; one that throws is logged and the others still load. */
function registerFeatureModules(context: vscode.ExtensionContext, services: JwtLensServices, diagnostics: DiagnosticsController): void {
  const modules: Array<[string, (context: vscode.ExtensionContext, services: JwtLensServices) => void]> = [
    ['panel', (panelContext, panelServices) => registerPanel(panelContext, panelServices, diagnostics)],
    ['verify', registerVerify],
    ['crack', registerCrack],
    ['keygen', registerKeygen],
    ['sign', registerSign],
    ['attacks', registerAttacks],
  ];
  for (const [name, register] of modules) {
    try {
      register(context, services);
    } catch (error) {
      services.log.error(`Registering the ${name} commands failed: ${describeError(error)}`);
    }
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
