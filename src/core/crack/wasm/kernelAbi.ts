/**
 * The contract between the generated WebAssembly kernel and the JavaScript that drives it.
 *
 * Linear memory, in bytes:
 * - `keyScratch` (256): the key block of every lane, interleaved word by word.
 * - `target` (64): the MAC to find, as big-endian words stored in native (little-endian) order.
 * - `laneInfo` (32): start offset and length of the key in each lane.
 * - `k256` (256) and `k512` (640): the SHA-256 and SHA-512 round constants, from a data segment.
 * - from `firstFree`: K[t] + W[t] for each message block (at global `roundInputs`, `messageBlocks`
 *   blocks), then the wordlist chunk (`pos` to `end`) with at least `inputSlack` bytes after it.
 *
 * A run function tests the lines in [`pos`, `end`): it strips one trailing CR, skips empty lines
 * (setting `sawEmpty`), hands back keys longer than the block size (which HMAC hashes first), and
 * adds the keys it tested to `tried`. It stops after `budget` groups of lanes, so a long chunk
 * returns to JavaScript often enough for V8 to swap in its optimized code.
 */
export const KERNEL = {
  keyScratch: 0,
  keyScratchBytes: 256,
  target: 256,
  laneInfo: 320,
  k256: 384,
  k512: 640,
  firstFree: 2048,
  inputSlack: 32,
  initialPages: 2,
  globals: [
    'pos', 'end', 'filled', 'roundInputs', 'messageBlocks', 'budget', 'tried', 'sawEmpty',
    'hitStart', 'hitLength', 'longStart', 'longLength',
  ],
  status: {
    /** Every line up to `end` was tested and none matched. */
    done: 0,
    /** The key at `hitStart` (`hitLength` bytes) produces the target MAC. */
    match: 1,
    /** The line at `longStart` is longer than the block size; test it elsewhere and call again. */
    longKey: 2,
    /** `budget` ran out before `end`; call again to go on. */
    budgetSpent: 3,
  },
} as const;

export type KernelGlobal = (typeof KERNEL.globals)[number];
