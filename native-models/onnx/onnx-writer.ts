/**
 * Writes ONNX model files (the ModelProto protocol buffer, onnx.proto3) for generated test and
 * benchmark models: float32 and int64 initializers as raw little-endian data, nodes with int,
 * float, ints and tensor attributes, inputs and outputs with fixed or named dimensions. Only what
 * Folio's generated models need; nothing is read back here (onnxruntime does that in the tests).
 */
import { open } from 'node:fs/promises';
import {
  floatField,
  intField,
  messageField,
  messageLength,
  packedFloatsField,
  packedIntsField,
  stringField,
  type Message,
} from './protobuf-encoding';

export type OnnxDataType = 'float' | 'int64';

/** onnx.proto's TensorProto.DataType numbers. */
const DATA_TYPE: Record<OnnxDataType, number> = { float: 1, int64: 7 };

export interface OnnxTensor {
  name: string;
  dataType: OnnxDataType;
  dims: readonly number[];
  /** The values, row-major; a fill is called only while the file is written (one tensor in memory at a time). */
  values: ArrayLike<number> | (() => Float32Array | BigInt64Array);
}

export type OnnxAttribute =
  { int: number } | { float: number } | { ints: readonly number[] } | { floats: readonly number[] } | { tensor: OnnxTensor };

export interface OnnxNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name: string;
  attributes?: Record<string, OnnxAttribute>;
}

export interface OnnxValueInfo {
  name: string;
  dataType: OnnxDataType;
  /** A number is a fixed size; a string names a size given at run time ("batch_size"). */
  shape: ReadonlyArray<number | string>;
}

export interface OnnxModel {
  graphName: string;
  /** The default domain's operator set version. */
  opset: number;
  producer: string;
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxTensor[];
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
}

/** IR version 8 goes with operator sets up to 18 (onnx's versioning table). */
const IR_VERSION = 8;

function encodeOnnx(model: OnnxModel): Message {
  const graph: Message = [
    ...model.nodes.flatMap((node) => messageField(1, nodeMessage(node))),
    ...stringField(2, model.graphName),
    ...model.initializers.flatMap((tensor) => messageField(5, tensorMessage(tensor))),
    ...model.inputs.flatMap((input) => messageField(11, valueInfoMessage(input))),
    ...model.outputs.flatMap((output) => messageField(12, valueInfoMessage(output))),
  ];
  return [
    ...intField(1, IR_VERSION),
    ...stringField(2, model.producer),
    ...messageField(7, graph),
    ...messageField(8, [...stringField(1, ''), ...intField(2, model.opset)]),
  ];
}

/** Streams the model to `file`; returns its size in bytes. */
export async function writeOnnx(file: string, model: OnnxModel): Promise<{ fileSize: number }> {
  const message = encodeOnnx(model);
  const handle = await open(file, 'w');
  try {
    // Thousands of small pieces (keys, names, shapes) go out together; tensor data on its own.
    let small: Uint8Array[] = [];
    const flush = async () => {
      if (small.length > 0) await handle.write(Buffer.concat(small));
      small = [];
    };
    for (const piece of message) {
      if (piece instanceof Uint8Array && piece.length < 65536) {
        small.push(piece);
        continue;
      }
      await flush();
      const bytes = piece instanceof Uint8Array ? piece : piece.fill();
      if (bytes.length !== piece.length) throw new Error(`ONNX writer: a tensor produced ${bytes.length} bytes, ${piece.length} expected`);
      await handle.write(bytes);
    }
    await flush();
  } finally {
    await handle.close();
  }
  return { fileSize: messageLength(message) };
}

function nodeMessage(node: OnnxNode): Message {
  return [
    ...node.inputs.flatMap((input) => stringField(1, input)),
    ...node.outputs.flatMap((output) => stringField(2, output)),
    ...stringField(3, node.name),
    ...stringField(4, node.op),
    ...Object.entries(node.attributes ?? {}).flatMap(([name, value]) => messageField(5, attributeMessage(name, value))),
  ];
}

/** AttributeProto: name, then the value in its typed field and the type tag (FLOAT 1, INT 2, TENSOR 4, FLOATS 6, INTS 7). */
function attributeMessage(name: string, attribute: OnnxAttribute): Message {
  const named = stringField(1, name);
  if ('int' in attribute) return [...named, ...intField(3, attribute.int), ...intField(20, 2)];
  if ('float' in attribute) return [...named, ...floatField(2, attribute.float), ...intField(20, 1)];
  if ('ints' in attribute) return [...named, ...packedIntsField(8, attribute.ints), ...intField(20, 7)];
  if ('floats' in attribute) return [...named, ...packedFloatsField(7, attribute.floats), ...intField(20, 6)];
  return [...named, ...messageField(5, tensorMessage(attribute.tensor)), ...intField(20, 4)];
}

function tensorMessage(tensor: OnnxTensor): Message {
  const count = tensor.dims.reduce((product, dim) => product * dim, 1);
  const byteLength = count * (tensor.dataType === 'float' ? 4 : 8);
  const values = tensor.values;
  const raw =
    typeof values === 'function'
      ? { length: byteLength, fill: () => asBytes(values()) }
      : asBytes(tensor.dataType === 'float' ? Float32Array.from(values) : BigInt64Array.from(Array.from(values, BigInt)));
  if (raw.length !== byteLength) throw new Error(`ONNX writer: ${tensor.name} has ${raw.length} bytes of data for dims [${tensor.dims}]`);
  return [
    ...packedIntsField(1, tensor.dims),
    ...intField(2, DATA_TYPE[tensor.dataType]),
    ...stringField(8, tensor.name),
    // raw_data: a length-delimited field whose bytes may be produced only while writing.
    ...messageField(9, [raw]),
  ];
}

function valueInfoMessage(info: OnnxValueInfo): Message {
  const dims = info.shape.flatMap((dim) => messageField(1, typeof dim === 'number' ? intField(1, dim) : stringField(2, dim)));
  const tensorType = [...intField(1, DATA_TYPE[info.dataType]), ...messageField(2, dims)];
  return [...stringField(1, info.name), ...messageField(2, messageField(1, tensorType))];
}

/** The platform is little-endian everywhere Folio runs (x64, arm64), as raw_data requires. */
function asBytes(array: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
