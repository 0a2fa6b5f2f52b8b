/**
 * The bookkeeping behind the background check of HS* tokens against a user's wordlist. It keeps a
 * bounded cache of verdicts by wordlist and token text and a queue that runs one crack at a time. It
 * cancels a crack once no open document requested its token. Plain TypeScript, no `vscode`.
 */

/** Cracks one token with one wordlist file; resolves to the secret, or null when none matches. */
export type CrackFunction = (token: string, wordlist: string, signal: AbortSignal) => Promise<{ secret: string | null; tried: number }>;

/** Callbacks for logging; none of them receives a secret. */
export interface WeakSecretQueueEvents {
  onStart?(token: string, wordlist: string): void;
  onResult?(token: string, wordlist: string, found: boolean, tried: number): void;
  /** A crack failed. `wordlistFailed` is true when the queue gave up on the whole wordlist. */
  onError?(token: string, wordlist: string, error: unknown, wordlistFailed: boolean): void;
  /** A secret was found, so analyses that use `secretsFor(wordlist)` change. */
  onFound?(wordlist: string): void;
}

export interface WeakSecretQueueOptions extends WeakSecretQueueEvents {
  crack: CrackFunction;
  /** Verdicts kept; the least recently used is dropped first. */
  maxCacheEntries: number;
  /** True for an error that affects every token of the wordlist (a missing or unreadable file). */
  isWordlistError(error: unknown): boolean;
}

interface Job {
  key: string;
  token: string;
  wordlist: string;
  /** Documents (or other callers) that still want this verdict. */
  owners: Set<string>;
  controller?: AbortController;
}

function cacheKey(wordlist: string, token: string): string {
  return `${wordlist}\n${token}`;
}

export class WeakSecretQueue {
  /** Verdicts by `cacheKey`, in least-recently-used order: the secret, or null when not in the list. */
  private readonly verdicts = new Map<string, string | null>();
  private readonly pending = new Map<string, Job>();
  private running: Job | undefined;
  private readonly failedWordlists = new Set<string>();
  /** Found secrets per wordlist, rebuilt when one is added so callers may cache by array identity. */
  private readonly foundSecrets = new Map<string, readonly string[]>();
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: WeakSecretQueueOptions) {}

  /**
   * Queues a check of each token against `wordlist` for `owner`, unless its verdict is cached, it is
   * already queued (then `owner` joins it), or the wordlist failed since the last `reset`.
   */
  request(owner: string, wordlist: string, tokens: Iterable<string>): void {
    if (this.failedWordlists.has(wordlist)) return;
    for (const token of tokens) {
      const key = cacheKey(wordlist, token);
      if (this.touch(key)) continue;
      // An aborted crack is still winding down and will settle nothing, so it takes no new owners.
      const running = this.running?.key === key && !this.running.controller!.signal.aborted ? this.running : undefined;
      const job = running ?? this.pending.get(key);
      if (job) {
        job.owners.add(owner);
        continue;
      }
      this.pending.set(key, { key, token, wordlist, owners: new Set([owner]) });
    }
    this.startNext();
  }

  /**
   * Makes `tokens` the whole request of `owner` for `wordlist`, as after a document was scanned
   * again: `owner` leaves jobs for other tokens, and a job that still has an owner keeps running.
   */
  update(owner: string, wordlist: string, tokens: Iterable<string>): void {
    const wanted = new Set<string>();
    for (const token of tokens) wanted.add(cacheKey(wordlist, token));
    this.request(owner, wordlist, [...wanted].map((key) => key.slice(wordlist.length + 1)));
    this.releaseWhere(owner, (job) => !wanted.has(job.key));
  }

  /** Withdraws `owner` from every job; a job with no owner left is dropped or aborted. */
  release(owner: string): void {
    this.releaseWhere(owner, () => true);
  }

  private releaseWhere(owner: string, applies: (job: Job) => boolean): void {
    for (const [key, job] of this.pending) {
      if (!applies(job)) continue;
      job.owners.delete(owner);
      if (job.owners.size === 0) this.pending.delete(key);
    }
    const running = this.running;
    if (running && applies(running)) {
      running.owners.delete(owner);
      if (running.owners.size === 0) running.controller?.abort();
    }
    this.startNext();
  }

  /** Aborts all work and clears every verdict and failed wordlist, for example after the setting changed. */
  reset(): void {
    this.pending.clear();
    this.running?.controller?.abort();
    this.verdicts.clear();
    this.failedWordlists.clear();
    this.foundSecrets.clear();
    this.startNext();
  }

  /** The secrets found so far in `wordlist`; the same array until a new one is found. */
  secretsFor(wordlist: string): readonly string[] {
    return this.foundSecrets.get(wordlist) ?? [];
  }

  /** The cached verdict: the secret, null when not in the list, undefined when not checked yet. */
  verdict(wordlist: string, token: string): string | null | undefined {
    return this.verdicts.get(cacheKey(wordlist, token));
  }

  /** Checks queued or running. */
  get size(): number {
    return this.pending.size + (this.running ? 1 : 0);
  }

  /** Resolves when nothing is queued or running. */
  whenIdle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Marks a cached verdict as recently used; returns false when there is none. */
  private touch(key: string): boolean {
    if (!this.verdicts.has(key)) return false;
    const verdict = this.verdicts.get(key)!;
    this.verdicts.delete(key);
    this.verdicts.set(key, verdict);
    return true;
  }

  /** Starts the next queued job, one at a time: an aborted job still blocks until its workers stop. */
  private startNext(): void {
    if (this.running) return;
    const next = this.pending.values().next();
    if (next.done) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }

    const job = next.value;
    this.pending.delete(job.key);
    job.controller = new AbortController();
    this.running = job;
    void this.run(job);
  }

  private async run(job: Job): Promise<void> {
    const signal = job.controller!.signal;
    this.options.onStart?.(job.token, job.wordlist);
    try {
      const result = await this.options.crack(job.token, job.wordlist, signal);
      if (!signal.aborted) this.settle(job, result.secret, result.tried);
    } catch (error) {
      if (!signal.aborted) this.fail(job, error);
    } finally {
      if (this.running === job) this.running = undefined;
      this.startNext();
    }
  }

  private settle(job: Job, secret: string | null, tried: number): void {
    this.remember(job.key, secret);
    this.options.onResult?.(job.token, job.wordlist, secret !== null, tried);
    if (secret === null) return;

    const secrets = this.secretsFor(job.wordlist);
    if (!secrets.includes(secret)) this.foundSecrets.set(job.wordlist, [...secrets, secret]);
    this.options.onFound?.(job.wordlist);
  }

  private fail(job: Job, error: unknown): void {
    const wordlistFailed = this.options.isWordlistError(error);
    if (wordlistFailed) {
      this.failedWordlists.add(job.wordlist);
      for (const [key, pending] of this.pending) {
        if (pending.wordlist === job.wordlist) this.pending.delete(key);
      }
    } else {
      // The token cannot be cracked (not an HMAC JWS, say); asking again would fail the same way.
      this.remember(job.key, null);
    }
    this.options.onError?.(job.token, job.wordlist, error, wordlistFailed);
  }

  private remember(key: string, secret: string | null): void {
    this.verdicts.delete(key);
    this.verdicts.set(key, secret);
    while (this.verdicts.size > this.options.maxCacheEntries) {
      const oldest = this.verdicts.keys().next().value!;
      this.verdicts.delete(oldest);
    }
    this.pruneFoundSecrets();
  }

  /** Drops found secrets whose verdicts were evicted, so the lists stay as bounded as the cache. */
  private pruneFoundSecrets(): void {
    for (const [wordlist, secrets] of this.foundSecrets) {
      const kept = secrets.filter((secret) => this.hasVerdictWithSecret(wordlist, secret));
      if (kept.length === secrets.length) continue;
      if (kept.length === 0) this.foundSecrets.delete(wordlist);
      else this.foundSecrets.set(wordlist, kept);
    }
  }

  private hasVerdictWithSecret(wordlist: string, secret: string): boolean {
    const prefix = `${wordlist}\n`;
    for (const [key, value] of this.verdicts) {
      if (value === secret && key.startsWith(prefix)) return true;
    }
    return false;
  }
}
