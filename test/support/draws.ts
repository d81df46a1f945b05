/** Deterministic U(0, 1) draws from a small LCG, so detector tests need no fixtures. */
export function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

/** Deterministic N(0, 1) draws (Box-Muller on the same LCG). */
export function gaussian(seed: number): () => number {
  const u = uniform(seed);
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** Deterministic Poisson draws at a given rate (Knuth's product of uniforms, on the same LCG; for small rates). */
export function poisson(seed: number): (rate: number) => number {
  const u = uniform(seed);
  return (rate) => {
    const floor = Math.exp(-rate);
    let k = 0;
    let p = u();
    while (p > floor) {
      k++;
      p *= u();
    }
    return k;
  };
}
