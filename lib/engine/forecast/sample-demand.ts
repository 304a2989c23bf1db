/** Gamma(shape, 1) by Marsaglia–Tsang (with the shape < 1 boost). */
export function sampleGamma(random: () => number, shape: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      const u1 = random() || 1e-12;
      x = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Poisson(mean) by multiplication of uniforms; a rounded normal above a mean of 50. */
export function samplePoisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) {
    const u1 = random() || 1e-12;
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Negative binomial with the given mean and size (variance = mean + mean²/size), as a gamma–Poisson mixture. */
export function sampleNegativeBinomial(random: () => number, mean: number, size: number): number {
  if (!(mean > 0)) return 0;
  return samplePoisson(random, sampleGamma(random, size) * (mean / size));
}
