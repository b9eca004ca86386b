/** The two statistics a benchmark result needs: how sure one score is, and whether two differ. */

/**
 * Wilson score interval (95 %) for `right` out of `total`: unlike the plain ±1.96·√(p(1−p)/n)
 * it stays inside [0, 1] and is honest for small samples and scores near 0 or 1.
 */
export function wilsonInterval(right: number, total: number, z = 1.959964): [number, number] {
  if (total === 0) return [0, 1];
  const p = right / total;
  const z2 = z * z;
  const centre = (p + z2 / (2 * total)) / (1 + z2 / total);
  const half = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / (1 + z2 / total);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * McNemar's exact test, two-sided: of the items the runs disagree on, `onlyA` were right only in
 * run A and `onlyB` only in B; under "no difference" each disagreement is a fair coin. The exact
 * binomial form is used because disagreements are often few (the χ² approximation needs ~25+).
 */
export function mcnemarExact(onlyA: number, onlyB: number): number {
  const n = onlyA + onlyB;
  if (n === 0) return 1;
  const k = Math.min(onlyA, onlyB);
  // Sum of C(n, i) / 2^n for i ≤ k, in logs so large n does not overflow.
  let logTerm = -n * Math.LN2; // i = 0
  let tail = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}
