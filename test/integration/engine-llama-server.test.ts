import { describe, it } from 'vitest';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { describeEngineContract } from './engine-contract';

// .ci/run builds llama-server (cached between runs); a checkout without the build says so.
const built = await findLlamaServerBinary();
if (built) {
  describeEngineContract('llama-server', { vision: true });
} else {
  describe('engine contract: llama-server', () => {
    it.skip('needs `npm run build:llama-server` first', () => {});
  });
}
