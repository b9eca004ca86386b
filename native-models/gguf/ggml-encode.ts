/**
 * Encodes float values into the ggml tensor layouts the GGUF writer supports.
 * Written by hand because Node 20 has no float16 support and nothing on npm is worth a
 * dependency for three small encoders.
 */

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** IEEE 754 half-precision bits of `value`, rounded to nearest even (as ggml's converter). */
export function floatToHalfBits(value: number): number {
  scratchF32[0] = value;
  const x = scratchU32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // inf / nan
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00; // too large: infinity
  if (halfExponent <= 0) {
    // Subnormal half (or zero): shift the mantissa, with its implicit bit, into place.
    if (halfExponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - halfExponent;
    let half = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (halfExponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  return sign | half;
}

export function halfBitsToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

export function encodeF32(values: Float32Array, out: Buffer): void {
  for (let i = 0; i < values.length; i++) out.writeFloatLE(values[i]!, i * 4);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeF16(values: Float32Array, out: Buffer): void {
  // A Uint16Array view writes in place, several times faster than writeUInt16LE per value.
  if (LITTLE_ENDIAN && out.byteOffset % 2 === 0) {
    const halves = new Uint16Array(out.buffer, out.byteOffset, values.length);
    for (let i = 0; i < values.length; i++) halves[i] = floatToHalfBits(values[i]!);
    return;
  }
  for (let i = 0; i < values.length; i++) out.writeUInt16LE(floatToHalfBits(values[i]!), i * 2);
}

export const Q8_0_BLOCK_VALUES = 32;
export const Q8_0_BLOCK_BYTES = 34;

/**
 * Q8_0 as ggml's reference quantizer does it: per block of 32 values, an f16 scale
 * d = max|x| / 127 followed by 32 int8 values round(x / d).
 */
export function encodeQ8_0(values: Float32Array, out: Buffer): void {
  if (values.length % Q8_0_BLOCK_VALUES !== 0) {
    throw new Error(`Q8_0 needs whole blocks of ${Q8_0_BLOCK_VALUES} values, got ${values.length}`);
  }
  const blocks = values.length / Q8_0_BLOCK_VALUES;
  for (let b = 0; b < blocks; b++) {
    const first = b * Q8_0_BLOCK_VALUES;
    let amax = 0;
    for (let j = 0; j < Q8_0_BLOCK_VALUES; j++) amax = Math.max(amax, Math.abs(values[first + j]!));
    const d = amax / 127;
    const inverse = d ? 1 / d : 0;
    const at = b * Q8_0_BLOCK_BYTES;
    out.writeUInt16LE(floatToHalfBits(d), at);
    for (let j = 0; j < Q8_0_BLOCK_VALUES; j++) {
      const scaled = values[first + j]! * inverse;
      // roundf semantics (half away from zero), like ggml.
      out.writeInt8(Math.sign(scaled) * Math.round(Math.abs(scaled)), at + 2 + j);
    }
  }
}
