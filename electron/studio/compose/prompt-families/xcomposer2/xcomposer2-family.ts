/**
 * InternLM-XComposer2 asked exactly as its released code asks it: `chat()` for questions about
 * pictures (Ask, /v1, serve, `folio ask`, library captions), the composition demo for the compose
 * steps and edits, VLMEvalKit's wrapper for benchmarks; each tokenised as the original tokenizer
 * does (segments.ts, prompt-parts.ts). Folio's own wording (the article as context for a question,
 * the caption steps) goes in the form the nearest original task uses; each place says so.
 */
import type { ImageInput, PromptPart } from '../../../../../native-models/engines/engine';
import type { ChatPrompt } from '../../../../../native-models/prompts/chat-format';
import { figureCaptionPrompt } from '../../prompts/figure-caption-prompt';
import { searchPhrasePrompt } from '../../../../../native-models/prompts/search-phrase-prompt';
import { oneOf } from '../../prompts/gbnf';
import type { ModelVocabulary } from '../../../../../native-models/tokenizer/model-vocabulary';
import type { ConstrainedPrompt, ModelPrompt, PromptFamily } from '../prompt-family';
import {
  parseSegmentTags,
  xcomposerChoosePrompt,
  xcomposerPlaceGrammar,
  xcomposerPlacePrompt,
  xcomposerTitlePrompt,
  xcomposerWritePrompt,
} from './composition-prompts';
import { xcomposerEditPrompt } from './edit-prompt';
import { benchmarkText, firstCapital } from './eval-prompt';
import { metaInstructionFor } from './meta-instruction';
import { TURN_END } from './original-tokenizer';
import { promptParts, type Segment } from './prompt-parts';
import { benchmarkSegments, chatSegments, compositionSegments } from './segments';

/** Folio's library caption request (the original has none), asked as a `chat()` question. */
const CAPTION_QUESTION =
  'Describe this picture in one or two plain sentences for a photo search: the main subject, what it is doing, the setting, and any distinctive colours, objects or written text. Start with the subject.';

export function xcomposer2Family(vocabulary: ModelVocabulary, pictureSize: number | undefined): PromptFamily {
  const meta = metaInstructionFor(pictureSize);
  const prompt = (chat: ChatPrompt, segments: Segment[]): ModelPrompt => {
    let parts: PromptPart[] | undefined;
    // Tokenised on first use: ModelSession.ask refuses a text too long for the context before.
    return { chat, parts: () => Promise.resolve((parts ??= promptParts(vocabulary, segments))) };
  };
  const asChat = (conversation: ChatPrompt): ModelPrompt =>
    prompt(
      conversation.turns.some((turn) => turn.role === 'system')
        ? conversation
        : { ...conversation, turns: [{ role: 'system', content: meta }, ...conversation.turns] },
      chatSegments(conversation, meta),
    );
  const composition = (chat: ChatPrompt): ModelPrompt => {
    const user = chat.turns.find((turn) => turn.role === 'user')?.content ?? '';
    return prompt(chat, compositionSegments(typeof user === 'string' ? [user] : user, chat.answerPrefix));
  };
  return {
    name: 'xcomposer2',
    turnEnd: TURN_END,
    ...(pictureSize ? { pictureSize } : {}),
    // The demos put `<ImageHere>` first in the query. The article as context is Folio's wording.
    ask: ({ question, images = [], document }) =>
      asChat({
        turns: [
          {
            role: 'user',
            content: [...images, ...(document ? [`Here is the article I am writing:\n${document}\n\n`] : []), question],
          },
        ],
      }),
    chat: asChat,
    caption: (image: ImageInput) => asChat({ turns: [{ role: 'user', content: [image, CAPTION_QUESTION] }] }),
    // Folio's request, asked as a chat() question under the model's own meta instruction.
    searchPhrase: (text) => {
      const studio = searchPhrasePrompt(text);
      return asChat({ ...studio, turns: studio.turns.filter((turn) => turn.role !== 'system') });
    },
    write: (outline, references) => composition(xcomposerWritePrompt(outline, references)),
    place: (blocks, count, references): ConstrainedPrompt<number[]> => {
      const paragraphs = blocks.filter((block) => block.kind === 'paragraph').length;
      return {
        prompt: composition(xcomposerPlacePrompt(blocks, count, references)),
        constraint: { type: 'grammar', grammar: xcomposerPlaceGrammar(count === null ? null : Math.min(count, paragraphs)) },
        read: (answer) => {
          const tags = parseSegmentTags(answer);
          return tags.length > 0 ? tags : null;
        },
      };
    },
    title: (blocks, paragraphIndex, earlier) => composition(xcomposerTitlePrompt(blocks, paragraphIndex, earlier)),
    choose: (blocks, paragraphIndex, _title, placed, candidates) =>
      composition(xcomposerChoosePrompt(blocks, paragraphIndex, placed, candidates)),
    // The demo has no caption step: Folio's request, without the system turn the demo never sends.
    figureCaption: (context, title, image) => {
      const studio = figureCaptionPrompt(context, title, image);
      return composition({ ...studio, turns: studio.turns.filter((turn) => turn.role !== 'system') });
    },
    edit: (request) => composition(xcomposerEditPrompt(request)),
    evalQuestion: (question): ConstrainedPrompt<string> => {
      const letters = question.options.map((option) => option.letter);
      const { text, chat } = benchmarkText(question);
      return {
        prompt: prompt(chat, benchmarkSegments(text, question.picture)),
        constraint: { type: 'grammar', grammar: `root ::= " "? (${oneOf(letters).replace(/^root ::= /, '')})` },
        read: (answer) => firstCapital(answer, letters),
      };
    },
  };
}
