/**
 * The position-table resize against torch.nn.functional.interpolate(mode='bicubic',
 * align_corners=False), which the reference code uses, run by python3-torch.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resizeGridBicubic } from '../../../native-models/convert/bicubic-resize';
import { pythonWithTorch } from '../../fixtures/xcomposer2-checkpoint';

const TORCH_RESIZE = `
import json, sys, torch
src, dst, width = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
grid = torch.arange(src * src * width, dtype=torch.float64).sin().reshape(1, src, src, width)
out = torch.nn.functional.interpolate(grid.permute(0, 3, 1, 2), size=(dst, dst), mode='bicubic', align_corners=False)
print(json.dumps({'in': grid.flatten().tolist(), 'out': out.permute(0, 2, 3, 1).flatten().tolist()}))
`;

describe('resizeGridBicubic', () => {
  for (const [from, to] of [
    [24, 16],
    [24, 35],
    [3, 2],
  ] as const) {
    it(`matches torch from ${from}×${from} to ${to}×${to}`, async () => {
      const width = 3;
      const result = JSON.parse(
        execFileSync(await pythonWithTorch(), ['-c', TORCH_RESIZE, String(from), String(to), String(width)], { encoding: 'utf8' }),
      ) as { in: number[]; out: number[] };
      const ours = resizeGridBicubic(Float32Array.from(result.in), from, to, width);
      expect(ours.length).toBe(result.out.length);
      const worst = Math.max(...result.out.map((v, i) => Math.abs(v - ours[i]!)));
      expect(worst).toBeLessThan(1e-5);
    });
  }
});
