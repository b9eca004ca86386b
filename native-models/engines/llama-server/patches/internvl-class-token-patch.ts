/**
 * llama.cpp's InternVL graph (InternVL-family projectors in Folio's catalog) appends the vision
 * tower's class token after the patches, while its converter keeps torch's order, with the class
 * token's row first in the position table: every patch got its neighbour's position embedding and
 * the first patch the class token's, the same bug as the llava graph's (llama.cpp #25814;
 * llava-class-token-patch.ts). Measured against an independent float32 InternViT
 * (test/fixtures/internvl/reference_embeddings.py). The patch puts the class token first and
 * drops the first row after the tower.
 *
 * Upstream: changes tools/mtmd/models/internvl.cpp, `clip_graph_internvl::build` (where the class
 * token is joined and where it is cut off). Same bug as llama.cpp issue #25814 (the llava graph);
 * no upstream PR for the InternVL graph known to us.
 */
import type { LlamaServerPatch } from './llama-server-patch';

export const INTERNVL_CLASS_TOKEN_PATCH: LlamaServerPatch = {
  name: 'internvl-class-token-first',
  diff: `diff --git a/tools/mtmd/models/internvl.cpp b/tools/mtmd/models/internvl.cpp
--- a/tools/mtmd/models/internvl.cpp
+++ b/tools/mtmd/models/internvl.cpp
@@ -8,9 +8,12 @@
     ggml_tensor * inp = build_inp();
 
     // add CLS token
+    // Folio: first, as InternViT has it (its converter keeps torch's order, so row 0 of the
+    // position table is the class token's); after the patches, every patch took its neighbour's
+    // position embedding (the same bug as the llava graph's, llama.cpp #25814).
     ggml_tensor * cls_repeated = ggml_repeat_4d(ctx0, model.class_embedding,
             model.class_embedding->ne[0], 1, n_batch, 1);
-    inp = ggml_concat(ctx0, inp, cls_repeated, 1);
+    inp = ggml_concat(ctx0, cls_repeated, inp, 1);
 
     // The larger models use a different ViT, which uses RMS norm instead of layer norm
     // ref: https://github.com/ggml-org/llama.cpp/pull/13443#issuecomment-2869786188
@@ -25,10 +28,10 @@
                             model.position_embeddings,
                             nullptr);
 
-    // remove CLS token
+    // remove CLS token (Folio: the first row)
     cur = ggml_view_3d(ctx0, cur,
         n_embd, n_patches, n_batch,
-        cur->nb[1], cur->nb[2], 0);
+        cur->nb[1], cur->nb[2], cur->nb[1]);
     cur = ggml_cont(ctx0, cur);
 
     // pixel shuffle
`,
};
