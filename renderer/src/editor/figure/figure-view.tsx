import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useEffect, useState } from 'react';
import type { FigureAttrs } from '@contract/studio-api';
import type { FigureOptions } from './figure-options';
import { FigureLibrarySearch } from './figure-library-search';
import { Thumbnail } from './thumbnail';
import { useRovingFocus } from './use-roving-focus';

/** A figure in the editor: the picture (or why there is none), its caption, the other candidates and the ways to change it. */
export function FigureView({ node, editor, extension, getPos, selected }: ReactNodeViewProps) {
  const attrs = node.attrs as FigureAttrs;
  const options = extension.options as FigureOptions;
  const { changeFigure } = options;
  const { busy, anotherBusy } = options.useFigureEdit(getPos());
  const [caption, setCaption] = useState(attrs.caption);
  const [searching, setSearching] = useState(false);
  const tools = useRovingFocus<HTMLDivElement>();

  useEffect(() => setCaption(attrs.caption), [attrs.caption]);

  const position = () => getPos() ?? -1;
  const commitCaption = () => {
    if (caption !== attrs.caption) editor.commands.setFigureCaption(position(), caption);
  };

  return (
    <NodeViewWrapper
      as="figure"
      className={`figure${selected ? ' is-selected' : ''}${busy ? ' is-busy' : ''}`}
      data-testid="figure"
      data-asset-id={attrs.assetId ?? ''}
      aria-busy={busy || undefined}
      aria-label={attrs.slotTitle ? `Figure: ${attrs.slotTitle}` : 'Figure'}
    >
      <div className="figure-picture" data-drag-handle>
        {attrs.assetId ? (
          <img
            src={options.assetUrl(attrs.assetId)}
            alt={attrs.alt || attrs.caption || attrs.slotTitle}
            draggable={false}
            loading="lazy"
            decoding="async"
          />
        ) : (
          <div className="figure-empty" role="note">
            {attrs.emptyReason ?? 'No picture yet.'}
          </div>
        )}
        <div
          className="figure-tools"
          contentEditable={false}
          role="toolbar"
          aria-label="Figure tools"
          ref={tools.ref}
          onKeyDown={tools.onKeyDown}
          onFocus={tools.onFocus}
          data-testid="figure-tools"
        >
          {attrs.candidates.length > 1 && (
            <div className="figure-candidates" role="group" aria-label="Other pictures the model considered">
              {attrs.candidates.map((candidate, index) => (
                <button
                  key={`${candidate}-${index}`}
                  type="button"
                  className="figure-candidate"
                  data-testid="figure-candidate"
                  data-index={index}
                  aria-pressed={attrs.chosen === index}
                  aria-label={`Candidate ${String.fromCharCode(65 + index)}`}
                  title={attrs.chosen === index ? 'The chosen picture' : `Use candidate ${String.fromCharCode(65 + index)}`}
                  disabled={anotherBusy}
                  onClick={() => attrs.chosen !== index && void changeFigure(position(), { kind: 'swap', candidate: index })}
                >
                  <Thumbnail url={options.assetThumbnailUrl(candidate)} />
                </button>
              ))}
            </div>
          )}
          <div className="figure-actions">
            <button type="button" data-testid="figure-replace" aria-expanded={searching} onClick={() => setSearching(!searching)}>
              Replace from library
            </button>
            <button type="button" disabled={anotherBusy} onClick={() => void changeFigure(position(), { kind: 'recaption' })}>
              New caption
            </button>
            <button
              type="button"
              data-testid="figure-retitle"
              disabled={anotherBusy}
              title="Give the figure a new title and find pictures for it"
              onClick={() => void changeFigure(position(), { kind: 'retitle' })}
            >
              New title
            </button>
            <button
              type="button"
              data-testid="figure-rechoose"
              disabled={anotherBusy || attrs.candidates.length < 2}
              title="Let the model choose among the candidates again"
              onClick={() => void changeFigure(position(), { kind: 'rechoose' })}
            >
              Choose again
            </button>
            <button
              type="button"
              className="danger"
              data-testid="figure-remove"
              onClick={() => editor.chain().removeFigure(position()).focus().run()}
            >
              Remove
            </button>
          </div>
        </div>
      </div>
      <textarea
        className="figure-caption"
        rows={1}
        data-testid="figure-caption"
        aria-label="Caption"
        placeholder="Caption"
        value={caption}
        disabled={!editor.isEditable}
        onChange={(event) => setCaption(event.target.value)}
        onBlur={commitCaption}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commitCaption();
          }
          if (event.key === 'Escape') setCaption(attrs.caption);
        }}
      />
      {searching && (
        <FigureLibrarySearch
          initialQuery={attrs.slotTitle}
          disabled={anotherBusy}
          findLibraryPictures={options.findLibraryPictures}
          libraryThumbnailUrl={options.libraryThumbnailUrl}
          onChoose={(libraryImageId) => {
            setSearching(false);
            void changeFigure(position(), { kind: 'replace', libraryImageId });
          }}
        />
      )}
    </NodeViewWrapper>
  );
}
