/**
 * A WebSocket spoken by hand over TCP, for tests that send what no client library would:
 * unmasked frames, RSV bits, unknown opcodes, lengths that lie, invalid UTF-8.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface RawFrame {
  /** @default true */
  fin?: boolean;
  /** The three RSV bits, 0–7. @default 0 */
  rsv?: number;
  opcode: number;
  payload: Buffer;
  /** @default true (a client must mask) */
  masked?: boolean;
  /** A length to announce instead of the payload's own (a frame that lies). */
  announcedLength?: number;
}

export function encodeFrame(frame: RawFrame): Buffer {
  const { payload } = frame;
  const length = frame.announcedLength ?? payload.length;
  const masked = frame.masked ?? true;
  const first = ((frame.fin ?? true) ? 0x80 : 0) | (((frame.rsv ?? 0) & 7) << 4) | (frame.opcode & 0x0f);
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, (masked ? 0x80 : 0) | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(length, 2);
    header[1] = (masked ? 0x80 : 0) | 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(BigInt(length), 2);
    header[1] = (masked ? 0x80 : 0) | 127;
  }
  header[0] = first;
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, index) => byte ^ (mask[index % 4] as number)));
  return Buffer.concat([header, mask, body]);
}

export interface RawConnection {
  socket: net.Socket;
  /** Everything the server sent after the handshake. */
  received(): Buffer;
  /** Resolves when the server has closed the TCP connection. */
  closed: Promise<void>;
  send(bytes: Buffer): void;
}

/** Upgrades to the Studio API the way a browser does (token as a subprotocol); rejects on any status but 101, or after 10 s. */
export function openRawSocket(baseUrl: string, token: string): Promise<RawConnection> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer to the upgrade within 10 s'));
    }, 10_000);
    socket.once('close', () => clearTimeout(timer));
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => undefined); // a reset after a refused frame is expected
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (upgraded) return;
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      buffer = buffer.subarray(end + 4);
      if (!/^HTTP\/1\.1 101/.test(head)) {
        socket.destroy();
        return reject(new Error(`refused: ${head.split('\r\n')[0]}`));
      }
      upgraded = true;
      clearTimeout(timer);
      resolve({ socket, received: () => buffer, closed, send: (bytes) => void (socket.writable && socket.write(bytes)) });
    });
    socket.once('close', () => {
      if (!upgraded) reject(new Error('closed before the upgrade'));
    });
    socket.write(
      [
        'GET /api HTTP/1.1',
        `Host: ${url.host}`,
        `Origin: ${url.origin}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Protocol: folio.studio, folio.token.${token}`,
        '',
        '',
      ].join('\r\n'),
    );
  });
}

/** The server's frames in `bytes` (servers never mask): opcode, and the close code of a close frame. */
export function readFrames(bytes: Buffer): Array<{ opcode: number; payload: Buffer; closeCode?: number }> {
  const frames: Array<{ opcode: number; payload: Buffer; closeCode?: number }> = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = (bytes[at] as number) & 0x0f;
    const short = (bytes[at + 1] as number) & 0x7f;
    const offset = short === 126 ? 4 : short === 127 ? 10 : 2;
    if (at + offset > bytes.length) break;
    const length = short === 126 ? bytes.readUInt16BE(at + 2) : short === 127 ? Number(bytes.readBigUInt64BE(at + 2)) : short;
    if (at + offset + length > bytes.length) break;
    const payload = bytes.subarray(at + offset, at + offset + length);
    frames.push(opcode === 8 && length >= 2 ? { opcode, payload, closeCode: payload.readUInt16BE(0) } : { opcode, payload });
    at += offset + length;
  }
  return frames;
}
