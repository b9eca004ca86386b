/**
 * Paragraph edits in the composition demo's own words (InternLM/InternLM-XComposer
 * InternLM-XComposer-2.0/examples/gradio_demo_composition.py, `paragraph_edit`): 扩写 (expand)
 * and 改写 (rewrite) "the following paragraph, based on the following material", 缩写 (shorten)
 * "the following paragraph", and 前/后插入一段 (insert before / after): "insert a paragraph between
 * these two", with the outline of the new one. The demo shows no more of the article than that.
 * Folio's rewrite takes no material: the demo's line is kept with the material empty, as the
 * demo sends it when the writer typed none.
 */
import type { ChatPrompt } from '../../../../../native-models/prompts/chat-format';
import type { EditRequest } from '../prompt-family';

export function xcomposerEditPrompt({ paragraph, previous, next, edit }: EditRequest): ChatPrompt {
  const instruction = {
    expand: () => `扩写以下段落：${paragraph}\n基于以下素材：${edit.kind === 'expand' ? (edit.material ?? '') : ''}`,
    rewrite: () => `改写以下段落：${paragraph}\n基于以下素材：`,
    shorten: () => `缩写以下段落：${paragraph}`,
    'insert-before': () =>
      `在以下两段中插入一段。\n第一段：${previous}\n第二段：${paragraph}\n插入段的大纲：${edit.kind === 'insert-before' ? edit.outline : ''}`,
    'insert-after': () =>
      `在以下两段中插入一段。\n第一段：${paragraph}\n第二段：${next}\n插入段的大纲：${edit.kind === 'insert-after' ? edit.outline : ''}`,
  }[edit.kind]();
  return { turns: [{ role: 'user', content: instruction }] };
}
