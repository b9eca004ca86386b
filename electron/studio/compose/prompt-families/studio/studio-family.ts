/**
 * Folio's own English prompts (native-models/prompts/), in the model's chat format: the GGUF's
 * own template when it has one, else InternLM2's markers (chat-format.ts). Every model that is
 * not recognised as another family is asked this way; pictures are left to the engine's
 * projector to resize as it was made to.
 */
import type { ChatFormat, ChatPrompt } from '../../../../../native-models/prompts/chat-format';
import { formatChat } from '../../../../../native-models/prompts/chat-format';
import { askPrompt } from '../../../../../native-models/prompts/ask-prompt';
import { captionPrompt } from '../../../../../native-models/prompts/caption-prompt';
import { searchPhrasePrompt } from '../../../../../native-models/prompts/search-phrase-prompt';
import { choosePrompt } from '../../prompts/choose-prompt';
import { editPrompt } from '../../prompts/edit-prompts';
import { figureCaptionPrompt } from '../../prompts/figure-caption-prompt';
import { placePrompt, placeSchema } from '../../prompts/place-prompt';
import { titlePrompt } from '../../prompts/title-prompt';
import { writePrompt } from '../../prompts/write-prompt';
import type { ModelPrompt, PromptFamily } from '../prompt-family';
import { letterGrammar, letterIn, questionPrompt } from './eval-question-prompt';

export function studioFamily(format: ChatFormat): PromptFamily {
  const render = (chat: ChatPrompt): ModelPrompt => ({ parts: () => formatChat(format, chat), chat });
  return {
    name: 'studio',
    turnEnd: format.turnEnd,
    ask: (input) => render(askPrompt(input)),
    chat: render,
    caption: (image) => render(captionPrompt(image)),
    searchPhrase: (text) => render(searchPhrasePrompt(text)),
    write: (outline, references) => render(writePrompt(outline, [...references])),
    place: (blocks, count, references) => ({
      prompt: render(placePrompt(blocks, count, [...references])),
      constraint: { type: 'json-schema', schema: placeSchema(blocks.filter((block) => block.kind === 'paragraph').length, count) },
      read: figuresIn,
    }),
    title: (blocks, paragraphIndex, earlier) =>
      render(
        titlePrompt(
          blocks,
          paragraphIndex,
          earlier.map((slot) => slot.title),
        ),
      ),
    choose: (blocks, paragraphIndex, title, placed, candidates) => render(choosePrompt(blocks, paragraphIndex, title, placed, candidates)),
    figureCaption: (context, title, image) => render(figureCaptionPrompt(context, title, image)),
    edit: ({ article, paragraph, edit }) => render(editPrompt(article, paragraph, edit)),
    evalQuestion: (question) => {
      const letters = question.options.map((option) => option.letter);
      return {
        prompt: render(questionPrompt(question)),
        constraint: { type: 'grammar', grammar: letterGrammar(question.options) },
        read: (answer) => letterIn(answer, letters),
      };
    },
  };
}

/** The place answer's paragraph numbers; null when the JSON was cut off before it closed. */
function figuresIn(text: string): number[] | null {
  try {
    const value = JSON.parse(text) as { figures?: unknown };
    return Array.isArray(value.figures) ? value.figures.filter((item): item is number => typeof item === 'number') : null;
  } catch {
    return null;
  }
}
