/**
 * What the engines get instead of a model file's own chat template. llama-server and
 * llama.node render the GGUF's `tokenizer.chat_template` when they load a model (to learn what
 * it supports), in native code with no time or memory limit: a file's loop ran for good, a
 * string product took 3.9 GB. Folio builds every prompt itself and sends the engines raw text,
 * so they get llama.cpp's built-in ChatML by name and never read the file's template.
 * (node-llama-cpp reads it only to choose a chat wrapper, which Folio never asks for.)
 */
export const NO_MODEL_TEMPLATE = 'chatml';
