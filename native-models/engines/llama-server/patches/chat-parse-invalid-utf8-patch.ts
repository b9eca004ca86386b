/**
 * llama-server runs its chat-output parser on every answer, /v1 and /completion alike, and that
 * parser fails the whole answer (HTTP 500, "does not match the expected Content-only format") on
 * text that is not valid UTF-8, which a model may write at any time. The patch shows the parser
 * such bytes as U+FFFD. /completion is also fixed without it (the engine sends a parser that
 * accepts any text), but /v1/chat/completions, which the openai-compatible engine speaks, is not.
 *
 * Upstream: changes tools/server/server-task.cpp, `task_result_state::update_chat_msg` (a new
 * `folio_replace_invalid_utf8` before `common_chat_parse`). No upstream issue or PR known to us.
 */
import type { LlamaServerPatch } from './llama-server-patch';

export const CHAT_PARSE_INVALID_UTF8_PATCH: LlamaServerPatch = {
  name: 'chat-parse-invalid-utf8',
  diff: `diff --git a/tools/server/server-task.cpp b/tools/server/server-task.cpp
--- a/tools/server/server-task.cpp
+++ b/tools/server/server-task.cpp
@@ -8,6 +8,7 @@
 #include "llama.h"
 #include "sampling.h"
 #include "speculative.h"
+#include "unicode.h"
 #include "server-common.h"
 
 #include <sstream>
@@ -148,6 +149,25 @@ json task_params::to_json(bool only_metrics) const {
 //
 // task_result_state
 //
+
+// Folio: the chat parser fails the whole answer on text that is not valid UTF-8 (a model may
+// write lone high bytes at any time); it sees such bytes as U+FFFD instead.
+static std::string folio_replace_invalid_utf8(const std::string & text) {
+    std::string out;
+    out.reserve(text.size());
+    for (size_t pos = 0; pos < text.size();) {
+        const auto result = common_parse_utf8_codepoint(text, pos);
+        if (result.status == utf8_parse_result::SUCCESS) {
+            out.append(text, pos, result.bytes_consumed);
+            pos += result.bytes_consumed;
+        } else {
+            out += "\\xEF\\xBF\\xBD";
+            pos += 1;
+        }
+    }
+    return out;
+}
+
 task_result_state::task_result_state(const common_chat_parser_params & chat_parser_params)
     : chat_parser_params(chat_parser_params)
     , oai_resp_id("resp_" + random_string())
@@ -168,7 +188,7 @@ common_chat_msg task_result_state::update_chat_msg(
     auto msg_prv_copy = chat_msg;
     //SRV_DBG("Parsing chat message: %s\\n", generated_text.c_str());
     auto new_msg = common_chat_parse(
-        generated_text,
+        folio_replace_invalid_utf8(generated_text),
         is_partial,
         chat_parser_params);
     if (!new_msg.empty()) {
`,
};
