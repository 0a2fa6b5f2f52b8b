/**
 * Generates the WebAssembly text of the HMAC cracking kernel: HMAC-SHA-256 over 4 candidate keys per
 * step in i32x4 lanes, and HMAC-SHA-384/512 over 2 keys in i64x2 lanes. The rounds are unrolled here
 * rather than written out by hand, and constant message-schedule words are folded at generation time.
 *
 * Each exported `runNNN()` reads newline-separated candidate keys from linear memory between the
 * globals `pos` and `end` itself, so the JavaScript side only copies whole chunks of a wordlist in.
 * The layout of memory and the meaning of each global are in `kernelAbi.ts`.
 */

import { K256, K512, IV256, IV384, IV512 } from '../sha2';
import { KERNEL } from './kernelAbi';

interface Variant {
  exportName: string;
  bits: 32 | 64;
  lanes: number;
  rounds: number;
  blockBytes: number;
  k: readonly bigint[];
  iv: readonly bigint[];
  /** Digest words that form the MAC: 8, or 6 for SHA-384. */
  macWords: number;
  bigSigma0: readonly [number, number, number];
  bigSigma1: readonly [number, number, number];
  /** Two rotations and a shift. */
  smallSigma0: readonly [number, number, number];
  smallSigma1: readonly [number, number, number];
}

const SHA256_SIGMAS = {
  bigSigma0: [2, 13, 22],
  bigSigma1: [6, 11, 25],
  smallSigma0: [7, 18, 3],
  smallSigma1: [17, 19, 10],
} as const;

const SHA512_SIGMAS = {
  bigSigma0: [28, 34, 39],
  bigSigma1: [14, 18, 41],
  smallSigma0: [1, 8, 7],
  smallSigma1: [19, 61, 6],
} as const;

const VARIANTS: readonly Variant[] = [
  {
    exportName: 'run256', bits: 32, lanes: 4, rounds: 64, blockBytes: 64,
    k: K256.map(BigInt), iv: IV256.map(BigInt), macWords: 8, ...SHA256_SIGMAS,
  },
  {
    exportName: 'run384', bits: 64, lanes: 2, rounds: 80, blockBytes: 128,
    k: K512, iv: IV384, macWords: 6, ...SHA512_SIGMAS,
  },
  {
    exportName: 'run512', bits: 64, lanes: 2, rounds: 80, blockBytes: 128,
    k: K512, iv: IV512, macWords: 8, ...SHA512_SIGMAS,
  },
];

const STATE = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

/** A message-schedule word: a constant known at generation time, or the name of a v128 local. */
type ScheduleWord = bigint | string;

/** Emits the instructions of one variant, with its lane shape fixed. */
class KernelWriter {
  readonly lines: string[] = [];
  private readonly shape: string;
  private readonly wordBytes: number;
  private readonly mask: bigint;

  constructor(private readonly v: Variant) {
    this.shape = v.bits === 32 ? 'i32x4' : 'i64x2';
    this.wordBytes = v.bits / 8;
    this.mask = (1n << BigInt(v.bits)) - 1n;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  splat(value: bigint): string {
    const word = `0x${(value & this.mask).toString(16)}`;
    return `(${this.shape}.splat (${this.v.bits === 32 ? 'i32' : 'i64'}.const ${word}))`;
  }

  add(x: string, y: string): string {
    return `(${this.shape}.add ${x} ${y})`;
  }

  private rotr(local: string, n: number): string {
    const x = `(local.get $${local})`;
    return `(v128.or (${this.shape}.shr_u ${x} (i32.const ${n})) (${this.shape}.shl ${x} (i32.const ${this.v.bits - n})))`;
  }

  bigSigma(local: string, [r1, r2, r3]: readonly [number, number, number]): string {
    return `(v128.xor (v128.xor ${this.rotr(local, r1)} ${this.rotr(local, r2)}) ${this.rotr(local, r3)})`;
  }

  smallSigma(local: string, [r1, r2, s]: readonly [number, number, number]): string {
    const shifted = `(${this.shape}.shr_u (local.get $${local}) (i32.const ${s}))`;
    return `(v128.xor (v128.xor ${this.rotr(local, r1)} ${this.rotr(local, r2)}) ${shifted})`;
  }

  private rotrConst(x: bigint, n: number): bigint {
    const bits = BigInt(this.v.bits);
    return ((x >> BigInt(n)) | (x << (bits - BigInt(n)))) & this.mask;
  }

  smallSigmaConst(x: bigint, [r1, r2, s]: readonly [number, number, number]): bigint {
    return this.rotrConst(x, r1) ^ this.rotrConst(x, r2) ^ (x >> BigInt(s));
  }

  /**
   * Starts a block: Maj(a, b, c) = ((a ^ b) & (b ^ c)) ^ b, and each round's a ^ b is the next
   * round's b ^ c, so only the first round computes b ^ c itself.
   */
  private beginBlock(state: readonly string[]): void {
    this.emit(`(local.set $x0 (v128.xor (local.get $${state[1]}) (local.get $${state[2]})))`);
    this.majorityPartner = 0;
  }

  private majorityPartner = 0;

  /**
   * One SHA-2 round. Instead of shifting eight registers, the caller rotates the names in `state`:
   * the local that contained `h` now contains the new `a`, and the one that contained `d` the new `e`.
   */
  private round(state: string[], roundInput: string): void {
    const [a, b, , d, e, f, g, h] = state as [string, string, string, string, string, string, string, string];
    const bc = `x${this.majorityPartner}`;
    const ab = `x${1 - this.majorityPartner}`;
    this.majorityPartner = 1 - this.majorityPartner;

    const choose = `(v128.bitselect (local.get $${f}) (local.get $${g}) (local.get $${e}))`;
    const majority = `(v128.xor (v128.and (local.tee $${ab} (v128.xor (local.get $${a}) (local.get $${b}))) (local.get $${bc})) (local.get $${b}))`;
    const t1 = this.add(this.add(`(local.get $${h})`, roundInput), this.add(this.bigSigma(e, this.v.bigSigma1), choose));
    this.emit(`(local.set $t1 ${t1})`);
    this.emit(`(local.set $${d} ${this.add(`(local.get $${d})`, '(local.get $t1)')})`);
    this.emit(`(local.set $${h} ${this.add('(local.get $t1)', this.add(this.bigSigma(a, this.v.bigSigma0), majority))})`);
    state.unshift(state.pop()!);
  }

  /**
   * Emits all rounds of a block whose 16 words are in `words`, expanding the schedule in locals
   * `$w0`..`$w15` as a sliding window. Words known at generation time are folded into constants.
   */
  compressWithSchedule(words: ScheduleWord[], beforeLastRounds?: (state: readonly string[]) => void): void {
    const v = this.v;
    const schedule = [...words];
    const state = [...STATE] as string[];
    this.beginBlock(state);

    for (let t = 0; t < v.rounds; t++) {
      if (t === v.rounds - 3) beforeLastRounds?.(state);
      if (t >= 16) schedule[t % 16] = this.expandWord(schedule, t);
      const word = schedule[t % 16];
      const roundInput = typeof word === 'bigint'
        ? this.splat(word + v.k[t])
        : this.add(`(local.get $${word})`, this.splat(v.k[t]));
      this.round(state, roundInput);
    }
  }

  /** W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16], stored over W[t-16]. */
  private expandWord(schedule: ScheduleWord[], t: number): ScheduleWord {
    const terms: string[] = [];
    let constant = 0n;
    const addTerm = (word: ScheduleWord, sigma?: readonly [number, number, number]): void => {
      if (typeof word === 'bigint') {
        constant += sigma ? this.smallSigmaConst(word, sigma) : word;
      } else {
        terms.push(sigma ? this.smallSigma(word, sigma) : `(local.get $${word})`);
      }
    };
    addTerm(schedule[(t - 2) % 16], this.v.smallSigma1);
    addTerm(schedule[(t - 7) % 16]);
    addTerm(schedule[(t - 15) % 16], this.v.smallSigma0);
    addTerm(schedule[(t - 16) % 16]);

    constant &= this.mask;
    if (terms.length === 0) return constant;
    if (constant !== 0n) terms.push(this.splat(constant));
    const sum = terms.reduce((acc, term) => this.add(acc, term));
    const local = `w${t % 16}`;
    this.emit(`(local.set $${local} ${sum})`);
    return local;
  }

  /**
   * Emits all rounds of a key block, whose 16 words are in `$w0`..`$w15`. Rounds after the first 16
   * run in a loop over 16 rounds with K from the table in memory, which keeps the code small enough
   * for the instruction cache. After 16 rounds both the state names and the window are back in place.
   */
  compressKeyBlock(): void {
    const v = this.v;
    const schedule: ScheduleWord[] = Array.from({ length: 16 }, (_, i) => `w${i}`);
    const state = [...STATE] as string[];
    this.beginBlock(state);

    for (let t = 0; t < 16; t++) {
      this.round(state, this.add(`(local.get $w${t})`, this.splat(v.k[t])));
    }
    const kTable = v.bits === 32 ? KERNEL.k256 : KERNEL.k512;
    this.emit(`(local.set $kPointer (i32.const ${kTable + 16 * this.wordBytes}))`);
    this.emit('(loop $expandedRounds');
    for (let t = 16; t < 32; t++) {
      this.expandWord(schedule, t);
      const k = `(${this.loadSplat} offset=${(t - 16) * this.wordBytes} (local.get $kPointer))`;
      this.round(state, this.add(`(local.get $w${t % 16})`, k));
    }
    this.emit(`(local.set $kPointer (i32.add (local.get $kPointer) (i32.const ${16 * this.wordBytes})))`);
    this.emit(`(br_if $expandedRounds (i32.lt_u (local.get $kPointer) (i32.const ${kTable + v.rounds * this.wordBytes}))))`);
  }

  /**
   * Emits all rounds of one message block as a loop over 8 rounds. K[t] + W[t] come from
   * `$roundInputs`, where the JavaScript side stored them, and `$roundInputs` moves to the next block.
   */
  compressPrecomputed(): void {
    const state = [...STATE] as string[];
    this.beginBlock(state);
    this.emit(`(local.set $roundsLeft (i32.const ${this.v.rounds / 8}))`);
    this.emit('(loop $precomputedRounds');
    for (let t = 0; t < 8; t++) {
      this.round(state, `(${this.loadSplat} offset=${t * this.wordBytes} (local.get $roundInputs))`);
    }
    this.emit(`(local.set $roundInputs (i32.add (local.get $roundInputs) (i32.const ${8 * this.wordBytes})))`);
    this.emit('(local.set $roundsLeft (i32.sub (local.get $roundsLeft) (i32.const 1)))');
    this.emit('(br_if $precomputedRounds (local.get $roundsLeft)))');
  }

  get loadSplat(): string {
    return this.v.bits === 32 ? 'v128.load32_splat' : 'v128.load64_splat';
  }

  setState(values: (name: string, index: number) => string): void {
    STATE.forEach((name, index) => this.emit(`(local.set $${name} ${values(name, index)})`));
  }
}

/** Emits the per-candidate HMAC of the 1..lanes keys waiting in the key scratch area. */
function emitHmac(w: KernelWriter, v: Variant): void {
  const byteSwap = v.bits === 32
    ? '(v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12)'
    : '(v128.const i8x16 7 6 5 4 3 2 1 0 15 14 13 12 11 10 9 8)';
  const padByte = (byte: bigint): bigint => {
    let word = 0n;
    for (let i = 0; i < v.bits / 8; i++) word = (word << 8n) | byte;
    return word;
  };

  // RFC 2104: H(K ^ opad || H(K ^ ipad || message)). One loop runs the key block twice, opad first,
  // so the inner hash can run on the working registers and feed the outer block directly.
  w.emit(`(local.set $pad ${w.splat(padByte(0x5cn))})`);
  w.emit('(loop $keyBlock');
  for (let i = 0; i < 16; i++) {
    const loaded = `(i8x16.swizzle (v128.load offset=${KERNEL.keyScratch + i * 16} (i32.const 0)) ${byteSwap})`;
    w.emit(`(local.set $w${i} (v128.xor ${loaded} (local.get $pad)))`);
  }
  w.setState((_, i) => w.splat(v.iv[i]));
  w.compressKeyBlock();
  w.setState((name, i) => w.add(`(local.get $${name})`, w.splat(v.iv[i])));
  w.emit(`(if (i32.eqz (v128.any_true (v128.xor (local.get $pad) ${w.splat(padByte(0x36n))})))`);
  w.emit('  (then (nop))');
  w.emit('  (else');
  STATE.forEach((name) => w.emit(`(local.set $o${name} (local.get $${name}))`));
  w.emit(`(local.set $pad ${w.splat(padByte(0x36n))})`);
  w.emit('(br $keyBlock))))');

  w.emit('(local.set $roundInputs (global.get $roundInputs))');
  w.emit('(local.set $blocksLeft (global.get $messageBlocks))');
  w.emit('(loop $messageBlock');
  STATE.forEach((name) => w.emit(`(local.set $s${name} (local.get $${name}))`));
  w.compressPrecomputed();
  w.setState((name) => w.add(`(local.get $${name})`, `(local.get $s${name})`));
  w.emit('(local.set $blocksLeft (i32.sub (local.get $blocksLeft) (i32.const 1)))');
  w.emit('(br_if $messageBlock (local.get $blocksLeft)))');

  // The outer message is the inner digest followed by SHA-2 padding for (block + digest) bytes.
  const outer: ScheduleWord[] = [];
  for (let i = 0; i < v.macWords; i++) {
    w.emit(`(local.set $w${i} (local.get $${STATE[i]}))`);
    outer.push(`w${i}`);
  }
  outer.push(1n << BigInt(v.bits - 1));
  while (outer.length < 15) outer.push(0n);
  outer.push(BigInt((v.blockBytes + v.macWords * (v.bits / 8)) * 8));

  // After all but 3 rounds, `a` already contains the final `d`, so digest word 3 is known. The last
  // rounds and the full comparison run only when some lane's word 3 matches (2^-32 per random key).
  const equal = v.bits === 32 ? 'i32x4.eq' : 'i64x2.eq';
  const loadSplat = v.bits === 32 ? 'v128.load32_splat' : 'v128.load64_splat';
  const targetWord = (i: number): string => `(${loadSplat} offset=${KERNEL.target + i * (v.bits / 8)} (i32.const 0))`;
  w.setState((name) => `(local.get $o${name})`);
  w.compressWithSchedule(outer, (state) => {
    const word3 = w.add(`(local.get $${state[0]})`, '(local.get $od)');
    w.emit(`(if (v128.any_true (${equal} ${word3} ${targetWord(3)})) (then`);
  });

  const matches: string[] = [];
  for (let i = 0; i < v.macWords; i++) {
    const name = STATE[i];
    const digestWord = w.add(`(local.get $${name})`, `(local.get $o${name})`);
    matches.push(`(${equal} ${digestWord} ${targetWord(i)})`);
  }
  w.emit(`(local.set $match ${matches.reduce((acc, m) => `(v128.and ${acc} ${m})`)})`);
  w.emit(`) (else (local.set $match ${w.splat(0n)})))`);
}

/** Emits the loop that splits lines into lane slots, as described in `kernelAbi.ts`. */
function emitGather(w: KernelWriter, v: Variant): void {
  const wordBytes = v.bits / 8;
  const int = v.bits === 32 ? 'i32' : 'i64';
  const bitCount = '(i32.shl (i32.sub (local.get $length) (local.get $offset)) (i32.const 3))';
  const shiftAmount = v.bits === 32 ? bitCount : `(i64.extend_i32_u ${bitCount})`;
  const newlines = `(v128.const i8x16 ${Array<string>(16).fill('10').join(' ')})`;

  w.emit(`
  (block $gathered
    (loop $gather
      (br_if $gathered (i32.eq (global.get $filled) (i32.const ${v.lanes})))
      (if (i32.ge_u (global.get $pos) (global.get $end))
        (then
          (br_if $gathered (global.get $filled))
          (return (i32.const ${KERNEL.status.done}))))

      ;; Find the next newline 16 bytes at a time; the caller leaves slack after $end for this.
      (local.set $start (global.get $pos))
      (local.set $cursor (local.get $start))
      (block $found
        (loop $scan
          (local.set $bits (i8x16.bitmask (i8x16.eq (v128.load (local.get $cursor)) ${newlines})))
          (if (local.get $bits)
            (then
              (local.set $cursor (i32.add (local.get $cursor) (i32.ctz (local.get $bits))))
              (br $found)))
          (local.set $cursor (i32.add (local.get $cursor) (i32.const 16)))
          (br_if $scan (i32.lt_u (local.get $cursor) (global.get $end)))))
      (if (i32.gt_u (local.get $cursor) (global.get $end))
        (then (local.set $cursor (global.get $end))))
      (global.set $pos (i32.add (local.get $cursor) (i32.const 1)))

      (local.set $length (i32.sub (local.get $cursor) (local.get $start)))
      (if (local.get $length)
        (then
          (if (i32.eq (i32.load8_u (i32.sub (local.get $cursor) (i32.const 1))) (i32.const 13))
            (then (local.set $length (i32.sub (local.get $length) (i32.const 1)))))))
      (if (i32.eqz (local.get $length))
        (then
          (global.set $sawEmpty (i32.const 1))
          (br $gather)))
      (if (i32.gt_u (local.get $length) (i32.const ${v.blockBytes}))
        (then
          (global.set $longStart (local.get $start))
          (global.set $longLength (local.get $length))
          (return (i32.const ${KERNEL.status.longKey}))))

      ;; Word j of lane L lives at keyScratch + 16 * j + wordBytes * L, so one v128.load per word
      ;; gathers that word of every lane.
      (local.set $slot (i32.add (i32.const ${KERNEL.laneInfo}) (i32.shl (global.get $filled) (i32.const 3))))
      (i32.store (local.get $slot) (local.get $start))
      (i32.store offset=4 (local.get $slot) (local.get $length))
      (local.set $lane (i32.add (i32.const ${KERNEL.keyScratch}) (i32.mul (global.get $filled) (i32.const ${wordBytes}))))
      (local.set $offset (i32.const 0))
      (loop $copy
        (local.set $word (${int}.load (i32.add (local.get $start) (local.get $offset))))
        (if (i32.lt_u (i32.sub (local.get $length) (local.get $offset)) (i32.const ${wordBytes}))
          (then
            (local.set $word (${int}.and (local.get $word)
              (${int}.sub (${int}.shl (${int}.const 1) ${shiftAmount}) (${int}.const 1))))))
        (${int}.store (i32.add (local.get $lane) (i32.mul (local.get $offset) (i32.const ${v.lanes}))) (local.get $word))
        (local.set $offset (i32.add (local.get $offset) (i32.const ${wordBytes})))
        (br_if $copy (i32.lt_u (local.get $offset) (local.get $length))))
      (global.set $filled (i32.add (global.get $filled) (i32.const 1)))
      (br $gather)))`);
}

function emitReport(w: KernelWriter, v: Variant): void {
  const bitmask = v.bits === 32 ? 'i32x4.bitmask' : 'i64x2.bitmask';
  // The gather step writes only the words a key covers, so the scratch area must be zero again.
  for (let i = 0; i < 16; i++) w.emit(`(v128.store offset=${KERNEL.keyScratch + i * 16} (i32.const 0) ${w.splat(0n)})`);
  w.emit(`
  (global.set $tried (i32.add (global.get $tried) (global.get $filled)))
  (local.set $bits (i32.and (${bitmask} (local.get $match))
    (i32.sub (i32.shl (i32.const 1) (global.get $filled)) (i32.const 1))))
  (global.set $filled (i32.const 0))
  (if (local.get $bits)
    (then
      (local.set $slot (i32.add (i32.const ${KERNEL.laneInfo}) (i32.shl (i32.ctz (local.get $bits)) (i32.const 3))))
      (global.set $hitStart (i32.load (local.get $slot)))
      (global.set $hitLength (i32.load offset=4 (local.get $slot)))
      (return (i32.const ${KERNEL.status.match}))))
  (global.set $budget (i32.sub (global.get $budget) (i32.const 1)))
  (br_if $main (i32.gt_s (global.get $budget) (i32.const 0)))
  (if (i32.ge_u (global.get $pos) (global.get $end))
    (then (return (i32.const ${KERNEL.status.done}))))
  (return (i32.const ${KERNEL.status.budgetSpent}))`);
}

function generateFunction(v: Variant): string {
  const w = new KernelWriter(v);
  const int = v.bits === 32 ? 'i32' : 'i64';
  const vectors = [
    ...STATE, ...STATE.map((n) => `s${n}`), ...STATE.map((n) => `o${n}`),
    ...Array.from({ length: 16 }, (_, i) => `w${i}`), 't1', 'x0', 'x1', 'pad', 'match',
  ];

  w.emit(`(func $${v.exportName} (export "${v.exportName}") (result i32)`);
  w.emit('(local $start i32) (local $cursor i32) (local $length i32) (local $bits i32) (local $slot i32)');
  w.emit(`(local $lane i32) (local $offset i32) (local $word ${int}) (local $roundInputs i32) (local $blocksLeft i32)`);
  w.emit('(local $roundsLeft i32) (local $kPointer i32)');
  w.emit(vectors.map((name) => `(local $${name} v128)`).join(' '));
  w.emit('(loop $main');
  emitGather(w, v);
  emitHmac(w, v);
  emitReport(w, v);
  w.emit(')');
  w.emit(`(i32.const ${KERNEL.status.done}))`);
  return w.lines.join('\n');
}

/** Renders words as a little-endian WebAssembly text data string. */
function wordsAsData(words: readonly bigint[], wordBytes: number): string {
  let text = '';
  for (const word of words) {
    for (let i = 0; i < wordBytes; i++) {
      text += `\\${((word >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')}`;
    }
  }
  return text;
}

/** Returns the whole module's WebAssembly text. */
export function generateHmacWat(): string {
  const globals = KERNEL.globals
    .map((name) => `(global $${name} (export "${name}") (mut i32) (i32.const 0))`)
    .join('\n');
  return [
    ';; Generated by src/core/crack/wasm/generateHmacWat.ts. Do not edit: run `npm run build:wasm`.',
    '(module',
    `(memory (export "memory") ${KERNEL.initialPages})`,
    globals,
    `(data (i32.const ${KERNEL.k256}) "${wordsAsData(K256.map(BigInt), 4)}")`,
    `(data (i32.const ${KERNEL.k512}) "${wordsAsData(K512, 8)}")`,
    ...VARIANTS.map(generateFunction),
    ')',
    '',
  ].join('\n');
}
