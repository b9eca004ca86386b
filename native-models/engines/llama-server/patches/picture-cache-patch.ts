/**
 * Pictures encoded once per compose: llama-server keeps each image chunk's embeddings (the vision
 * encoder's and projector's output, the decoder's input) in a bounded map, so a picture shown in a
 * later prompt past the reused prefix (the choose step's candidates in another order, the caption
 * after the choice) is decoded from them instead of encoded again. The key is the chunk's id (mtmd
 * sets it to the sha256 of the picture's bytes), its ordinal among the prompt's chunks of that
 * picture and its token count. The decode from cached embeddings switches the Partial LoRA on as a
 * fresh encode's does (partial-lora-patch.ts, applied before this one), so the KV is the same.
 * FOLIO_PICTURE_CACHE_MIB caps the bytes kept (default 256, least recently used dropped first; 0
 * keeps none). Each answer's timings carry `folio_pictures_encoded`: the image chunks run through
 * the encoder for it (bench:compose reads it).
 *
 * Upstream: changes tools/server/server-context.cpp: `process_mtmd_chunk` (look up, store, skip
 * kept chunks when batching, count encodes), and server-common.h/.cpp (`server_slot_stats`'s count
 * and its JSON). llama.cpp re-encodes every picture past the reused prefix; no upstream issue or
 * PR (against v0.4.0 as node-llama-cpp 3.21.1 bundles it, commit 80fb11a).
 */
import type { LlamaServerPatch } from './llama-server-patch';

export const PICTURE_CACHE_PATCH: LlamaServerPatch = {
  name: 'picture-embedding-cache',
  diff: `diff --git a/tools/server/server-common.h b/tools/server/server-common.h
--- a/tools/server/server-common.h
+++ b/tools/server/server-common.h
@@ -353,6 +353,7 @@
     uint64_t n_prompt_cached    = 0;
     uint64_t n_prompt_processed = 0;
     uint64_t n_gen              = 0;
+    uint64_t n_pictures_encoded = 0; // Folio: image chunks run through the vision encoder
 
     // speculative decoding stats
     // note: the per-position breakdown lives in server_slot, it is not needed in a task result
diff --git a/tools/server/server-common.cpp b/tools/server/server-common.cpp
--- a/tools/server/server-common.cpp
+++ b/tools/server/server-common.cpp
@@ -78,6 +78,7 @@
         {"predicted_per_token_ms", t_gen_per_token_ms()},
         {"predicted_per_second",   n_gen_tps()},
     };
+    base["folio_pictures_encoded"] = n_pictures_encoded;
 
     if (n_draft_tokens > 0) {
         base["draft_n"]          = n_draft_tokens;
diff --git a/tools/server/server-context.cpp b/tools/server/server-context.cpp
--- a/tools/server/server-context.cpp
+++ b/tools/server/server-context.cpp
@@ -24,6 +24,8 @@
 #include <exception>
 #include <memory>
 #include <filesystem>
+#include <list>
+#include <mutex>
 #include <random>
 #include <utility>
 #include <fstream>
@@ -757,22 +759,109 @@
     llama_set_adapters_lora(slot.ctx_tgt, adapters.data(), adapters.size(), scales.data());
 }
 
+// Folio: pictures encoded once. A compose shows the same picture in several prompts (choose,
+// caption, later choices); the vision encoder is the slow part of such a prompt. Each image chunk's
+// embeddings are kept in a bounded map keyed by the chunk's id (mtmd sets it to the sha256 of the
+// picture bytes), its ordinal among the prompt's chunks of that picture (a sliced picture has
+// several) and its token count; a later prompt decodes from them, with the Partial LoRA switch as
+// for a fresh encode. FOLIO_PICTURE_CACHE_MIB caps the bytes kept (default 256; 0: no cache).
+struct folio_picture_embd {
+    std::string key;
+    std::vector<float> embd;
+};
+
+static std::mutex folio_picture_mutex;
+static std::list<folio_picture_embd> folio_pictures; // most recently used first
+
+static size_t folio_picture_cache_cap() {
+    static const size_t cap = [] {
+        const char * mib = std::getenv("FOLIO_PICTURE_CACHE_MIB");
+        return (mib && *mib ? (size_t) std::strtoull(mib, nullptr, 10) : (size_t) 256) * 1024 * 1024;
+    }();
+    return cap;
+}
+
+static std::string folio_picture_key(const server_tokens & tokens, size_t idx) {
+    const auto & chunk = tokens.find_chunk(idx);
+    const char * id = mtmd_input_chunk_get_id(chunk.get());
+    if (id == nullptr || *id == '\\0' || mtmd_input_chunk_get_type(chunk.get()) != MTMD_INPUT_CHUNK_TYPE_IMAGE) {
+        return ""; // placeholders and audio are not cached
+    }
+    size_t ordinal = 0;
+    for (auto next = tokens.find_next_media_chunk(0); next.first != nullptr && next.second < idx;
+         next = tokens.find_next_media_chunk(next.second)) {
+        const char * other = mtmd_input_chunk_get_id(next.first->get());
+        ordinal += (other != nullptr && std::string(other) == id) ? 1 : 0;
+    }
+    if (idx > 0 && tokens[0] == LLAMA_TOKEN_NULL) {
+        const char * first = mtmd_input_chunk_get_id(tokens.find_chunk(0).get());
+        ordinal += (first != nullptr && std::string(first) == id) ? 1 : 0;
+    }
+    return std::string(id) + "#" + std::to_string(ordinal) + "#" + std::to_string(mtmd_input_chunk_get_n_tokens(chunk.get()));
+}
+
+// copies the cached embeddings into out; false when the picture is not cached
+static bool folio_picture_lookup(const std::string & key, std::vector<float> & out) {
+    if (key.empty()) {
+        return false;
+    }
+    std::lock_guard<std::mutex> lock(folio_picture_mutex);
+    for (auto it = folio_pictures.begin(); it != folio_pictures.end(); ++it) {
+        if (it->key == key) {
+            folio_pictures.splice(folio_pictures.begin(), folio_pictures, it);
+            out = folio_pictures.front().embd;
+            return true;
+        }
+    }
+    return false;
+}
+
+static void folio_picture_store(const std::string & key, const float * embd, size_t n_floats) {
+    const size_t cap = folio_picture_cache_cap();
+    if (key.empty() || n_floats * sizeof(float) > cap) {
+        return;
+    }
+    std::lock_guard<std::mutex> lock(folio_picture_mutex);
+    for (const auto & entry : folio_pictures) {
+        if (entry.key == key) {
+            return;
+        }
+    }
+    folio_pictures.push_front({ key, std::vector<float>(embd, embd + n_floats) });
+    size_t bytes = 0;
+    for (auto it = folio_pictures.begin(); it != folio_pictures.end(); ++it) {
+        bytes += it->embd.size() * sizeof(float);
+        if (bytes > cap) {
+            folio_pictures.erase(it, folio_pictures.end()); // least recently used go first
+            break;
+        }
+    }
+}
+
 // returns 0 on success
 // caller need to update prompt.tokens after a successful call to keep track of the processing progress
 // note: this is not a member of server_slot because we want to run it inside yield_to_queue
 //       slot is passed as const to avoid accidental modification of the slot state
 //       some pointers are allowed to be used, they are not used by to_json()
-static int process_mtmd_chunk(const server_slot & slot, mtmd::batch_ptr & mbatch, size_t idx, size_t & n_tokens_out) {
+static int process_mtmd_chunk(const server_slot & slot, mtmd::batch_ptr & mbatch, size_t idx, size_t & n_tokens_out, size_t & n_encoded_out) {
     GGML_ASSERT(slot.mctx);
     const auto & mctx = slot.mctx;
     const auto & input_tokens = slot.task->tokens;
     const auto & chunk = input_tokens.find_chunk(idx);
     int32_t res = 0;
 
+    const std::string folio_key = folio_picture_key(input_tokens, idx);
+    const size_t folio_n_floats = (size_t) llama_model_n_embd_inp(llama_get_model(slot.ctx_tgt)) * mtmd_input_chunk_get_n_tokens(chunk.get());
+    std::vector<float> folio_cached;
+    const bool folio_hit = folio_picture_lookup(folio_key, folio_cached);
+
     auto try_decode = [&]() -> int32_t {
-        if (mbatch) {
-            float * embd = mtmd_batch_get_output_embd(mbatch.get(), chunk.get());
+        if (mbatch || folio_hit) {
+            float * embd = folio_hit ? folio_cached.data() : mtmd_batch_get_output_embd(mbatch.get(), chunk.get());
             if (embd) {
+                if (!folio_hit) {
+                    folio_picture_store(folio_key, embd, folio_n_floats);
+                }
                 void * cb_data = slot.spec;
                 static auto cb = [](llama_batch batch, void * user_data) {
                     common_speculative * spec = static_cast<common_speculative *>(user_data);
@@ -832,6 +921,11 @@
         if (next_chunk == nullptr) {
             break;
         }
+        std::vector<float> folio_unused;
+        if (folio_picture_lookup(folio_picture_key(input_tokens, next_idx), folio_unused)) {
+            idx_cur = next_idx; // decoded from the cache when its turn comes
+            continue;
+        }
         res = mtmd_batch_add_chunk(mbatch.get(), next_chunk->get());
         n_added += (res == 0 ? 1 : 0);
         idx_cur = next_idx;
@@ -847,6 +941,7 @@
         SLT_ERR(slot, "failed to encode mtmd batch for chunk idx = %zu, res = %d\\n", idx, res);
         return -1;
     }
+    n_encoded_out += n_added;
 
     return try_decode();
 }
@@ -3510,10 +3605,12 @@
 
                         // encode on the worker thread, so we can still handle metrics tasks
                         size_t n_tokens_out = 0;
+                        size_t n_encoded_out = 0;
                         int32_t res = 0;
                         queue_tasks.yield_to_queue([&]() {
-                            res = process_mtmd_chunk(slot, slot.mbatch, cur_token_idx, n_tokens_out);
+                            res = process_mtmd_chunk(slot, slot.mbatch, cur_token_idx, n_tokens_out, n_encoded_out);
                         });
+                        slot.stats.n_pictures_encoded += n_encoded_out;
 
                         if (res != 0) {
                             SLT_ERR(slot, "failed to process mtmd chunk, res = %d\\n", res);
`,
};
