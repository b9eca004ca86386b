/**
 * Builds an ONNX graph node by node with generated names, so a model's code reads like its
 * forward pass: `const h = g.op('MatMul', [x, w])`. Constants and weights become initializers.
 */
import type { OnnxAttribute, OnnxDataType, OnnxModel, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnx-writer';

export class GraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: OnnxTensor[] = [];
  private readonly counts = new Map<string, number>();

  /** One node with one output; returns the output's name. */
  op(op: string, inputs: readonly string[], attributes?: Record<string, OnnxAttribute>, output?: string): string {
    const name = this.unique(op);
    const result = output ?? `${name}_out`;
    this.nodes.push({ op, inputs, outputs: [result], name, attributes });
    return result;
  }

  /** A weight or constant; returns its name. */
  tensor(name: string, dataType: OnnxDataType, dims: readonly number[], values: OnnxTensor['values']): string {
    this.initializers.push({ name, dataType, dims, values });
    return name;
  }

  /** A small int64 constant (shapes, axes, indices). */
  ints(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.tensor(this.unique('const'), 'int64', dims, values);
  }

  model(options: { graphName: string; opset: number; producer: string; inputs: OnnxValueInfo[]; outputs: OnnxValueInfo[] }): OnnxModel {
    return { ...options, nodes: this.nodes, initializers: this.initializers };
  }

  private unique(prefix: string): string {
    const count = (this.counts.get(prefix) ?? 0) + 1;
    this.counts.set(prefix, count);
    return `${prefix}_${count}`;
  }
}
