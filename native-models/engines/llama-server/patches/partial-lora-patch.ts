/**
 * InternLM-XComposer2's Partial LoRA in llama-server: an adapter named by FOLIO_IMAGE_LORA (the
 * engine sets it for a converted XComposer2) is loaded with the model and switched on only while
 * an image chunk's embeddings are decoded (llama_set_adapters_lora between llama_decode calls),
 * off for every text and generated token. Every image chunk always gets it, so the KV that the
 * prompt cache reuses was computed the same way.
 *
 * Upstream: changes tools/server/server-context.cpp: `process_mtmd_chunk` (adapter on/off around
 * the image chunk's decode), the model load (reads FOLIO_IMAGE_LORA) and unload. Folio's own
 * feature for XComposer2; llama.cpp has no Partial LoRA, so no upstream issue or PR.
 */
import type { LlamaServerPatch } from './llama-server-patch';

export const PARTIAL_LORA_PATCH: LlamaServerPatch = {
  name: 'partial-lora',
  diff: `diff --git a/tools/server/server-context.cpp b/tools/server/server-context.cpp
--- a/tools/server/server-context.cpp
+++ b/tools/server/server-context.cpp
@@ -19,6 +19,7 @@
 
 #include <algorithm>
 #include <cstddef>
+#include <cstdlib>
 #include <cinttypes>
 #include <exception>
 #include <memory>
@@ -734,6 +735,28 @@ struct server_slot {
     }
 };
 
+// Folio: Partial LoRA (InternLM-XComposer2). The adapter named by FOLIO_IMAGE_LORA is loaded with
+// the model and applied only while an image chunk's embeddings are decoded, never to text or to
+// generated tokens. Every image chunk gets it, so KV reused from the prompt cache stays exact.
+static llama_adapter_lora * folio_image_lora = nullptr;
+
+static void folio_apply_image_lora(const server_slot & slot, bool on) {
+    if (folio_image_lora == nullptr) {
+        return;
+    }
+    std::vector<llama_adapter_lora *> adapters;
+    std::vector<float> scales;
+    for (const auto & lora : slot.lora) {
+        adapters.push_back(lora.ptr);
+        scales.push_back(lora.scale);
+    }
+    if (on) {
+        adapters.push_back(folio_image_lora);
+        scales.push_back(1.0f);
+    }
+    llama_set_adapters_lora(slot.ctx_tgt, adapters.data(), adapters.size(), scales.data());
+}
+
 // returns 0 on success
 // caller need to update prompt.tokens after a successful call to keep track of the processing progress
 // note: this is not a member of server_slot because we want to run it inside yield_to_queue
@@ -760,6 +783,7 @@ static int process_mtmd_chunk(const server_slot & slot, mtmd::batch_ptr & mbatch
                 };
 
                 llama_pos new_n_past; // unused for now
+                folio_apply_image_lora(slot, true);
                 res = mtmd_helper_decode_image_chunk(
                     mctx,
                     slot.ctx_tgt,
@@ -772,6 +796,7 @@ static int process_mtmd_chunk(const server_slot & slot, mtmd::batch_ptr & mbatch
                     cb,
                     cb_data
                 );
+                folio_apply_image_lora(slot, false);
                 if (res != 0) {
                     SLT_ERR(slot, "failed to decode mtmd chunk, idx = %zu, res = %d\\n", idx, res);
                     return -1;
@@ -949,6 +974,7 @@ private:
 
         mtmd_free(mctx);
         mctx = nullptr;
+        folio_image_lora = nullptr; // freed with the model
     }
 
     void handle_sleeping_state(bool new_state) {
@@ -1166,6 +1192,15 @@ private:
             }
             SRV_INF("loaded multimodal model, '%s'\\n", mmproj_path.c_str());
 
+            if (const char * image_lora_path = std::getenv("FOLIO_IMAGE_LORA"); image_lora_path && *image_lora_path) {
+                folio_image_lora = llama_adapter_lora_init(model_tgt, image_lora_path);
+                if (folio_image_lora == nullptr) {
+                    SRV_ERR("failed to load the image-token LoRA adapter, '%s'\\n", image_lora_path);
+                    return false;
+                }
+                SRV_INF("loaded the image-token LoRA adapter (Partial LoRA), '%s'\\n", image_lora_path);
+            }
+
             init_opt.video_params.fps_target = params_base.video_fps;
             init_opt.video_params.timestamp_interval_ms = params_base.video_timestamp_interval_ms;
             init_opt.video_params.ffmpeg_bin_dir = params_base.video_ffmpeg_bin_dir.empty()
`,
};
