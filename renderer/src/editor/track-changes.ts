import type { Editor } from '@tiptap/core';
import { Mapping } from '@tiptap/pm/transform';
import type { Transaction } from '@tiptap/pm/state';

export interface ChangeTracker {
  /** Every change made to the document since tracking began. */
  readonly mapping: Mapping;
  stop(): void;
}

/** Follows the writer's edits while a model edit runs, so its result lands where the paragraph is now. */
export function trackChanges(editor: Editor): ChangeTracker {
  const mapping = new Mapping();
  const onTransaction = ({ transaction }: { transaction: Transaction }) => {
    if (transaction.docChanged) mapping.appendMapping(transaction.mapping);
  };
  editor.on('transaction', onTransaction);
  return { mapping, stop: () => editor.off('transaction', onTransaction) };
}
