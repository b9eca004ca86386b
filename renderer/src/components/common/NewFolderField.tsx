import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStudio } from '../../store/studio-store';

interface Props {
  /** Where the folder is made: the folder the picker shows. */
  folder: string;
  onMade(path: string): void;
}

/** The picker's New folder: a button, then a name and Make. */
export function NewFolderField({ folder, onMade }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [naming, setNaming] = useState(false);
  const wasNaming = useRef(false);
  const [name, setName] = useState('');
  useEffect(() => {
    // Focus follows the field in and, after Escape, back to the button (not to the page).
    if (naming) input.current?.focus();
    else if (wasNaming.current) button.current?.focus();
    wasNaming.current = naming;
  }, [naming]);
  const make = async () => {
    if (!name.trim()) return;
    const made = await useStudio.getState().makeFolder(folder, name);
    if (!made) return;
    wasNaming.current = false; // the picker moves focus into the new folder
    setNaming(false);
    setName('');
    onMade(made);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter makes the folder; it must not also submit the picker (Choose).
    if (event.key === 'Enter') {
      event.preventDefault();
      void make();
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      setNaming(false);
    }
  };

  if (!naming) {
    return (
      <button ref={button} type="button" onClick={() => setNaming(true)} data-testid="picker-new-folder">
        New folder
      </button>
    );
  }
  return (
    <span className="picker-new-folder">
      <input
        ref={input}
        type="text"
        spellCheck={false}
        aria-label="New folder name"
        placeholder="New folder name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid="picker-new-folder-name"
      />
      <button type="button" disabled={!name.trim()} onClick={() => void make()} data-testid="picker-make-folder">
        Make
      </button>
    </span>
  );
}
