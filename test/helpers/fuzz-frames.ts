/**
 * WebSocket frames for the fuzz test: a few frames a client may send (requests, pings), then,
 * mostly, one it must not: an unknown opcode, RSV bits, no mask, invalid UTF-8, a continuation
 * with nothing to continue, a control frame too long or fragmented, a bad close code, a length
 * that lies or is over the limit, a broken envelope, plain garbage.
 */
import { encodeFrame } from './raw-websocket';
import type { Random } from './seeded-random';

const text = (value: string): Buffer => Buffer.from(value, 'utf8');
const INVALID_UTF8 = [
  Buffer.from([0xff]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from([0xe2, 0x82]),
];

/** A request that is cheap to answer, or an envelope the server must refuse (it closes the connection). */
function envelope(random: Random, id: number): Buffer {
  if (random.chance(0.8))
    return text(
      JSON.stringify({ type: 'request', id, method: random.pick(['capabilities', 'modelStatus', 'libraryState', 'nope']), params: null }),
    );
  return text(
    random.pick([
      '{"type":"request","method":"capabilities"}',
      '{"type":"request","id":"1","method":"x"}',
      '{"type":"request","id":1.5,"method":"x"}',
      '{"type":"response","id":1}',
      '[1,2]',
      'null',
      '{',
      '',
      '{"type":"request","id":1,"method":7}',
    ]),
  );
}

function goodFrame(random: Random, id: number): Buffer {
  switch (random.int(5)) {
    case 0:
      return encodeFrame({ opcode: 9, payload: random.bytes(random.int(126)) });
    case 1:
      return encodeFrame({ opcode: 10, payload: random.bytes(random.int(20)) });
    case 2: {
      // A message in fragments, as a client may send it.
      const whole = envelope(random, id);
      const cut = random.int(whole.length + 1);
      return Buffer.concat([
        encodeFrame({ opcode: 1, fin: false, payload: whole.subarray(0, cut) }),
        encodeFrame({ opcode: 0, payload: whole.subarray(cut) }),
      ]);
    }
    default:
      return encodeFrame({ opcode: 1, payload: envelope(random, id) });
  }
}

function badFrame(random: Random): Buffer {
  const payload = random.bytes(random.int(40));
  switch (random.int(16)) {
    case 0:
      return encodeFrame({ opcode: random.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), payload });
    case 1:
      return encodeFrame({ opcode: random.pick([1, 2, 9]), rsv: 1 + random.int(7), payload });
    case 2:
      return encodeFrame({ opcode: random.pick([1, 2, 8, 9]), payload, masked: false });
    case 3:
      return encodeFrame({ opcode: 1, payload: Buffer.concat([text('{"type":"request"'), random.pick(INVALID_UTF8), text('}')]) });
    case 4:
      return encodeFrame({ opcode: 2, payload });
    case 5:
      return encodeFrame({ opcode: 0, payload });
    case 6:
      return Buffer.concat([
        encodeFrame({ opcode: 1, fin: false, payload: text('{"a":') }),
        encodeFrame({ opcode: 1, payload: text('1}') }),
      ]);
    case 7:
      return encodeFrame({ opcode: random.pick([8, 9, 10]), fin: false, payload: random.bytes(4) });
    case 8:
      return encodeFrame({ opcode: random.pick([9, 10]), payload: random.bytes(126 + random.int(200)) });
    case 9: {
      const code = Buffer.alloc(2);
      code.writeUInt16BE(random.pick([0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65535]));
      return encodeFrame({ opcode: 8, payload: random.chance(0.3) ? random.bytes(1) : Buffer.concat([code, random.pick(INVALID_UTF8)]) });
    }
    case 10:
      return encodeFrame({
        opcode: random.pick([1, 2]),
        payload: Buffer.alloc(0),
        announcedLength: random.pick([64 * 1024 * 1024 + 1, 2 ** 32, 2 ** 53 + 10]),
      });
    case 11:
      return encodeFrame({ opcode: 1, payload, announcedLength: payload.length + 1 + random.int(70_000) });
    case 12:
      return encodeFrame({ opcode: 1, payload: Buffer.concat([payload, random.bytes(10)]), announcedLength: payload.length });
    case 13:
      return encodeFrame({ opcode: 1, payload: envelope(random, 0) });
    case 14:
      return random.bytes(1 + random.int(64));
    default:
      return random.bytes(1);
  }
}

/** The frames for one connection: a few good ones, then usually one bad one; each counts as one frame sent. */
export function frameBatch(random: Random, firstId: number): Buffer[] {
  const frames = Array.from({ length: random.int(6) }, (_, index) => goodFrame(random, firstId + index));
  if (random.chance(0.9)) frames.push(badFrame(random));
  return frames;
}
