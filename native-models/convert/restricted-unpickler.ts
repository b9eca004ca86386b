/**
 * A pickle reader that runs nothing. Python's pickle calls whatever callable a file names;
 * this one only understands the opcodes torch.save uses for a state dict, and every global the
 * file names goes through `resolveGlobal`, which either returns a plain data constructor of
 * ours or refuses (a ForbiddenGlobalError naming it). Storages come from `persistentLoad`.
 */

export class ForbiddenGlobalError extends Error {
  override readonly name = 'ForbiddenGlobalError';
  constructor(readonly global: string) {
    super(`pickle names a forbidden global: ${global}`);
  }
}

export class PickleFormatError extends Error {
  override readonly name = 'PickleFormatError';
}

export class PickleTuple {
  constructor(readonly items: readonly unknown[]) {}
}

/** What an allowed global becomes: a function of plain values, called by REDUCE. */
export interface PickleCallable {
  readonly global: string;
  call(args: readonly unknown[]): unknown;
}

export interface UnpickleHooks {
  resolveGlobal(module: string, name: string): PickleCallable;
  persistentLoad(pid: unknown): unknown;
}

const MARK = Symbol('mark');

export function unpickle(bytes: Buffer, hooks: UnpickleHooks): unknown {
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let at = 0;

  const need = (n: number): void => {
    if (at + n > bytes.length) throw new PickleFormatError('the pickle ends in the middle of an instruction');
  };
  const u8 = (): number => (need(1), bytes[at++]!);
  const u16 = (): number => (need(2), (at += 2), bytes.readUInt16LE(at - 2));
  const u32 = (): number => (need(4), (at += 4), bytes.readUInt32LE(at - 4));
  const u64 = (): number => (need(8), (at += 8), Number(bytes.readBigUInt64LE(at - 8)));
  const take = (n: number): Buffer => (need(n), (at += n), bytes.subarray(at - n, at));
  const line = (): string => {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) throw new PickleFormatError('unterminated text line');
    const text = bytes.toString('latin1', at, end);
    at = end + 1;
    return text;
  };
  const pop = (): unknown => {
    if (stack.length === 0) throw new PickleFormatError('stack underflow');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) throw new PickleFormatError('stack underflow');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const mark = stack.lastIndexOf(MARK);
    if (mark < 0) throw new PickleFormatError('no mark on the stack');
    const items = stack.splice(mark);
    items.shift();
    return items;
  };
  const setItems = (target: unknown, pairs: readonly unknown[]): void => {
    if (!(target instanceof Map)) throw new PickleFormatError('SETITEM on something that is not a dict');
    for (let i = 0; i + 1 < pairs.length; i += 2) target.set(pairs[i], pairs[i + 1]);
  };
  const append = (target: unknown, items: readonly unknown[]): void => {
    if (!Array.isArray(target)) throw new PickleFormatError('APPEND on something that is not a list');
    // One at a time: spreading 200,000 items into push() overflowed the call stack.
    for (const item of items) target.push(item);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80:
        u8();
        break; // PROTO
      case 0x95:
        u64();
        break; // FRAME (protocol 4): frames are just a read-ahead hint
      case 0x2e:
        return pop(); // STOP
      case 0x28:
        stack.push(MARK);
        break;
      case 0x30:
        pop();
        break; // POP
      case 0x31:
        popMark();
        break; // POP_MARK
      case 0x32:
        stack.push(top());
        break; // DUP
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x4a:
        need(4);
        stack.push(bytes.readInt32LE(at));
        at += 4;
        break; // BININT
      case 0x4b:
        stack.push(u8());
        break; // BININT1
      case 0x4d:
        stack.push(u16());
        break; // BININT2
      case 0x8a:
        stack.push(readLong(take(u8())));
        break; // LONG1
      case 0x47:
        need(8);
        stack.push(bytes.readDoubleBE(at));
        at += 8;
        break; // BINFLOAT
      case 0x58:
        stack.push(take(u32()).toString('utf8'));
        break; // BINUNICODE
      case 0x8c:
        stack.push(take(u8()).toString('utf8'));
        break; // SHORT_BINUNICODE
      case 0x8d:
        stack.push(take(u64()).toString('utf8'));
        break; // BINUNICODE8
      case 0x54:
        stack.push(take(u32()).toString('latin1'));
        break; // BINSTRING
      case 0x55:
        stack.push(take(u8()).toString('latin1'));
        break; // SHORT_BINSTRING
      case 0x42:
        stack.push(Buffer.from(take(u32())));
        break; // BINBYTES
      case 0x43:
        stack.push(Buffer.from(take(u8())));
        break; // SHORT_BINBYTES
      case 0x29:
        stack.push(new PickleTuple([]));
        break; // EMPTY_TUPLE
      case 0x74:
        stack.push(new PickleTuple(popMark()));
        break; // TUPLE
      case 0x85:
        stack.push(new PickleTuple([pop()]));
        break; // TUPLE1
      case 0x86: {
        const b = pop();
        stack.push(new PickleTuple([pop(), b]));
        break;
      } // TUPLE2
      case 0x87: {
        const c = pop();
        const b = pop();
        stack.push(new PickleTuple([pop(), b, c]));
        break;
      } // TUPLE3
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x6c:
        stack.push(popMark());
        break; // LIST
      case 0x61: {
        const item = pop();
        append(top(), [item]);
        break;
      } // APPEND
      case 0x65: {
        const items = popMark();
        append(top(), items);
        break;
      } // APPENDS
      case 0x7d:
        stack.push(new Map());
        break; // EMPTY_DICT
      case 0x64: {
        const map = new Map();
        setItems(map, popMark());
        stack.push(map);
        break;
      } // DICT
      case 0x73: {
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      } // SETITEM
      case 0x75: {
        const pairs = popMark();
        setItems(top(), pairs);
        break;
      } // SETITEMS
      case 0x71:
        memo.set(u8(), top());
        break; // BINPUT
      case 0x72:
        memo.set(u32(), top());
        break; // LONG_BINPUT
      case 0x94:
        memo.set(memo.size, top());
        break; // MEMOIZE
      case 0x68:
        stack.push(fromMemo(memo, u8()));
        break; // BINGET
      case 0x6a:
        stack.push(fromMemo(memo, u32()));
        break; // LONG_BINGET
      case 0x63: {
        const module = line();
        stack.push(hooks.resolveGlobal(module, line()));
        break;
      } // GLOBAL
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw new PickleFormatError('STACK_GLOBAL without names');
        stack.push(hooks.resolveGlobal(module, name));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const callable = pop();
        if (!isCallable(callable) || !(args instanceof PickleTuple))
          throw new PickleFormatError('REDUCE on something that is not an allowed global');
        stack.push(callable.call(args.items));
        break;
      }
      case 0x62:
        pop();
        break; // BUILD: the only state torch writes is a state dict's _metadata, which we do not need
      case 0x51:
        stack.push(hooks.persistentLoad(pop()));
        break; // BINPERSID
      default:
        // NEWOBJ, INST, OBJ, EXT* and friends build arbitrary objects: never needed for tensors.
        throw new PickleFormatError(`unsupported pickle instruction 0x${op.toString(16)} at byte ${at - 1}`);
    }
  }
}

function fromMemo(memo: Map<number, unknown>, key: number): unknown {
  if (!memo.has(key)) throw new PickleFormatError(`memo ${key} read before it was written`);
  return memo.get(key);
}

function isCallable(value: unknown): value is PickleCallable {
  return typeof value === 'object' && value !== null && 'call' in value && 'global' in value;
}

/** Little-endian two's complement, as LONG1 stores it; small enough values become numbers. */
function readLong(raw: Buffer): number | bigint {
  if (raw.length === 0) return 0;
  let value = 0n;
  for (let i = raw.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(raw[i]!);
  if (raw[raw.length - 1]! & 0x80) value -= 1n << BigInt(raw.length * 8);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
