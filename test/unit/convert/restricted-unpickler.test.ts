/**
 * The restricted unpickler on pickles written by Python's own pickle module (hex below): plain
 * values come back, any global but the ones the hooks allow is refused before anything else.
 */
import { describe, expect, it } from 'vitest';
import {
  ForbiddenGlobalError,
  PickleFormatError,
  type PickleTuple,
  unpickle,
  type UnpickleHooks,
} from '../../../native-models/convert/restricted-unpickler';

// pickle.dumps(OrderedDict([('k', 2**70), ('f', 1.5), ('t', (1, 2, 3)), ('l', [1, 'x'])]), protocol=2)
const ORDERED_DICT =
  '800263636f6c6c656374696f6e730a4f726465726564446963740a7100295271012858010000006b71028a090000000000000000405801000000667103473ff800000000000058010000007471044b014b024b0387710558010000006c71065d7107284b01580100000078710865752e';
// pickle.dumps({'a': Evil()}, protocol=4) where Evil.__reduce__ returns (eval, ('1+1',)): STACK_GLOBAL, FRAME, MEMOIZE
const EVAL_PROTOCOL_4 = '80049526000000000000007d948c0161948c086275696c74696e73948c046576616c9493948c03312b319485945294732e';

const onlyOrderedDict: UnpickleHooks = {
  resolveGlobal: (module, name) => {
    if (module === 'collections' && name === 'OrderedDict') return { global: `${module}.${name}`, call: () => new Map() };
    throw new ForbiddenGlobalError(`${module}.${name}`);
  },
  persistentLoad: () => {
    throw new PickleFormatError('no persistent ids here');
  },
};

describe('unpickle', () => {
  it('reads an OrderedDict of a long, a float, a tuple and a list', () => {
    const value = unpickle(Buffer.from(ORDERED_DICT, 'hex'), onlyOrderedDict) as Map<string, unknown>;
    expect([...value.keys()]).toEqual(['k', 'f', 't', 'l']);
    expect(value.get('k')).toBe(2n ** 70n);
    expect(value.get('f')).toBe(1.5);
    expect((value.get('t') as PickleTuple).items).toEqual([1, 2, 3]);
    expect(value.get('l')).toEqual([1, 'x']);
  });

  it('refuses builtins.eval named by STACK_GLOBAL (protocol 4), by name', () => {
    expect(() => unpickle(Buffer.from(EVAL_PROTOCOL_4, 'hex'), onlyOrderedDict)).toThrow(new ForbiddenGlobalError('builtins.eval'));
  });

  it('refuses instructions that build arbitrary objects (NEWOBJ)', () => {
    expect(() => unpickle(Buffer.from([0x80, 0x02, 0x29, 0x29, 0x81, 0x2e]), onlyOrderedDict)).toThrow(
      /unsupported pickle instruction 0x81/,
    );
  });

  it('refuses a pickle cut short', () => {
    const cut = Buffer.from(ORDERED_DICT, 'hex').subarray(0, 40);
    expect(() => unpickle(cut, onlyOrderedDict)).toThrow(PickleFormatError);
  });
});
