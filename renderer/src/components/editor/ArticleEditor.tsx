import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useState } from 'react';
import { attachArticleEditor, detachArticleEditor } from '../../editor/article-editor';
import { articleExtensions, type ArticleExtensionOptions } from '../../editor/article-extensions';
import { figurePlaceAtPoint } from '../../editor/figure/figure-place';
import { firstHeading } from '../../editor/first-heading';
import { libraryPictureFrom } from '../../editor/library-drag';
import { isPastedMarkdown } from '../../editor/pasted-markdown';
import { isWriterEdit } from '../../editor/transaction-meta';
import { picturesIn } from '../../pictures/picture-files';
import { pictureUrls } from '../../store/picture-urls';
import { useStudio } from '../../store/studio-store';
import { EditorBar } from './EditorBar';
import { ParagraphMenu } from './ParagraphMenu';

/** What the figure extension needs from the app: the store's figure actions and picture URLs. */
const figureOptions: ArticleExtensionOptions['figure'] = {
  assetThumbnailUrl: (assetId) => pictureUrls.assetThumbnail(assetId),
  libraryThumbnailUrl: (libraryImageId) => pictureUrls.libraryThumbnail(libraryImageId),
  changeFigure: (position, action) => useStudio.getState().changeFigure(position, action),
  findLibraryPictures: (query) => useStudio.getState().findLibraryPictures(query),
  useFigureEdit: (position) => ({
    busy: useStudio((state) => state.figureEdit !== null && state.figureEdit.position === position),
    anotherBusy: useStudio((state) => state.figureEdit !== null),
  }),
};

/** The article: Tiptap owns the document; the store hears only that it changed. */
export function ArticleEditor() {
  const [linkFieldOpen, setLinkFieldOpen] = useState(false);
  const editor = useEditor({
    extensions: articleExtensions({
      assetUrl: (assetId) => pictureUrls.asset(assetId),
      figure: figureOptions,
      editLink: () => setLinkFieldOpen(true),
    }),
    // The page's CSP allows no inline <style>: Tiptap's base styles are in prosemirror.css.
    injectCSS: false,
    editorProps: {
      attributes: { class: 'article', 'aria-label': 'Article', 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true' },
      handlePaste(_view, event) {
        const pictures = picturesIn(event.clipboardData?.files);
        if (pictures.length > 0) {
          void useStudio.getState().addPicturesToArticle(pictures, null);
          return true;
        }
        const text = event.clipboardData?.getData('text/plain') ?? '';
        if (!isPastedMarkdown(text, event.clipboardData?.getData('text/html') ?? '')) return false;
        void useStudio.getState().pasteMarkdown(text);
        return true;
      },
      handleDrop(view, event) {
        const fromLibrary = libraryPictureFrom(event.dataTransfer);
        if (fromLibrary) {
          event.preventDefault();
          void useStudio
            .getState()
            .insertLibraryPicture(fromLibrary, figurePlaceAtPoint(view, { left: event.clientX, top: event.clientY }));
          return true;
        }
        const pictures = picturesIn(event.dataTransfer?.files);
        if (pictures.length === 0) return false;
        event.preventDefault();
        void useStudio.getState().addPicturesToArticle(pictures, figurePlaceAtPoint(view, { left: event.clientX, top: event.clientY }));
        return true;
      },
    },
    onUpdate: ({ editor: current, transaction }) => {
      if (isWriterEdit(transaction)) useStudio.getState().documentChanged();
      useStudio.getState().articleHeadingChanged(firstHeading(current.state.doc));
    },
  });

  useEffect(() => {
    if (!editor) return;
    attachArticleEditor(editor);
    return () => detachArticleEditor(editor);
  }, [editor]);

  return (
    <div className="editor-frame" data-testid="editor">
      {editor && <EditorBar editor={editor} linkFieldOpen={linkFieldOpen} setLinkFieldOpen={setLinkFieldOpen} />}
      <EditorContent editor={editor} />
      {editor && <ParagraphMenu editor={editor} />}
    </div>
  );
}
