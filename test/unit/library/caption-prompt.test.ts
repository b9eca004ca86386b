import { describe, expect, it } from 'vitest';
import { CAPTION_MAX_CHARS, captionFromAnswer, captionPrompt } from '../../../native-models/prompts/caption-prompt';
import { INTERNLM2_FORMAT, formatChat } from '../../../native-models/prompts/chat-format';

describe('captionPrompt', () => {
  it('shows the model the picture before the request', async () => {
    const parts = await formatChat(INTERNLM2_FORMAT, captionPrompt({ path: '/p/cat.jpg' }));
    const imageAt = parts.findIndex((part) => part.type === 'image');
    const requestAt = parts.findIndex((part) => part.type === 'text' && part.text.includes('one or two plain sentences'));
    expect(imageAt).toBeGreaterThan(0);
    expect(requestAt).toBeGreaterThan(imageAt);
  });
});

describe('captionFromAnswer', () => {
  it('makes one clean line of the answer', () => {
    expect(captionFromAnswer('  "This image shows a red kite\n over a   green hill."  ')).toBe('a red kite over a green hill.');
    expect(captionFromAnswer('A cat\u0018 on\u0002a mat')).toBe('A cat on a mat');
  });

  it('cuts a rambling answer at a word boundary', () => {
    const caption = captionFromAnswer('word '.repeat(200));
    expect(caption.length).toBeLessThanOrEqual(CAPTION_MAX_CHARS);
    expect(caption.endsWith('word')).toBe(true);
  });
});
