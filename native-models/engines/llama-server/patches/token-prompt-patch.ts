/**
 * llama-server takes a multimodal prompt only as one string (with media markers), tokenized by
 * llama.cpp; a text-only prompt may already mix token ids and strings. Some models' own
 * tokenizers give other ids than llama.cpp's for the same text (XComposer2: a BOS after each
 * picture, no SentencePiece space after a special token), so the prompt must arrive as ids. The
 * patch lets `prompt_string` be such an array beside `multimodal_data`: ids are taken as they are,
 * strings tokenized without a BOS, their media markers taking the pictures in order. The engine
 * checks a binary carries it (`token-prompt-support.ts`).
 *
 * Upstream: changes tools/server/server-common.cpp, `tokenize_input_subprompt` (an array
 * `prompt_string` goes to the new `process_mtmd_mixed_prompt` beside `process_mtmd_prompt`). No
 * upstream issue or PR known to us.
 */
import type { LlamaServerPatch } from './llama-server-patch';

export const TOKEN_PROMPT_PATCH: LlamaServerPatch = {
  name: 'multimodal-token-prompt',
  diff: `diff --git a/tools/server/server-common.cpp b/tools/server/server-common.cpp
--- a/tools/server/server-common.cpp
+++ b/tools/server/server-common.cpp
@@ -952,6 +952,64 @@
     return result;
 }
 
+// Folio: a multimodal prompt whose text is token ids already, because the model's own tokenizer
+// decided them and llama.cpp's would differ (a BOS after each picture, no space after a special
+// token): "prompt_string" may be an array of token ids and strings. Ids are taken as they are;
+// strings are tokenized without a BOS, and their media markers take multimodal_data in order.
+static server_tokens process_mtmd_mixed_prompt(
+        mtmd_context * mctx,
+        const json & parts,
+        const std::vector<raw_buffer> & files,
+        const mtmd_helper_init_opt & init_opt) {
+    server_tokens result(llama_tokens{}, true);
+    const std::string marker = get_media_marker();
+    std::vector<mtmd_helper::video_ptr> videos;
+    size_t next_file = 0;
+    for (const auto & part : parts) {
+        if (part.is_number_integer()) {
+            result.push_back(part.get<llama_token>());
+            continue;
+        }
+        if (!part.is_string()) {
+            throw std::runtime_error("\\"prompt_string\\" elements must be token ids or strings");
+        }
+        const std::string text = part.get<std::string>();
+        mtmd::bitmaps bitmaps;
+        for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + marker.size())) {
+            if (next_file >= files.size()) {
+                throw std::runtime_error("the prompt has more media markers than multimodal_data");
+            }
+            const auto & file = files[next_file++];
+            auto out = mtmd_helper_bitmap_init_from_buf(mctx, file.data(), file.size(), false, init_opt);
+            if (!out.bitmap) {
+                throw std::runtime_error("Failed to load image or audio file");
+            }
+            bitmaps.entries.emplace_back(out.bitmap);
+            if (out.video_ctx) {
+                videos.emplace_back(out.video_ctx);
+            }
+        }
+        mtmd_input_text inp_txt = {
+            text.data(),
+            text.size(),
+            /* add_special */   false,
+            /* parse_special */ true,
+        };
+        mtmd::input_chunks chunks(mtmd_input_chunks_init());
+        auto bitmaps_c_ptr = bitmaps.c_ptr();
+        if (mtmd_tokenize(mctx, chunks.ptr.get(), &inp_txt, bitmaps_c_ptr.data(), bitmaps_c_ptr.size()) != 0) {
+            throw std::runtime_error("Failed to tokenize prompt");
+        }
+        for (size_t i = 0; i < chunks.size(); ++i) {
+            result.push_back(chunks[i]);
+        }
+    }
+    if (next_file != files.size()) {
+        throw std::runtime_error("the prompt has fewer media markers than multimodal_data");
+    }
+    return result;
+}
+
 /**
  * break the input "prompt" object into multiple prompt if needed, then tokenize them
  * use tokenize_input_prompts() if the input could be an array.
@@ -984,6 +1042,9 @@
             for (const auto & entry : json_prompt.at(JSON_MTMD_DATA_KEY)) {
                 files.push_back(base64_decode(entry));
             }
+            if (json_prompt.at(JSON_STRING_PROMPT_KEY).is_array()) {
+                return process_mtmd_mixed_prompt(mctx, json_prompt.at(JSON_STRING_PROMPT_KEY), files, init_opt);
+            }
             return process_mtmd_prompt(mctx, json_prompt.at(JSON_STRING_PROMPT_KEY), files, init_opt);
         } else {
             // Not multimodal, but contains a subobject.
`,
};
