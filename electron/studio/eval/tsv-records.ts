/**
 * Tab-separated records read as a stream, never the whole file: benchmark files carry every
 * picture as base64 and run to hundreds of megabytes. Quoting follows Python's csv module as
 * pandas' `to_csv(sep='\t')` writes it (QUOTE_MINIMAL): a field holding a tab, a quote or a line
 * break is wrapped in double quotes, and a quote inside is doubled. Such a field may span lines.
 */
import { OutsideFileError } from '../../../native-models/files/outside-file-error';
import { openOutsideFile, type OutsideFile } from '../../../native-models/files/read-outside-file';

export interface TsvRecord {
  fields: string[];
  /** Byte offset of the record's first byte in the file, to read it again later (readRecordAt). */
  offset: number;
}

/**
 * The longest field read: a picture as base64 (importImage takes up to 42 MB, 56 million
 * characters of base64), with room. A longer one is refused as it grows, before it is whole: a
 * 600 MB question ended in V8's "Invalid string length", a 500 MB one reached the model.
 */
const MAX_FIELD_CHARS = 64 * 1024 * 1024;

export class TsvFieldTooLong extends Error {
  override readonly name = 'TsvFieldTooLong';
  constructor(readonly limit: number) {
    super(`a field is longer than ${limit} characters`);
  }
}

/** A record parser fed chunk by chunk; `finish` flushes a last record without a line break. */
class RecordParser {
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  private inQuotes = false;
  /** A quote seen inside a quoted field: either the closing quote or the first of a doubled one. */
  private quotePending = false;
  private recordStart = 0;
  private position = 0;
  private fieldStarted = false;

  constructor(private readonly emit: (record: TsvRecord) => void) {}

  /** `text` must be whole characters; `byteLength` of each character is counted for offsets. */
  push(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (code === 0x22) {
            this.field += '"';
            this.position += 1;
            continue;
          }
          this.inQuotes = false; // that quote closed the field; this character is read below
        } else if (code === 0x22) {
          this.quotePending = true;
          this.position += 1;
          continue;
        } else {
          // Long runs (base64 pictures) are copied at once rather than character by character.
          const end = nextQuote(text, i);
          const run = text.slice(i, end);
          this.grow(run);
          this.position += Buffer.byteLength(run);
          i = end - 1;
          continue;
        }
      }
      if (code === 0x09) {
        this.endField();
        this.position += 1;
      } else if (code === 0x0a) {
        this.position += 1;
        this.endRecord();
      } else if (code === 0x0d) {
        this.position += 1; // a CR before LF (Windows line ends) belongs to the line break
      } else if (code === 0x22 && !this.fieldStarted) {
        this.inQuotes = true;
        this.quoted = true;
        this.fieldStarted = true;
        this.position += 1;
      } else {
        const end = nextSpecial(text, i);
        const run = text.slice(i, end);
        this.grow(run);
        this.fieldStarted = true;
        this.position += Buffer.byteLength(run);
        i = end - 1;
      }
    }
  }

  finish(): void {
    if (this.inQuotes && this.quotePending) this.inQuotes = false;
    if (this.fieldStarted || this.fields.length > 0) this.endRecord();
  }

  /** Whether the input ended inside a quoted field (a broken file). */
  get unterminated(): boolean {
    return this.inQuotes && !this.quotePending;
  }

  private grow(run: string): void {
    if (this.field.length + run.length > MAX_FIELD_CHARS) throw new TsvFieldTooLong(MAX_FIELD_CHARS);
    this.field += run;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.quoted = false;
    this.fieldStarted = false;
  }

  private endRecord(): void {
    const empty = this.fields.length === 0 && !this.fieldStarted && !this.quoted;
    this.endField();
    if (!empty) this.emit({ fields: this.fields, offset: this.recordStart });
    this.fields = [];
    this.recordStart = this.position;
  }
}

function nextQuote(text: string, from: number): number {
  const at = text.indexOf('"', from);
  return at < 0 ? text.length : at;
}

// One search for the nearest of the three: searching each separately scans a whole chunk per field.
const SPECIAL = /[\t\n\r]/g;

function nextSpecial(text: string, from: number): number {
  SPECIAL.lastIndex = from + 1;
  const found = SPECIAL.exec(text);
  return found ? found.index : text.length;
}

/**
 * Every record of the file, in order, with its byte offset. The file is opened through the one
 * reader of outside files (a FIFO or a /proc file is refused: OutsideFileError) and streamed
 * from that handle.
 */
export async function* readTsvRecords(filePath: string, options: { from?: number; signal?: AbortSignal } = {}): AsyncGenerator<TsvRecord> {
  const queue: TsvRecord[] = [];
  const parser = new RecordParser((record) => queue.push(record));
  // The parser counts offsets from where it starts reading.
  const from = options.from ?? 0;
  const file = await openChecked(filePath);
  const stream = file.handle.createReadStream({ encoding: 'utf8', start: from, highWaterMark: 1 << 20, autoClose: true });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.push(chunk);
      while (queue.length > 0) {
        const record = queue.shift() as TsvRecord;
        yield { fields: record.fields, offset: record.offset + from };
      }
      if (options.signal?.aborted) return;
    }
    parser.finish();
    if (parser.unterminated) throw new TsvSyntaxError('a quoted field is never closed');
    for (const record of queue) yield { fields: record.fields, offset: record.offset + from };
  } finally {
    stream.destroy();
    await file.close();
  }
}

/** The one record that starts at `offset` (as readTsvRecords reported it). */
export async function readRecordAt(filePath: string, offset: number): Promise<string[] | undefined> {
  for await (const record of readTsvRecords(filePath, { from: offset })) return record.fields;
  return undefined;
}

export class TsvSyntaxError extends Error {
  override readonly name = 'TsvSyntaxError';
}

async function openChecked(filePath: string): Promise<OutsideFile> {
  const opened = await openOutsideFile(filePath);
  if (!('file' in opened)) throw new OutsideFileError(opened);
  return opened.file;
}
