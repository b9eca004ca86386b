/** Scales a vector to unit length, so cosine similarity is a dot product. */
export function l2Normalize(vector: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] as number) ** 2;
  const norm = Math.sqrt(sum) || 1;
  return Array.from(vector, (value) => value / norm);
}
