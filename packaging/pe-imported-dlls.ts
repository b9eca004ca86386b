/**
 * The DLLs a Windows program or library names (its import and delay-load import tables), read
 * from the file itself: packaging checks the Windows llama-server folder on any machine, and
 * Windows has no readelf. Layout: Microsoft's PE format (DOS header → "PE\0\0" → COFF header →
 * optional header with its data directories → section table, where the tables' addresses lie).
 */

const IMPORT_DIRECTORY = 1;
const DELAY_IMPORT_DIRECTORY = 13;

export function peImportedDlls(file: Buffer): string[] {
  const problem = (why: string): Error => new Error(`Not a Windows program or library: ${why}.`);
  if (file.length < 64 || file.toString('latin1', 0, 2) !== 'MZ') throw problem('no MZ header');
  const pe = file.readUInt32LE(0x3c);
  if (pe + 24 > file.length || file.toString('latin1', pe, pe + 4) !== 'PE\0\0') throw problem('no PE signature');
  const sectionCount = file.readUInt16LE(pe + 6);
  const optionalSize = file.readUInt16LE(pe + 20);
  const optional = pe + 24;
  const magic = file.readUInt16LE(optional);
  if (magic !== 0x10b && magic !== 0x20b) throw problem(`unknown optional header ${magic.toString(16)}`);
  const directories = optional + (magic === 0x20b ? 112 : 96);
  const directoryCount = file.readUInt32LE(directories - 4);
  const sections = Array.from({ length: sectionCount }, (_, i) => {
    const at = optional + optionalSize + i * 40;
    return {
      address: file.readUInt32LE(at + 12),
      size: Math.max(file.readUInt32LE(at + 8), file.readUInt32LE(at + 16)),
      offset: file.readUInt32LE(at + 20),
    };
  });
  const offsetOf = (rva: number): number => {
    const section = sections.find((s) => rva >= s.address && rva < s.address + s.size);
    if (!section) throw problem(`address ${rva.toString(16)} is in no section`);
    return rva - section.address + section.offset;
  };
  const nameAt = (rva: number): string => {
    const start = offsetOf(rva);
    return file.toString('latin1', start, file.indexOf(0, start));
  };
  const tableNames = (directory: number, entrySize: number, nameField: number): string[] => {
    if (directory >= directoryCount) return [];
    const rva = file.readUInt32LE(directories + directory * 8);
    if (rva === 0) return [];
    const names: string[] = [];
    for (let at = offsetOf(rva); at + entrySize <= file.length; at += entrySize) {
      const name = file.readUInt32LE(at + nameField);
      if (name === 0) break;
      names.push(nameAt(name));
    }
    return names;
  };
  return [...tableNames(IMPORT_DIRECTORY, 20, 12), ...tableNames(DELAY_IMPORT_DIRECTORY, 32, 4)];
}
