/**
 * llama.cpp's llava graph (CLIP "mlp" projectors: LLaVA-1.5, converted XComposer2) appends CLIP's
 * class token after the patches, while the position ids and the rows taken as patches assume it
 * first (llama.cpp #25814; fix proposed upstream in #25844): each patch got its neighbour's
 * position embedding, the first patch was dropped and the class token's output reached the
 * decoder. The patch puts it first, as CLIP does.
 *
 * Upstream: changes tools/mtmd/models/llava.cpp, `clip_graph_llava::build`. llama.cpp issue
 * #25814, fix proposed in PR #25844.
 */
import type { LlamaServerPatch } from './llama-server-patch';

export const LLAVA_CLASS_TOKEN_PATCH: LlamaServerPatch = {
  name: 'llava-class-token-first',
  diff: `diff --git a/tools/mtmd/models/llava.cpp b/tools/mtmd/models/llava.cpp
--- a/tools/mtmd/models/llava.cpp
+++ b/tools/mtmd/models/llava.cpp
@@ -32,8 +32,11 @@ ggml_cgraph * clip_graph_llava::build() {
     ggml_tensor * inp = build_inp();
 
     // concat class_embeddings and patch_embeddings
+    // Folio: the class token first, as CLIP has it: positions[0] and the skipped row 0 of
+    // "patches" both assume it (llama.cpp #25814); after the patches, every patch took its
+    // neighbour's position embedding and the class token's output reached the decoder.
     if (model.class_embedding) {
-        inp = ggml_concat(ctx0, inp, model.class_embedding, 1);
+        inp = ggml_concat(ctx0, model.class_embedding, inp, 1);
     }
 
     ggml_tensor * positions = ggml_new_tensor_1d(ctx0, GGML_TYPE_I32, n_pos);
`,
};
