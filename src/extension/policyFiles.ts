/**
 * Loads and watches the `.jwtlens.json` policy file at the root of each workspace folder. In an
 * untrusted workspace the files are ignored until trust is granted, because a hostile repository
 * could otherwise switch off the rules that would warn about its tokens.
 */
import * as vscode from 'vscode';
import { parsePolicyFile, type PolicyFile } from '../core/policy';
import { describeError } from './log';

export const POLICY_FILE_NAME = '.jwtlens.json';

interface LoadedPolicyFile {
  uri: vscode.Uri;
  policy?: PolicyFile;
}

export class PolicyFiles implements vscode.Disposable {
  private readonly byFolder = new Map<string, LoadedPolicyFile>();
  private readonly problems = vscode.languages.createDiagnosticCollection('jwtLens.policyFile');
  private readonly disposables: vscode.Disposable[] = [this.problems];
  private readonly changed = new vscode.EventEmitter<void>();
  private loading: Promise<void> = Promise.resolve();

  /** Fires after the policy files were read again. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${POLICY_FILE_NAME}`);
    const reload = (): void => void this.reload();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reload),
      watcher.onDidChange(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      vscode.workspace.onDidGrantWorkspaceTrust(reload),
      this.changed,
    );
  }

  /** Reads every folder's policy file again; resolves when done. */
  reload(): Promise<void> {
    this.loading = this.loading.then(() => this.readAll());
    return this.loading;
  }

  /** Resolves once the reads started so far have finished. */
  whenLoaded(): Promise<void> {
    return this.loading;
  }

  /** The parsed policy file of the folder holding `uri`, if that folder has a valid one. */
  policyFor(uri: vscode.Uri | undefined): PolicyFile | undefined {
    return this.loadedFor(uri)?.policy;
  }

  /** The policy file of the folder holding `uri`, if it exists (even when it has errors). */
  fileFor(uri: vscode.Uri | undefined): vscode.Uri | undefined {
    return this.loadedFor(uri)?.uri;
  }

  private loadedFor(uri: vscode.Uri | undefined): LoadedPolicyFile | undefined {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    return folder ? this.byFolder.get(folder.uri.toString()) : undefined;
  }

  private async readAll(): Promise<void> {
    this.byFolder.clear();
    this.problems.clear();
    if (!vscode.workspace.isTrusted) {
      this.log.info(`Ignoring ${POLICY_FILE_NAME} files until the workspace is trusted.`);
      this.changed.fire();
      return;
    }

    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const loaded = await this.readFolder(folder);
      if (loaded) this.byFolder.set(folder.uri.toString(), loaded);
    }
    this.changed.fire();
  }

  private async readFolder(folder: vscode.WorkspaceFolder): Promise<LoadedPolicyFile | undefined> {
    const uri = vscode.Uri.joinPath(folder.uri, POLICY_FILE_NAME);
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      this.log.error(`Could not read ${uri.fsPath}: ${describeError(error)}`);
      return { uri };
    }

    const { policy, errors } = parsePolicyFile(text);
    if (errors.length > 0) {
      this.log.warn(`${uri.fsPath} has ${errors.length} error(s): ${errors.join(' ')}`);
      const range = new vscode.Range(0, 0, 0, 0);
      this.problems.set(
        uri,
        errors.map((message) => Object.assign(new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error), { source: 'jwtLens' })),
      );
    } else {
      this.log.info(`Loaded the policy file ${uri.fsPath}.`);
    }
    return policy ? { uri, policy } : { uri };
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
