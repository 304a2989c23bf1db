import { seededRandom } from "../engine/seeded-random";

/**
 * Seeded randomness for the demo data: mulberry32, a tiny 32-bit generator that is fast and more
 * than random enough for synthetic sales. Each purpose gets its own stream derived from the seed,
 * so adding draws to one part of the generator does not reshuffle the others.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Poisson-distributed count with mean `mean`. */
  poisson(mean: number): number;
}

export function createPrng(seed: number, stream: string): Prng {
  const next = seededRandom(hashSeed(seed, stream));
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return {
    next,
    normal,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    poisson: (mean) => {
      if (mean <= 0) return 0;
      // Knuth's product method is exact and quick for the small means of store × SKU × day demand;
      // big ecommerce means use the normal approximation, which is accurate there.
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const limit = Math.exp(-mean);
      let count = 0;
      let product = next();
      while (product > limit) {
        count++;
        product *= next();
      }
      return count;
    },
  };
}

/** FNV-1a over the seed and the stream name: distinct, reproducible 32-bit starting states. */
function hashSeed(seed: number, stream: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const char of `${seed}:${stream}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash >>> 0;
}
