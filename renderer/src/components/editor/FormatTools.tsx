import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import {
  BLOCK_STYLES,
  blockStyleAt,
  FORMAT_TOOLS,
  setBlockStyle,
  type BlockStyle,
  type FormatToolName,
} from '../../editor/formatting/format-tools';
import { useRovingFocus } from '../../editor/figure/use-roving-focus';
import { shortcutLabel } from '../../keyboard/shortcuts';

/**
 * What each button shows: letters a writer knows from other editors (the label says the rest).
 * The lists' and the quote's marks (•, 1., “) are drawn by the style sheet, so the visible
 * words stay part of the spoken name.
 */
const FACES: Record<FormatToolName, string> = {
  bold: 'B',
  italic: 'I',
  link: 'Link',
  bulletList: 'List',
  orderedList: 'List',
  blockquote: 'Quote',
};

/**
 * The text style, then Bold, Italic, Link, the lists and Quote: pressed when the selection has
 * them; one tab stop, arrow keys inside. A button keeps the editor's selection (no focus steal
 * on mouse down), so a writer selects, clicks, and keeps typing.
 */
export function FormatTools({ editor, onEditLink }: { editor: Editor; onEditLink: () => void }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      style: blockStyleAt(e),
      tools: FORMAT_TOOLS.map((tool) => ({ name: tool.name, active: tool.isActive(e), enabled: tool.canApply(e) })),
    }),
  });
  const roving = useRovingFocus<HTMLDivElement>();
  return (
    <>
      <select
        className="block-style"
        aria-label="Text style"
        title={`Text style (${BLOCK_STYLES.map((choice) => `${choice.label} ${shortcutLabel(choice.shortcut)}`).join(', ')})`}
        data-testid="block-style"
        value={state.style ?? ''}
        disabled={!state.editable || state.style === null}
        onChange={(event) => setBlockStyle(editor, event.target.value as BlockStyle)}
      >
        {state.style === null && <option value="">—</option>}
        {BLOCK_STYLES.map((choice) => (
          <option key={choice.style} value={choice.style} title={shortcutLabel(choice.shortcut)}>
            {choice.label}
          </option>
        ))}
      </select>
      <div
        className="format-tools"
        role="group"
        aria-label="Formatting"
        ref={roving.ref}
        onKeyDown={roving.onKeyDown}
        onFocus={roving.onFocus}
      >
        {FORMAT_TOOLS.map((tool, index) => {
          const { active, enabled } = state.tools[index] ?? { active: false, enabled: false };
          return (
            <button
              key={tool.name}
              type="button"
              className={`quiet format-tool format-${tool.name}`}
              aria-label={tool.label}
              aria-pressed={active}
              title={`${tool.label} (${shortcutLabel(tool.shortcut)})`}
              data-testid={`format-${tool.name}`}
              disabled={!state.editable || !enabled}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => (tool.toggle ? tool.toggle(editor) : onEditLink())}
            >
              {FACES[tool.name]}
            </button>
          );
        })}
      </div>
    </>
  );
}
