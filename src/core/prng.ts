// A small seeded PRNG (mulberry32): a storm's random keys are reproducible from its seed,
// and it costs a few integer ops per draw instead of Math.random's unseedable state.

/** Returns a function giving uniform floats in [0, 1) with 32 bits of randomness. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [low, high] (both inclusive). */
export function randomInt(low: number, high: number, random: () => number): number {
  const span = high - low + 1;
  if (span <= 4294967296) return low + Math.floor(random() * span);
  // 32 bits cannot cover the span evenly: combine two draws into 53 bits.
  const r = (Math.floor(random() * 2097152) * 4294967296 + Math.floor(random() * 4294967296)) / 9007199254740992;
  return low + Math.floor(r * span);
}
