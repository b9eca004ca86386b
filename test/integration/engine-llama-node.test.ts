import { describeEngineContract } from './engine-contract';

describeEngineContract('llama-node', { vision: true });
