/**
 * What the picker does for each purpose: where it starts from the path in the field, what a
 * double-click or Enter on an entry does, and which path Choose hands back.
 */
import type { ExportFormat, FolderEntry, FolderListing, PickPurpose } from '@contract/studio-api';
import { folderOf, joinPath, nameOf } from './picker-paths';

const PROJECT_EXTENSION = '.folio';

/** Purposes that name something new: the picker has a name field and Choose means "here, under this name". */
export const namesNewFile = (purpose: PickPurpose): boolean => purpose === 'save-project' || purpose === 'export';

export interface PickerStart {
  /** The folder to show first; home when there is none. */
  folder: string | undefined;
  /** The entry to select there. */
  select: string | null;
  /** The name field's first value (save and export). */
  fileName: string;
}

export function pickerStart(purpose: PickPurpose, value: string): PickerStart {
  const typed = value.trim();
  if (!typed) return { folder: undefined, select: null, fileName: '' };
  // The picture folder itself is shown (Choose takes it); anything else is shown in its folder, selected.
  if (purpose === 'library-folder' || purpose === 'checkpoint-folder') return { folder: typed, select: null, fileName: '' };
  const folder = folderOf(typed) || undefined;
  return namesNewFile(purpose) ? { folder, select: null, fileName: nameOf(typed) } : { folder, select: nameOf(typed), fileName: '' };
}

/** Enter and double-click: go into a folder, choose a file or project, or (when naming) take a file's name. */
export function entryAction(purpose: PickPurpose, entry: FolderEntry): 'enter' | 'choose' | 'name' {
  if (entry.kind === 'folder') return 'enter';
  if (entry.kind === 'project') return purpose === 'open-project' ? 'choose' : 'enter';
  return namesNewFile(purpose) ? 'name' : 'choose';
}

/** The path Choose hands back, or null while nothing that fits the purpose is selected or named. */
export function chosenPath(
  purpose: PickPurpose,
  listing: FolderListing,
  entry: FolderEntry | null,
  fileName: string,
  format?: ExportFormat,
): string | null {
  const here = (name: string) => joinPath(listing.path, name);
  switch (purpose) {
    case 'decoder':
    case 'projector':
    case 'benchmark':
    case 'import-article':
      return entry?.kind === 'file' ? here(entry.name) : null;
    case 'library-folder':
    case 'checkpoint-folder':
      return entry && entry.kind !== 'file' ? here(entry.name) : listing.path;
    case 'open-project':
      if (entry?.kind === 'project') return here(entry.name);
      return listing.path.toLowerCase().endsWith(PROJECT_EXTENSION) ? listing.path : null;
    case 'save-project':
    case 'export': {
      const name = fileName.trim();
      if (!name || /[\\/]/.test(name)) return null;
      // The name the file will have, shown before Choose: a project is a .folio folder, an export gets its format's extension (a Markdown export is a folder).
      const extension = purpose === 'save-project' ? PROJECT_EXTENSION : format && format !== 'md' ? `.${format}` : '';
      return here(name.toLowerCase().endsWith(extension) ? name : name + extension);
    }
  }
}
