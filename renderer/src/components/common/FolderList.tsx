import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { FolderEntry } from '@contract/studio-api';

interface Props {
  /** The folder's name, for the list's label. */
  folderName: string;
  entries: FolderEntry[];
  /** The selected entry's index; -1 for none. */
  active: number;
  onSelect(index: number): void;
  /** Enter or double-click. */
  onActivate(entry: FolderEntry): void;
  /** Backspace. */
  onUp(): void;
}

const KB = 1024;

function sizeText(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < KB) return `${bytes} bytes`;
  if (bytes < KB * KB) return `${Math.round(bytes / KB)} KB`;
  if (bytes < KB ** 3) return `${(bytes / KB ** 2).toFixed(1)} MB`;
  return `${(bytes / KB ** 3).toFixed(1)} GB`;
}

const KIND_LABEL: Record<FolderEntry['kind'], string> = { folder: 'Folder', project: 'Folio project', file: 'File' };

function EntryIcon({ kind }: { kind: FolderEntry['kind'] }) {
  // Drawn, not emoji: a headless server's browser may have no emoji font.
  const shape = kind === 'file' ? 'M4 1.5h5.5L13 5v9.5H4z M9.5 1.5V5H13' : 'M1.5 3.5h5l1.5 1.5h6.5v8.5h-13z';
  return (
    <svg className={`picker-icon picker-icon-${kind}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d={shape} />
      {kind === 'project' && <path d="M5 8.5h6M5 11h4" />}
    </svg>
  );
}

/** A finding typed within this long of the last key continues it ("ha" finds Harbour). */
const TYPE_TO_FIND_MS = 800;

/** The folder's contents as a listbox: arrows move, Enter opens, Backspace goes up, typing finds. */
export function FolderList({ folderName, entries, active, onSelect, onActivate, onUp }: Props) {
  const id = useId();
  const typed = useRef({ text: '', at: 0 });

  useEffect(() => {
    if (active >= 0) document.getElementById(`${id}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  const find = (key: string) => {
    const now = Date.now();
    typed.current = { text: (now - typed.current.at < TYPE_TO_FIND_MS ? typed.current.text : '') + key.toLowerCase(), at: now };
    const found = entries.findIndex((entry) => entry.name.toLowerCase().startsWith(typed.current.text));
    if (found >= 0) onSelect(found);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = entries.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, active + 1),
      ArrowUp: Math.max(0, active - 1),
      Home: 0,
      End: last,
      PageDown: Math.min(last, active + 10),
      PageUp: Math.max(0, active - 10),
    };
    const move = moves[event.key];
    if (move !== undefined) {
      if (last >= 0) onSelect(move);
    } else if (event.key === 'Enter') {
      const entry = entries[active];
      if (!entry) return;
      onActivate(entry);
    } else if (event.key === 'Backspace') {
      onUp();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      find(event.key);
    } else {
      return;
    }
    event.preventDefault();
  };

  return (
    <div
      className="picker-list"
      role="listbox"
      tabIndex={0}
      aria-label={`In ${folderName}`}
      aria-activedescendant={active >= 0 ? `${id}-${active}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="picker-list"
    >
      {entries.map((entry, index) => (
        <div
          key={entry.name}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === active}
          className={`picker-entry${index === active ? ' selected' : ''}`}
          onClick={() => onSelect(index)}
          onDoubleClick={() => onActivate(entry)}
          data-testid="picker-entry"
          data-kind={entry.kind}
        >
          <EntryIcon kind={entry.kind} />
          <span className="picker-name">{entry.name}</span>
          <span className="picker-detail">{entry.kind === 'file' ? sizeText(entry.size) : KIND_LABEL[entry.kind]}</span>
          <span className="picker-detail">{entry.modified ? new Date(entry.modified).toLocaleDateString() : ''}</span>
        </div>
      ))}
    </div>
  );
}
