import type { Transaction } from '@tiptap/pm/state';

/** Transactions the writer did not make: opening a document, streamed model text. They do not autosave. */
export const NOT_AN_EDIT = 'folio-not-an-edit';

export function isWriterEdit(transaction: Transaction): boolean {
  return transaction.docChanged && !transaction.getMeta(NOT_AN_EDIT);
}
