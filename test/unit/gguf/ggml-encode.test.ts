import { describe, expect, it } from 'vitest';
import { encodeQ8_0, floatToHalfBits, halfBitsToFloat } from '../../../native-models/gguf/ggml-encode';

describe('floatToHalfBits', () => {
  it('encodes exact values to their IEEE half bit patterns', () => {
    expect(floatToHalfBits(1)).toBe(0x3c00);
    expect(floatToHalfBits(-2)).toBe(0xc000);
    expect(floatToHalfBits(0.5)).toBe(0x3800);
    expect(floatToHalfBits(65504)).toBe(0x7bff);
    expect(floatToHalfBits(0)).toBe(0);
    expect(floatToHalfBits(-0)).toBe(0x8000);
  });

  it('saturates overflow to infinity and keeps NaN a NaN', () => {
    expect(floatToHalfBits(1e6)).toBe(0x7c00);
    expect(floatToHalfBits(-Infinity)).toBe(0xfc00);
    expect(Number.isNaN(halfBitsToFloat(floatToHalfBits(NaN)))).toBe(true);
  });

  it('encodes subnormals and rounds to nearest even', () => {
    expect(floatToHalfBits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(floatToHalfBits(2 ** -26)).toBe(0); // below half of it: zero
    expect(floatToHalfBits(1 + 2 ** -11)).toBe(0x3c00); // tie rounds to even (down)
    expect(floatToHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie rounds to even (up)
  });

  it('round-trips values within half precision (relative error under 2^-11)', () => {
    for (const v of [0.1, -0.02, 3.14159, 1234.5, 6e-5]) {
      expect(Math.abs(halfBitsToFloat(floatToHalfBits(v)) - v) / Math.abs(v)).toBeLessThanOrEqual(2 ** -11);
    }
  });
});

describe('encodeQ8_0', () => {
  it('writes an f16 scale of max|x|/127 then 32 rounded int8 values per block', () => {
    const values = new Float32Array(64);
    for (let i = 0; i < 64; i++) values[i] = (i - 20) / 10;
    const out = Buffer.alloc(68);
    encodeQ8_0(values, out);
    const scale = halfBitsToFloat(out.readUInt16LE(0));
    expect(scale).toBeCloseTo(2 / 127, 4); // block 0 max |x| = 2.0
    expect(out.readInt8(2)).toBe(-127); // -2.0 / scale
    expect(out.readInt8(2 + 20)).toBe(0);
    for (let b = 0; b < 2; b++) {
      const d = halfBitsToFloat(out.readUInt16LE(b * 34));
      for (let j = 0; j < 32; j++) {
        expect(out.readInt8(b * 34 + 2 + j) * d).toBeCloseTo(values[b * 32 + j]!, 1);
      }
    }
  });

  it('refuses a partial block', () => {
    expect(() => encodeQ8_0(new Float32Array(31), Buffer.alloc(34))).toThrow(/whole blocks/);
  });
});
