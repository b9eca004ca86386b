import { describeEngineContract } from './engine-contract';

describeEngineContract('node-llama-cpp', { vision: false });
