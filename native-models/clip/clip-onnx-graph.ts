/**
 * CLIP's two towers as ONNX graphs, with the operators and the input and output names of
 * Hugging Face's ONNX exports (vision_model.onnx: pixel_values -> image_embeds,
 * last_hidden_state; text_model.onnx: input_ids -> text_embeds, last_hidden_state), filled with
 * seeded random weights. Generated tests and benchmarks then run onnxruntime's real kernels on
 * the real graph shape. The forward pass follows transformers' modeling_clip.py: pre-norm
 * encoder layers, quick GELU, the class token pooled for images and the end-of-text token (the
 * highest id) for text, a causal mask on text.
 */
import { seedFrom, uniform } from '../demo/prng';
import { GraphBuilder } from '../onnx/graph-builder';
import type { OnnxModel } from '../onnx/onnx-writer';
import type { ClipArchitecture, ClipTower } from './clip-architecture';

const OPSET = 17;
const PRODUCER = 'folio (generated CLIP, random weights)';
const WEIGHT_STD = 0.02;

export function clipVisionModel(arch: ClipArchitecture, seed: number): OnnxModel {
  const g = new GraphBuilder();
  const w = weights(g, seed, 'vision');
  const { width } = arch.vision;
  const patches = (arch.imageSize / arch.patchSize) ** 2;
  const patchEmbeds = g.op(
    'Conv',
    ['pixel_values', w.random('embeddings.patch_embedding.weight', [width, 3, arch.patchSize, arch.patchSize])],
    {
      kernel_shape: { ints: [arch.patchSize, arch.patchSize] },
      strides: { ints: [arch.patchSize, arch.patchSize] },
    },
  );
  const sequence = g.op('Transpose', [g.op('Reshape', [patchEmbeds, g.ints([0, width, -1])])], { perm: { ints: [0, 2, 1] } });
  const batch = g.op('Gather', [g.op('Shape', ['pixel_values']), g.ints([0])], { axis: { int: 0 } });
  const classShape = g.op('Concat', [batch, g.ints([1, width])], { axis: { int: 0 } });
  const classToken = g.op('Expand', [w.random('embeddings.class_embedding', [1, 1, width]), classShape]);
  const tokens = g.op('Concat', [classToken, sequence], { axis: { int: 1 } });
  const positioned = g.op('Add', [tokens, w.random('embeddings.position_embedding.weight', [patches + 1, width])]);
  let hidden = layerNorm(g, w, 'pre_layrnorm', positioned, width, arch.layerNormEpsilon);
  for (let layer = 0; layer < arch.vision.layers; layer++)
    hidden = encoderLayer(g, w, `encoder.layers.${layer}`, hidden, arch.vision, arch.layerNormEpsilon);
  g.op('Identity', [hidden], undefined, 'last_hidden_state');
  const pooled = g.op('Gather', [hidden, g.ints([0], [])], { axis: { int: 1 } });
  const normed = layerNorm(g, w, 'post_layernorm', pooled, width, arch.layerNormEpsilon);
  g.op('MatMul', [normed, w.random('visual_projection.weight', [width, arch.projection])], undefined, 'image_embeds');
  return g.model({
    graphName: 'clip_vision',
    opset: OPSET,
    producer: PRODUCER,
    inputs: [{ name: 'pixel_values', dataType: 'float', shape: ['batch_size', 3, arch.imageSize, arch.imageSize] }],
    outputs: [
      { name: 'image_embeds', dataType: 'float', shape: ['batch_size', arch.projection] },
      { name: 'last_hidden_state', dataType: 'float', shape: ['batch_size', patches + 1, width] },
    ],
  });
}

export function clipTextModel(arch: ClipArchitecture, seed: number): OnnxModel {
  const g = new GraphBuilder();
  const w = weights(g, seed, 'text');
  const { width, contextLength, vocabSize } = arch.text;
  const length = g.op('Gather', [g.op('Shape', ['input_ids']), g.ints([1])], { axis: { int: 0 } });
  const embedded = g.op('Gather', [w.random('embeddings.token_embedding.weight', [vocabSize, width]), 'input_ids'], { axis: { int: 0 } });
  const positions = g.op('Slice', [
    w.random('embeddings.position_embedding.weight', [contextLength, width]),
    g.ints([0]),
    length,
    g.ints([0]),
  ]);
  let hidden = g.op('Add', [embedded, positions]);
  const causal = g.tensor('causal_mask', 'float', [contextLength, contextLength], () => causalMask(contextLength));
  const mask = g.op('Slice', [causal, g.ints([0, 0]), g.op('Concat', [length, length], { axis: { int: 0 } }), g.ints([0, 1])]);
  for (let layer = 0; layer < arch.text.layers; layer++)
    hidden = encoderLayer(g, w, `encoder.layers.${layer}`, hidden, arch.text, arch.layerNormEpsilon, mask);
  const final = layerNorm(g, w, 'final_layer_norm', hidden, width, arch.layerNormEpsilon);
  g.op('Identity', [final], undefined, 'last_hidden_state');
  // ArgMax takes no int64 in opset 14's exports: transformers casts to int32 first, and so do we.
  const endOfText = g.op('ArgMax', [g.op('Cast', ['input_ids'], { to: { int: 6 } })], { axis: { int: -1 }, keepdims: { int: 1 } });
  const pooled = g.op('GatherND', [final, endOfText], { batch_dims: { int: 1 } });
  g.op('MatMul', [pooled, w.random('text_projection.weight', [width, arch.projection])], undefined, 'text_embeds');
  return g.model({
    graphName: 'clip_text',
    opset: OPSET,
    producer: PRODUCER,
    inputs: [{ name: 'input_ids', dataType: 'int64', shape: ['batch_size', 'sequence_length'] }],
    outputs: [
      { name: 'text_embeds', dataType: 'float', shape: ['batch_size', arch.projection] },
      { name: 'last_hidden_state', dataType: 'float', shape: ['batch_size', 'sequence_length', width] },
    ],
  });
}

interface Weights {
  random(name: string, dims: number[]): string;
  constant(name: string, dims: number[], value: number): string;
}

function weights(g: GraphBuilder, seed: number, tower: string): Weights {
  return {
    random: (name, dims) => {
      const tensorSeed = seedFrom(seed, tower, name);
      const halfWidth = WEIGHT_STD * Math.sqrt(3);
      return g.tensor(name, 'float', dims, () => {
        const values = new Float32Array(dims.reduce((a, b) => a * b, 1));
        for (let i = 0; i < values.length; i++) values[i] = halfWidth * uniform(tensorSeed, i);
        return values;
      });
    },
    constant: (name, dims, value) => g.tensor(name, 'float', dims, () => new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value)),
  };
}

function layerNorm(g: GraphBuilder, w: Weights, name: string, input: string, width: number, epsilon: number): string {
  return g.op('LayerNormalization', [input, w.constant(`${name}.weight`, [width], 1), w.constant(`${name}.bias`, [width], 0)], {
    axis: { int: -1 },
    epsilon: { float: epsilon },
  });
}

function linear(g: GraphBuilder, w: Weights, name: string, input: string, inputs: number, outputs: number): string {
  return g.op('Add', [g.op('MatMul', [input, w.random(`${name}.weight`, [inputs, outputs])]), w.constant(`${name}.bias`, [outputs], 0)]);
}

function encoderLayer(g: GraphBuilder, w: Weights, name: string, input: string, tower: ClipTower, epsilon: number, mask?: string): string {
  const { width, heads } = tower;
  const headWidth = width / heads;
  const normed = layerNorm(g, w, `${name}.layer_norm1`, input, width, epsilon);
  const split = (x: string, perm: number[]) =>
    g.op('Transpose', [g.op('Reshape', [x, g.ints([0, 0, heads, headWidth])])], { perm: { ints: perm } });
  const scale = g.tensor(`${name}.self_attn.scale`, 'float', [], [headWidth ** -0.5]);
  const query = split(g.op('Mul', [linear(g, w, `${name}.self_attn.q_proj`, normed, width, width), scale]), [0, 2, 1, 3]);
  const key = split(linear(g, w, `${name}.self_attn.k_proj`, normed, width, width), [0, 2, 3, 1]);
  const value = split(linear(g, w, `${name}.self_attn.v_proj`, normed, width, width), [0, 2, 1, 3]);
  const scores = g.op('MatMul', [query, key]);
  const probabilities = g.op('Softmax', [mask ? g.op('Add', [scores, mask]) : scores], { axis: { int: -1 } });
  const context = g.op('Transpose', [g.op('MatMul', [probabilities, value])], { perm: { ints: [0, 2, 1, 3] } });
  const merged = g.op('Reshape', [context, g.ints([0, 0, width])]);
  const attended = g.op('Add', [input, linear(g, w, `${name}.self_attn.out_proj`, merged, width, width)]);
  const up = linear(g, w, `${name}.mlp.fc1`, layerNorm(g, w, `${name}.layer_norm2`, attended, width, epsilon), width, tower.feedForward);
  // quick GELU, as OpenAI's CLIP trained it: x * sigmoid(1.702 x).
  const activated = g.op('Mul', [up, g.op('Sigmoid', [g.op('Mul', [up, g.tensor(`${name}.mlp.gelu_scale`, 'float', [], [1.702])])])]);
  return g.op('Add', [attended, linear(g, w, `${name}.mlp.fc2`, activated, tower.feedForward, width)]);
}

/** 0 where a token may look (itself and before), a large negative number after. */
function causalMask(size: number): Float32Array {
  const mask = new Float32Array(size * size);
  for (let row = 0; row < size; row++) for (let column = row + 1; column < size; column++) mask[row * size + column] = -1e9;
  return mask;
}
