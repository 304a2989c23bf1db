/**
 * A uniform draw in [0, 1) fixed by a seed and a key (FNV-1a, then one mulberry32 step). Each policy
 * asks for the lead time of *its* orders, so a stream would hand different policies different noise;
 * keying the draw on what is drawn (supplier, destination, day) gives every policy the same luck.
 */
export function hashUniform(seed: number, key: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < key.length; index += 1) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  let t = (hash + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
